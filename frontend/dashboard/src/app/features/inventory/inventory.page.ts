import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
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
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  type RecommendationFilters,
  type RecommendationLine,
  type RecommendationSort,
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
import { Money, MoneyPipe } from '../../core/i18n/money';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NextStepEmpty } from '../../shared/ui/next-step';
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
import {
  describeFilters,
  riskKey,
  riskReasonKey,
  statusKey,
} from './filter-summary';
import { reviewKeyAction } from './review-keys';
import {
  ABC,
  type FilterPatch,
  filtersOf,
  injectInventoryQuery,
  sortOf,
  INVENTORY_COLUMNS,
  PAGE_SIZES,
  XYZ,
} from './inventory-query';

export { projectionSeries } from './inventory-detail';
import { StoreSelect } from '../../shared/ui/store-select';

export { PAGE_SIZES } from './inventory-query';

@Component({
  selector: 'sc-inventory-page',
  imports: [
    CategorySelect,
    StoreSelect,
    PageHeader,
    NextStepEmpty,
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
    MatTooltipModule,
    TranslatePipe,
    MoneyPipe,
    NumberPipe,
    DatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inventory.page.html',
  styleUrl: './inventory.page.scss',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class InventoryPage {
  private readonly api = inject(InventoryService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);
  protected readonly money = inject(Money);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly abcValues = ABC;
  protected readonly xyzValues = XYZ;
  protected readonly risks = RECOMMENDATION_RISKS;
  protected readonly statuses = RECOMMENDATION_STATUSES;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly columns = INVENTORY_COLUMNS;

  /** Filters, sort, page and the selected line live in the URL. */
  protected readonly query = injectInventoryQuery();

  protected readonly stores = remote(() => this.api.stores());
  protected readonly regions = computed(() =>
    [
      ...new Set(
        (this.stores.value() ?? []).flatMap((s) =>
          s.region === null ? [] : [s.region],
        ),
      ),
    ].sort(),
  );
  /** The store picker offers the chosen region's stores only. */
  protected readonly regionStores = computed(() => {
    const region = this.query.state().region;
    return (this.stores.value() ?? []).filter(
      (s) => !region || s.region === region,
    );
  });
  protected readonly categories = remote(() => this.api.categories());

  protected readonly filters = computed<RecommendationFilters>(() =>
    filtersOf(this.query.state()),
  );
  protected readonly filtered = computed(() =>
    Object.values(this.filters()).some((v) => v !== undefined),
  );

  private readonly listQuery = computed<RecommendationQuery>(() => {
    const q = this.query.state();
    const size = Number(q.size);
    return {
      filters: this.filters(),
      ...sortOf(q),
      limit: size,
      offset: q.page * size,
    };
  });
  protected readonly sort = computed(() => sortOf(this.query.state()));
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

  protected readonly canImport = computed(() => {
    this.auth.role();
    return this.auth.can('import');
  });
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
  /** How many pending lines the bulk approval would touch (asked when the confirmation opens). */
  protected readonly bulkCount = signal<{ pending: number } | null>(null);
  /** The row that the keyboard (j/k) points at; defaults to the open line, else the first row. */
  private readonly cursor = signal<number | null>(null);
  protected readonly cursorId = computed(() => {
    const ids = this.rows().map((r) => r.id);
    const c = this.cursor() ?? this.selectedId();
    return c !== null && ids.includes(c) ? c : (ids[0] ?? null);
  });

  /** The active filters in words, for the bulk confirmation ("store S01, risk Stock-out"). */
  protected readonly filterSummary = computed(() =>
    describeFilters(this.filters(), this.i18n),
  );

  protected readonly riskKey = riskKey;
  protected readonly riskReasonKey = riskReasonKey;
  protected readonly statusKey = statusKey;

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

  /** Opens the bulk confirmation and counts the pending lines it would approve. */
  protected openBulkConfirm(): void {
    this.confirmBulk.set(true);
    this.bulkCount.set(null);
    const filters = this.filters();
    if (filters.status && filters.status !== 'pending') {
      this.bulkCount.set({ pending: 0 });
      return;
    }
    const sub = this.api
      .list({
        filters: { ...filters, status: 'pending' },
        sort: null,
        order: 'asc',
        limit: 1,
        offset: 0,
      })
      .subscribe({
        next: (page) => this.bulkCount.set({ pending: page.total }),
        // Without a count the confirmation still names the filters (generic text).
        error: () => undefined,
      });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  /** Review from the keyboard (see {@link reviewKeyAction} for the keys). */
  protected onKey(event: KeyboardEvent): void {
    const action = reviewKeyAction(event);
    if (!action) return;
    const rows = this.rows();
    const index = rows.findIndex((r) => r.id === this.cursorId());
    const move = (delta: number): void => {
      const next = rows[Math.min(rows.length - 1, Math.max(0, index + delta))];
      if (!next) return;
      this.cursor.set(next.id);
      if (this.selectedId() !== null) this.select(next);
      this.reveal(next.id);
    };
    const current = index >= 0 ? rows[index] : undefined;
    if (action === 'next' || action === 'previous') {
      move(action === 'next' ? 1 : -1);
    } else if (action === 'open') {
      if (!current) return;
      this.select(current);
    } else if (action === 'close') {
      if (this.selectedId() === null) return;
      this.closeDetail();
    } else {
      if (!current || !this.canDecide() || this.busy()) return;
      if (current.status !== 'pending') return;
      if (action === 'approve') this.approve(current);
      else this.reject(current);
      move(1);
    }
    event.preventDefault();
  }

  private reveal(id: number): void {
    this.host.nativeElement
      .querySelector(`tr[data-line="${id}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
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
