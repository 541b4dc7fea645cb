import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  model,
  output,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSliderModule } from '@angular/material/slider';
import { RouterLink } from '@angular/router';
import type {
  RecommendationDetail,
  RecommendationLine,
  RecommendationProofView,
  RecommendationStatus,
  WhatIfResult,
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
import { type ApiError, toApiError } from '../../core/http/api-error';
import type { Remote } from '../../core/http/remote';
import type { TranslationKey } from '../../core/i18n/en';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { Money, MoneyPipe } from '../../core/i18n/money';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { AdjustmentApprovalComponent } from './adjustment-approval';
import { explanationText } from './explanation';
import { InventoryService } from './inventory.service';
import { proofSentence } from './proof-sentence';

/** The projected-stock chart's series from a line's projection (dates may be missing). */
export function projectionSeries(detail: RecommendationDetail): {
  onHand: DatedValue[];
  projected: DatedValue[];
  withoutOrder: DatedValue[];
  inbound: DatedValue[];
  demand: DatedValue[];
} {
  const points = detail.projection.filter(
    (p): p is typeof p & { date: string } => p.date !== null,
  );
  return {
    onHand: [{ date: detail.asOf.slice(0, 10), value: detail.onHand }],
    projected: points.map((p) => ({ date: p.date, value: p.onHand })),
    withoutOrder: points.map((p) => ({
      date: p.date,
      value: p.onHandWithoutOrder,
    })),
    inbound: points.map((p) => ({
      date: p.date,
      value: p.inbound + p.recommendedArrival || null,
    })),
    demand: points.map((p) => ({ date: p.date, value: p.forecast })),
  };
}

type WhatIfState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; value: WhatIfResult }
  | { status: 'error'; error: ApiError };

/**
 * The selected recommendation line beside the inventory table: projected stock, policy facts, the
 * service-level what-if and the decision form. The page owns the line's loading and the decision
 * requests (they reload the table too); this panel emits what the planner chose.
 */
@Component({
  selector: 'sc-inventory-detail',
  imports: [
    AdjustmentApprovalComponent,
    ErrorState,
    LoadingSkeleton,
    ProjectedStockChart,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSliderModule,
    RouterLink,
    TranslatePipe,
    NumberPipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inventory-detail.html',
  styleUrl: './inventory-detail.scss',
})
export class InventoryDetail {
  private readonly api = inject(InventoryService);
  protected readonly i18n = inject(I18n);
  protected readonly money = inject(Money);

  readonly detail = input.required<Remote<RecommendationDetail | null>>();
  readonly canDecide = input(false);
  readonly busy = input(false);
  /** The decision's reason, shared with the table's inline approve/reject buttons. */
  readonly reason = model('');
  readonly closed = output();
  /** A second approval was given: the line is ordered now. */
  readonly approved = output();
  readonly approve = output<RecommendationLine>();
  readonly reject = output<RecommendationLine>();
  readonly adjust = output<{ line: RecommendationLine; qty: number }>();

  protected readonly chartLabels = computed<ProjectedStockLabels>(() => ({
    onHand: this.i18n.t('inventory.chart.onHand'),
    projectedOnHand: this.i18n.t('inventory.chart.projected'),
    inbound: this.i18n.t('inventory.chart.inbound'),
    forecastDemand: this.i18n.t('inventory.chart.demand'),
    reorderPoint: this.i18n.t('inventory.chart.reorderPoint'),
    safetyStock: this.i18n.t('inventory.chart.safetyStock'),
    stockout: this.i18n.t('inventory.chart.stockout'),
    withoutOrder: this.i18n.t('inventory.chart.withoutOrder'),
    orderArrival: this.i18n.t('inventory.chart.orderArrival'),
    nextDelivery: this.i18n.t('inventory.chart.nextDelivery'),
  }));
  protected readonly projection = computed(() => {
    const d = this.detail().value();
    return d ? projectionSeries(d) : null;
  });

  // What-if slider: starts at the line's own target service level.
  protected readonly serviceLevel = linkedSignal(
    () => this.detail().value()?.serviceLevel ?? 0.95,
  );
  protected readonly whatIf = toSignal(
    toObservable(
      computed(() => ({
        id: this.detail().value()?.id ?? null,
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

  /** The line's result in the latest policy proof: null while loading, 'none' without one. */
  private readonly lineProof = toSignal(
    toObservable(computed(() => this.detail().value()?.id ?? null)).pipe(
      switchMap(
        (id): Observable<RecommendationProofView | 'none' | null> =>
          id === null
            ? of(null)
            : this.api.proof(id).pipe(
                catchError(() => of('none' as const)),
                startWith(null),
              ),
      ),
    ),
    { initialValue: null },
  );
  protected readonly proofText = computed(() => {
    const p = this.lineProof();
    return p === null
      ? null
      : proofSentence(p === 'none' ? null : p, this.i18n);
  });

  protected readonly adjustQty = linkedSignal<number | null>(
    () => this.detail().value()?.finalQty ?? null,
  );

  protected readonly percent = (value: number): string =>
    this.i18n.formatPercent(value);

  /** When the order arrives and what it leaves at risk until the next delivery, in words. */
  protected afterOrderText(d: RecommendationDetail): string {
    const a = d.afterOrder;
    const lead = this.i18n.formatNumber(a.leadTimeDays, {
      maximumFractionDigits: 1,
    });
    const arrives = this.i18n.t('inventory.afterOrder.arrives', {
      qty: this.i18n.formatNumber(a.orderQuantity),
      date: this.i18n.formatDate(a.arrivalDate),
      lead,
      next: this.i18n.formatDate(a.nextDeliveryDate),
    });
    const risk =
      a.reason && a.stockOutDate
        ? this.i18n.t(`inventory.afterOrder.${a.reason}` as const, {
            date: this.i18n.formatDate(a.stockOutDate),
            lead,
          })
        : this.i18n.t('inventory.afterOrder.covered');
    return `${arrives}${this.i18n.language() === 'zh-CN' ? '' : ' '}${risk}`;
  }

  protected statusKey(status: RecommendationStatus): TranslationKey {
    return `inventory.status.${status}` as const;
  }

  /** The line's explanation in the active language (the server's English without numbers). */
  protected explain(
    line: Pick<RecommendationLine, 'explanation' | 'explanationFacts'>,
  ): string {
    return explanationText(line, this.i18n);
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLInputElement).value);
  }

  protected onAdjustQty(event: Event): void {
    const value = (event.target as HTMLInputElement).valueAsNumber;
    this.adjustQty.set(Number.isFinite(value) ? value : null);
  }

  /** An adjustment needs a quantity and a reason (the button is disabled without them). */
  protected submitAdjust(line: RecommendationLine): void {
    const qty = this.adjustQty();
    if (qty === null || qty < 0 || !this.reason().trim()) {
      return;
    }
    this.adjust.emit({ line, qty });
  }
}
