import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  MatPaginatorModule,
  type PageEvent,
} from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSliderModule } from '@angular/material/slider';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import {
  type RecommendationDetail,
  type RecommendationFilters,
  type RecommendationLine,
  type RecommendationRisk,
  type RecommendationSort,
  type RecommendationStatus,
  RECOMMENDATION_RISKS,
  RECOMMENDATION_SORTS,
  RECOMMENDATION_STATUSES,
  type WhatIfResult,
} from '@shelfcast/contracts';
import {
  type DatedValue,
  ProjectedStockChart,
  type ProjectedStockLabels,
} from '@shelfcast/charts';
import {
  type Observable,
  catchError,
  debounceTime,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { AdjustmentApprovalComponent } from './adjustment-approval';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remote } from '../../core/http/remote';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { DatePipe, NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  enumParam,
  intParam,
  injectQueryParams,
  optionalEnumParam,
  stringParam,
} from '../../core/url-state/query-params';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { explanationText } from './explanation';
import {
  InventoryService,
  type RecommendationQuery,
} from './inventory.service';
import { CategorySelect } from '../../shared/ui/category-select';

export const PAGE_SIZES = [25, 50, 100] as const;
const ABC = ['A', 'B', 'C'] as const;
const XYZ = ['X', 'Y', 'Z'] as const;

/** The projected-stock chart's series from a line's projection (dates may be missing). */
export function projectionSeries(detail: RecommendationDetail): {
  onHand: DatedValue[];
  projected: DatedValue[];
  inbound: DatedValue[];
  demand: DatedValue[];
} {
  const points = detail.projection.filter(
    (p): p is typeof p & { date: string } => p.date !== null,
  );
  return {
    onHand: [{ date: detail.asOf.slice(0, 10), value: detail.onHand }],
    projected: points.map((p) => ({ date: p.date, value: p.onHand })),
    inbound: points.map((p) => ({
      date: p.date,
      value: p.inbound + p.recommendedArrival || null,
    })),
    demand: points.map((p) => ({ date: p.date, value: p.forecast })),
  };
}

