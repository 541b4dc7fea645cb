import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import type { DataFreshness, ImportKind } from '@shelfcast/contracts';
import { remote } from '../../core/http/remote';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorState } from '../../shared/ui/error-state';
import { KpiCard, type KpiComparison } from '../../shared/ui/kpi-card';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { OverviewService } from './overview.service';

/** Days after which the latest sales date is flagged as stale. */
export const STALE_SALES_DAYS = 7;

@Component({
  selector: 'sc-overview-page',
  imports: [
    PageHeader,
    KpiCard,
    EmptyState,
    ErrorState,
    LoadingSkeleton,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.scss',
})
export class OverviewPage {
  private readonly api = inject(OverviewService);
  protected readonly i18n = inject(I18n);

  protected readonly health = remote(() => this.api.health());
  protected readonly freshness = remote(() => this.api.freshness());

  protected readonly byKind = computed(() => {
    const map = new Map<ImportKind, DataFreshness>();
    for (const f of this.freshness.value() ?? []) {
      map.set(f.kind, f);
    }
    return map;
  });

  protected readonly hasSales = computed(
    () => (this.byKind().get('sales')?.rows ?? 0) > 0,
  );

  protected readonly healthValue = computed(() => {
    const h = this.health.value();
    return h
      ? this.i18n.t(
          h.status === 'ok' ? 'overview.kpi.apiOk' : 'overview.kpi.apiDegraded',
        )
      : null;
  });

  protected readonly healthComparison = computed<KpiComparison | null>(() => {
    const h = this.health.value();
    if (!h) {
      return null;
    }
    return {
      text: h.database.ok
        ? this.i18n.t('overview.kpi.database', {
            type: h.database.type,
            latency: this.i18n.formatNumber(h.database.latencyMs, {
              maximumFractionDigits: 0,
            }),
          })
        : this.i18n.t('overview.kpi.databaseDown', { type: h.database.type }),
      good: h.database.ok ? null : false,
    };
  });

  protected readonly latestSales = computed(() => {
    const sales = this.byKind().get('sales');
    return sales?.lastDate ? this.i18n.formatDate(sales.lastDate) : null;
  });

  protected readonly latestSalesComparison = computed<KpiComparison | null>(
    () => {
      const lastDate = this.byKind().get('sales')?.lastDate;
      if (!lastDate) {
        return null;
      }
      const ageDays = Math.floor(
        (Date.now() - Date.parse(`${lastDate}T00:00:00Z`)) / 86_400_000,
      );
      return {
        text: this.i18n.formatRelative(lastDate),
        good: ageDays > STALE_SALES_DAYS ? false : null,
      };
    },
  );

  protected rows(kind: ImportKind): string | null {
    const rows = this.byKind().get(kind)?.rows;
    return rows ? this.i18n.formatNumber(rows) : null;
  }
}
