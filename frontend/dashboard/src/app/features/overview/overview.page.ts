import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  type DataFreshness,
  type ImportKind,
  OVERVIEW_SCOPES,
  type OverviewScope,
} from '@shelfcast/contracts';
import { remote } from '../../core/http/remote';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  enumParam,
  injectQueryParams,
  stringParam,
} from '../../core/url-state/query-params';
import { DateField } from '../../shared/ui/date-field';
import { EmptyState } from '../../shared/ui/empty-state';
import { NextStepEmpty } from '../../shared/ui/next-step';
import { ErrorState } from '../../shared/ui/error-state';
import { KpiCard, type KpiComparison } from '../../shared/ui/kpi-card';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import {
  forecastsLink,
  inventoryLink,
  type KpiLink,
  lastPoints,
  regionsOf,
  relativeChange,
  salesChange,
} from './overview-kpis';
import { Money } from '../../core/i18n/money';
import { OverviewLevels } from './overview-levels';
import { OverviewService, type OverviewQuery } from './overview.service';
import { CategorySelect } from '../../shared/ui/category-select';
import { StoreSelect } from '../../shared/ui/store-select';

/** Days after which the latest sales date is flagged as stale. */
export const STALE_SALES_DAYS = 7;

/** One KPI card of the scope: label, value, comparison, sparkline and its detail page. */
export interface OverviewKpi {
  id: string;
  label: string;
  value: string | null;
  comparison: KpiComparison | null;
  sparkline: (number | null)[] | null;
  /** Shown instead of a value (e.g. no forecast yet). */
  empty: string;
  link: KpiLink;
}

const SCOPE_KEYS: Record<OverviewScope, TranslationKey> = {
  chain: 'overview.scope.chain',
  region: 'overview.scope.region',
  store: 'overview.scope.store',
  category: 'overview.scope.category',
};

