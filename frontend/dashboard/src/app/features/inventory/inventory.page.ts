import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  MatPaginatorModule,
  type PageEvent,
} from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import {
  type RecommendationFilters,
  type RecommendationLine,
  type RecommendationRisk,
  type RecommendationSort,
  type RecommendationStatus,
  RECOMMENDATION_RISKS,
  RECOMMENDATION_SORTS,
  RECOMMENDATION_STATUSES,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
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
import { InventoryDetail } from './inventory-detail';

export { projectionSeries } from './inventory-detail';
import { StoreSelect } from '../../shared/ui/store-select';

export const PAGE_SIZES = [25, 50, 100] as const;
const ABC = ['A', 'B', 'C'] as const;
const XYZ = ['X', 'Y', 'Z'] as const;

@Component({
  selector: 'sc-inventory-page',
  imports: [
    CategorySelect,
    StoreSelect,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingSkeleton,
    InventoryDetail,
    MatTableModule,
    MatPaginatorModule,
    MatSortModule,
    MatFormFieldModule,
    MatSelectModule,
    MatInputModule,
    MatButtonModule,
    TranslatePipe,
    NumberPipe,
    DatePipe,
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

  // Decisions
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

  protected adjust(line: RecommendationLine, qty: number): void {
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