@Component({
  selector: 'sc-inventory-page',
  imports: [
    CategorySelect,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingSkeleton,
    ProjectedStockChart,
    MatTableModule,
    MatPaginatorModule,
    MatSortModule,
    MatFormFieldModule,
    MatSelectModule,
    MatInputModule,
    MatButtonModule,
    MatSliderModule,
    TranslatePipe,
    NumberPipe,
    DatePipe,
    AdjustmentApprovalComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inventory.page.html',
  styleUrl: './inventory.page.scss',
})
export class InventoryPage {
  private readonly api = inject(InventoryService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);

  protected readonly abcValues = ABC;
  protected readonly xyzValues = XYZ;
  protected readonly risks = RECOMMENDATION_RISKS;
  protected readonly statuses = RECOMMENDATION_STATUSES;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly columns = [
    'store',
    'sku',
    'risk',
    'abc',
    'recommendedQty',
    'finalQty',
    'daysOfCover',
    'stockoutDate',
    'status',
    'actions',
  ] as const;

  /** Filters, sort, page and the selected line live in the URL. */
  protected readonly query = injectQueryParams({
    store: stringParam(),
    region: stringParam(),
    category: stringParam(),
    abc: optionalEnumParam(ABC),
    xyz: optionalEnumParam(XYZ),
    risk: optionalEnumParam(RECOMMENDATION_RISKS),
    status: optionalEnumParam(RECOMMENDATION_STATUSES),
    search: stringParam(),
    sort: optionalEnumParam(RECOMMENDATION_SORTS),
    order: enumParam(['asc', 'desc'] as const, 'asc'),
    page: intParam(0, 0),
    size: enumParam(['25', '50', '100'] as const, '50'),
    line: intParam(0, 0),
  });

  protected readonly stores = remote(() => this.api.stores());
  protected readonly regions = computed(() =>
    [...new Set((this.stores.value() ?? []).map((s) => s.region))].sort(),
  );
  /** The store picker offers the chosen region's stores only. */
  protected readonly regionStores = computed(() => {
    const region = this.query.state().region;
    return (this.stores.value() ?? []).filter(
      (s) => !region || s.region === region,
    );
  });
  protected readonly categories = remote(() => this.api.categories());

  protected readonly filters = computed<RecommendationFilters>(() => {
    const q = this.query.state();
    return {
      store: q.store || undefined,
      region: q.region || undefined,
      category: q.category || undefined,
      abc: q.abc ?? undefined,
      xyz: q.xyz ?? undefined,
      risk: q.risk ?? undefined,
      status: q.status ?? undefined,
      search: q.search || undefined,
    };
  });
  protected readonly filtered = computed(() =>
    Object.values(this.filters()).some((v) => v !== undefined),
  );

  private readonly listQuery = computed<RecommendationQuery>(() => {
    const q = this.query.state();
    const size = Number(q.size);
    return {
      filters: this.filters(),
      sort: q.sort,
      order: q.order,
      limit: size,
      offset: q.page * size,
    };
  });
  protected readonly lines = remoteFor(
    () => this.listQuery(),
    (q) => this.api.list(q),
  );
  protected readonly rows = computed(() => this.lines.value()?.items ?? []);
  protected readonly total = computed(() => this.lines.value()?.total ?? 0);
  protected readonly nothingYet = computed(
    () =>
      this.lines.state().status === 'ok' &&
      this.total() === 0 &&
      !this.filtered(),
  );

  protected readonly selectedId = computed(
    () => this.query.state().line || null,
  );
  protected readonly detail = remoteFor(
    () => this.selectedId(),
    (id) => this.api.detail(id),
  );

  protected readonly canDecide = computed(() => {
    this.auth.role();
    return this.auth.can('approve');
  });

  protected readonly chartLabels = computed<ProjectedStockLabels>(() => ({
    onHand: this.i18n.t('inventory.chart.onHand'),
    projectedOnHand: this.i18n.t('inventory.chart.projected'),
    inbound: this.i18n.t('inventory.chart.inbound'),
    forecastDemand: this.i18n.t('inventory.chart.demand'),
    reorderPoint: this.i18n.t('inventory.chart.reorderPoint'),
    safetyStock: this.i18n.t('inventory.chart.safetyStock'),
    stockout: this.i18n.t('inventory.chart.stockout'),
  }));
  protected readonly projection = computed(() => {
    const d = this.detail.value();
    return d ? projectionSeries(d) : null;
  });

  // What-if slider: starts at the line's own target service level.
  protected readonly serviceLevel = linkedSignal(
    () => this.detail.value()?.serviceLevel ?? 0.95,
  );
  protected readonly whatIf = toSignal(
    toObservable(
      computed(() => ({
        id: this.detail.value()?.id ?? null,
        level: this.serviceLevel(),
      })),
    ).pipe(
      debounceTime(300),
      switchMap(
        ({ id, level }): Observable<WhatIfState> =>
          id === null
            ? of({ status: 'idle' })
            : this.api.whatIf(id, level).pipe(
                map((value): WhatIfState => ({ status: 'ok', value })),
                catchError((error: unknown) =>
                  of<WhatIfState>({
                    status: 'error',
                    error: toApiError(error),
                  }),
                ),
                startWith<WhatIfState>({ status: 'loading' }),
              ),
      ),
    ),
    { initialValue: { status: 'idle' } as WhatIfState },
  );

  // Decisions
  protected readonly adjustQty = linkedSignal<number | null>(
    () => this.detail.value()?.finalQty ?? null,
  );
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly decisionError = signal<ApiError | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly confirmBulk = signal(false);

  protected riskKey(risk: RecommendationRisk): TranslationKey {
    return `inventory.risk.${risk}` as const;
  }

  protected statusKey(status: RecommendationStatus): TranslationKey {
    return `inventory.status.${status}` as const;
  }

  protected readonly percent = (value: number): string =>
    this.i18n.formatPercent(value);

  protected filter(values: FilterPatch): void {
    void this.query.patch({ ...values, page: 0, line: 0 });
  }

  protected onSearch(event: Event): void {
    this.filter({ search: (event.target as HTMLInputElement).value });
  }

  /** The line's explanation in the active language (the server's English without numbers). */
  protected explain(
    line: Pick<RecommendationLine, 'explanation' | 'explanationFacts'>,
  ): string {
    return explanationText(line, this.i18n);
  }

  protected onSort(sort: Sort): void {
    const active = (RECOMMENDATION_SORTS as readonly string[]).includes(
      sort.active,
    )
      ? (sort.active as RecommendationSort)
      : null;
    void this.query.patch({
      sort: sort.direction ? active : null,
      order: sort.direction === 'desc' ? 'desc' : 'asc',
      page: 0,
    });
  }

  protected onPage(event: PageEvent): void {
    const size = String(event.pageSize) as '25' | '50' | '100';
    void this.query.patch({ page: event.pageIndex, size });
  }

  protected select(line: RecommendationLine): void {
    this.notice.set(null);
    this.decisionError.set(null);
    this.reason.set('');
    void this.query.patch({ line: line.id });
  }

  /** After a second approval: the line is ordered now. */
  protected onApproved(): void {
    this.lines.reload();
    this.detail.reload();
  }

  protected closeDetail(): void {
    void this.query.patch({ line: 0 });
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLInputElement).value);
  }

  protected onAdjustQty(event: Event): void {
    const value = (event.target as HTMLInputElement).valueAsNumber;
    this.adjustQty.set(Number.isFinite(value) ? value : null);
  }

  protected approve(line: RecommendationLine): void {
    this.decide(
      this.api.approve(line.id, this.reason() || undefined),
      'inventory.done.approved',
    );
  }

  protected reject(line: RecommendationLine): void {
    this.decide(
      this.api.reject(line.id, this.reason() || undefined),
      'inventory.done.rejected',
    );
  }

  protected adjust(line: RecommendationLine): void {
    const qty = this.adjustQty();
    if (qty === null || qty < 0 || !this.reason().trim()) {
      return;
    }
    this.decide(
      this.api.adjust(line.id, qty, this.reason().trim()),
      'inventory.done.adjusted',
    );
  }

  protected bulkApprove(): void {
    this.busy.set(true);
    this.decisionError.set(null);
    const sub = this.api.bulkApprove(this.filters()).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.confirmBulk.set(false);
        this.notice.set(
          this.i18n.t('inventory.done.bulk', {
            n: this.i18n.formatNumber(result.updated),
          }),
        );
        this.lines.reload();
        this.detail.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.decisionError.set(toApiError(error));
      },
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  private decide(
    request: Observable<RecommendationLine>,
    done: TranslationKey,
  ): void {
    this.busy.set(true);
    this.decisionError.set(null);
    const sub = request.subscribe({
      next: (line) => {
        this.busy.set(false);
        this.reason.set('');
        this.notice.set(
          this.i18n.t(
            line.status === 'pending_approval'
              ? 'inventory.done.pendingApproval'
              : done,
            { sku: line.sku, store: line.store },
          ),
        );
        this.lines.reload();
        if (line.id === this.selectedId()) {
          this.detail.reload();
        }
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.decisionError.set(toApiError(error));
      },
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }
}

interface FilterPatch {
  store?: string;
  region?: string;
  category?: string;
  abc?: (typeof ABC)[number] | null;
  xyz?: (typeof XYZ)[number] | null;
  risk?: RecommendationRisk | null;
  status?: RecommendationStatus | null;
  search?: string;
}

type WhatIfState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; value: WhatIfResult }
  | { status: 'error'; error: ApiError };