@Component({
  selector: 'sc-overview-page',
  imports: [
    DateField,
    CategorySelect,
    OverviewLevels,
    StoreSelect,
    PageHeader,
    KpiCard,
    EmptyState,
    NextStepEmpty,
    ErrorState,
    LoadingSkeleton,
    TranslatePipe,
    RouterLink,
    MatFormFieldModule,
    MatSelectModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.scss',
})
export class OverviewPage {
  private readonly api = inject(OverviewService);
  protected readonly i18n = inject(I18n);
  private readonly money = inject(Money);

  protected readonly scopes = OVERVIEW_SCOPES;
  protected readonly scopeKeys = SCOPE_KEYS;

  protected readonly query = injectQueryParams({
    scope: enumParam(OVERVIEW_SCOPES, 'chain'),
    key: stringParam(),
    asOf: stringParam(),
  });

  protected readonly health = remote(() => this.api.health());
  protected readonly freshness = remote(() => this.api.freshness());
  protected readonly stores = remote(() => this.api.stores());
  protected readonly categories = remote(() => this.api.categories());

  protected readonly regions = computed(() =>
    regionsOf(this.stores.value() ?? []),
  );

  /** null while a region, store or category is still to be chosen. */
  protected readonly params = computed<OverviewQuery | null>(() => {
    const { scope, key, asOf } = this.query.state();
    if (scope !== 'chain' && !key) {
      return null;
    }
    return {
      scope,
      key: scope === 'chain' ? '' : key,
      asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
    };
  });

  protected readonly overview = remoteFor(
    () => this.params(),
    (p) => this.api.overview(p),
  );

  protected readonly asOfNote = computed(() => {
    const o = this.overview.value();
    if (!o?.asOf) {
      return null;
    }
    return this.i18n.t(
      o.asOfFromData ? 'overview.asOf.fromData' : 'overview.asOf.chosen',
      { date: this.i18n.formatDate(o.asOf), stores: o.stores },
    );
  });

  protected readonly kpis = computed<OverviewKpi[]>(() => {
    const o = this.overview.value();
    if (!o) {
      return [];
    }
    const t = this.i18n;
    const units = (n: number) =>
      t.formatNumber(n, { maximumFractionDigits: 0 });
    const pct = (n: number) =>
      t.formatNumber(n, {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      });
    const forecasts = forecastsLink(o.scope, o.key);
    const inventory = (filter: Record<string, string>) =>
      inventoryLink(o.scope, o.key, filter);
    const noSales = t.t('overview.kpi.noData');
    const noForecast = t.t('overview.kpi.noForecast');
    const noRecommendations = t.t('overview.kpi.noRecommendations');
    const hasRecommendations = o.inventory.runId !== null;

    const sales = (
      id: string,
      w: typeof o.sales7,
      label: TranslationKey,
    ): OverviewKpi => {
      const change = salesChange(w);
      return {
        id,
        label: t.t(label),
        value: w ? units(w.units) : null,
        comparison: w
          ? {
              text:
                change === null
                  ? t.t('overview.kpi.noLastYear')
                  : t.t('overview.kpi.vsLastYear', { change: pct(change) }),
              direction: direction(change),
              good: change === null || change === 0 ? null : change > 0,
            }
          : null,
        sparkline: w ? lastPoints(o.trend.sales, w.days) : null,
        empty: noSales,
        link: forecasts,
      };
    };
    const forecast = (
      id: string,
      w: typeof o.forecast7,
      recent: typeof o.sales7,
      label: TranslationKey,
    ): OverviewKpi => {
      const covered = w !== null && w.coveredDays > 0;
      const change =
        covered && recent ? relativeChange(w.units, recent.units) : null;
      return {
        id,
        label: t.t(label),
        value: covered ? units(w.units) : null,
        comparison: covered
          ? {
              text:
                w.coveredDays < w.days
                  ? t.t('overview.kpi.forecastPartial', {
                      covered: w.coveredDays,
                      days: w.days,
                    })
                  : change === null
                    ? t.t('overview.kpi.noData')
                    : t.t('overview.kpi.vsLastDays', {
                        change: pct(change),
                        days: w.days,
                      }),
              direction: w.coveredDays < w.days ? null : direction(change),
              good: null,
            }
          : null,
        sparkline: covered
          ? o.trend.forecast.slice(0, w.days).map((f) => f.units)
          : null,
        empty: noForecast,
        link: forecasts,
      };
    };
    const a = o.accuracy;
    const accuracyText =
      a.source === 'served'
        ? t.t('overview.kpi.accuracyServed', {
            bias: pct(a.bias ?? 0),
            from: t.formatDate(a.from),
            to: t.formatDate(a.to),
          })
        : t.t('overview.kpi.accuracyBacktest', { bias: pct(a.bias ?? 0) });
    const weekly = a.weekly.map((w) => w.wape);
    return [
      sales('sales7', o.sales7, 'overview.kpi.sales7'),
      sales('sales28', o.sales28, 'overview.kpi.sales28'),
      forecast('forecast7', o.forecast7, o.sales7, 'overview.kpi.forecast7'),
      forecast(
        'forecast28',
        o.forecast28,
        o.sales28,
        'overview.kpi.forecast28',
      ),
      {
        id: 'accuracy',
        label: t.t('overview.kpi.wape'),
        value:
          a.wape === null
            ? null
            : t.formatNumber(a.wape, {
                style: 'percent',
                maximumFractionDigits: 1,
              }),
        comparison: a.wape === null ? null : { text: accuracyText },
        sparkline: weekly.filter((w) => w !== null).length > 1 ? weekly : null,
        empty: t.t('overview.kpi.accuracyNone'),
        link: { path: '/models', queryParams: {} },
      },
      {
        id: 'stockout',
        label: t.t('overview.kpi.stockoutItems'),
        value: hasRecommendations ? units(o.inventory.stockoutRisk) : null,
        comparison: null,
        sparkline: null,
        empty: noRecommendations,
        link: inventory({ risk: 'stockout' }),
      },
      {
        id: 'excess',
        label: t.t('overview.kpi.excessValue'),
        value: hasRecommendations
          ? this.money.format(o.inventory.excessValue, 0)
          : null,
        comparison: hasRecommendations
          ? { text: t.t('overview.kpi.excessHint') }
          : null,
        sparkline: null,
        empty: noRecommendations,
        link: inventory({
          risk: 'excess',
          sort: 'excessValue',
          order: 'desc',
        }),
      },
      {
        id: 'pending',
        label: t.t('overview.kpi.pendingApprovals'),
        value: hasRecommendations ? units(o.inventory.pendingApprovals) : null,
        comparison: null,
        sparkline: null,
        empty: noRecommendations,
        link: inventory({ status: 'pending' }),
      },
    ];
  });

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

  protected pickScope(scope: OverviewScope): void {
    void this.query.patch({ scope, key: '' });
  }

  protected pickKey(key: string): void {
    void this.query.patch({ key });
  }

  protected pickAsOf(asOf: string | null): void {
    void this.query.patch({ asOf: asOf ?? '' });
  }

  protected resetAsOf(): void {
    void this.query.patch({ asOf: '' });
  }
}

function direction(change: number | null): KpiComparison['direction'] {
  if (change === null) {
    return null;
  }
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}
