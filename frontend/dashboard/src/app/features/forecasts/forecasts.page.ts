import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type {
  ForecastLevel,
  ProductDto,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { ForecastChart, type ForecastChartLabels } from '@shelfcast/charts';
import { map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { remote } from '../../core/http/remote';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { NumberPipe } from '../../core/i18n/format.pipes';
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
import { KpiCard } from '../../shared/ui/kpi-card';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import {
  FORECAST_LEVELS,
  backtestValues,
  eventMarkers,
  historyMarkers,
  historyValues,
  horizonTotal,
  missingFor,
  signalNames,
} from './forecast-view';
import { ForecastsService, type SeriesQuery } from './forecasts.service';
import { ForecastDrivers } from './forecast-drivers';
import { ForecastLevels } from './forecast-levels';
import { OverrideForm } from './override-form';
import { pastForecasts } from './past-forecasts';
import { PastForecastsControl } from './past-forecasts-control';
import { ProductPicker } from './product-picker';
import { CategorySelect } from '../../shared/ui/category-select';
import { StoreSelect } from '../../shared/ui/store-select';

export const HISTORY_DAYS = ['90', '180', '365', '730'] as const;

import {
  exportFileName,
  forecastCsv,
  inRange,
  saveFile,
} from './forecast-export';
@Component({
  selector: 'sc-forecasts-page',
  imports: [
    DateField,
    CategorySelect,
    StoreSelect,
    PageHeader,
    EmptyState,
    NextStepEmpty,
    ErrorState,
    LoadingSkeleton,
    KpiCard,
    ForecastChart,
    ForecastDrivers,
    ForecastLevels,
    ProductPicker,
    OverrideForm,
    PastForecastsControl,
    MatFormFieldModule,
    MatSelectModule,
    MatButtonModule,
    MatButtonToggleModule,
    TranslatePipe,
    NumberPipe,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './forecasts.page.html',
  styleUrl: './forecasts.page.scss',
})
export class ForecastsPage {
  private readonly api = inject(ForecastsService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);

  protected readonly levels = FORECAST_LEVELS;
  protected readonly historyOptions = HISTORY_DAYS;

  /** Page state in the URL: a shared link opens the same series, level and window. */
  protected readonly query = injectQueryParams({
    level: enumParam(FORECAST_LEVELS, 'chain'),
    store: stringParam(),
    sku: stringParam(),
    category: stringParam(),
    days: enumParam(HISTORY_DAYS, '180'),
    signal: stringParam(),
    from: stringParam(),
    to: stringParam(),
  });

  private readonly chart = viewChild(ForecastChart);

  protected readonly stores = remote(() => this.api.stores());
  protected readonly categories = remote(() => this.api.categories());

  protected readonly selection = computed(() => {
    const q = this.query.state();
    return {
      store: q.store || null,
      sku: q.sku || null,
      category: q.category || null,
    };
  });

  protected readonly missing = computed(() =>
    missingFor(this.query.state().level, this.selection()),
  );

  private readonly seriesQuery = computed<SeriesQuery | null>(() =>
    this.missing() !== null
      ? null
      : {
          level: this.query.state().level,
          ...this.selection(),
          historyDays: Number(this.query.state().days),
          signal: this.query.state().signal || null,
        },
  );

  protected readonly series = remoteFor(
    () => this.seriesQuery(),
    (q) => this.api.series(q),
  );

  /** Forecasts issued at past origins, laid over the chart of a single series. */
  protected readonly past = pastForecasts(() => this.seriesQuery());

  /** The picked product, for its name (the URL holds only the SKU). */
  private readonly pickedProduct = remoteFor(
    () => this.selection().sku,
    (sku) =>
      this.api
        .products(sku, null, 5)
        .pipe(map((page) => page.items.find((p) => p.sku === sku) ?? null)),
  );

  protected readonly productLabel = computed(() => {
    const sku = this.selection().sku;
    const product = this.pickedProduct.value();
    return sku ? (product ? `${sku} · ${product.name}` : sku) : '';
  });

  protected readonly data = computed<SeriesForecastResponse | null>(
    () => this.series.value() ?? null,
  );
  /** No serving run yet: nothing has been trained. */
  protected readonly untrained = computed(() => {
    const d = this.data();
    return d !== null && d.runId === null && d.forecast.length === 0;
  });

  protected readonly chartLabels = computed<ForecastChartLabels>(() => ({
    history: this.i18n.t('forecasts.chart.actual'),
    forecast: this.i18n.t('forecasts.chart.forecast'),
    band: this.i18n.t('forecasts.chart.band'),
    backtest: this.i18n.t('forecasts.chart.backtest'),
    markers: {
      promotion: this.i18n.t('forecasts.chart.promotions'),
      holiday: this.i18n.t('forecasts.chart.holidays'),
      event: this.i18n.t('forecasts.chart.events'),
      closure: this.i18n.t('forecasts.chart.closures'),
      stockout: this.i18n.t('forecasts.chart.stockouts'),
    },
  }));

  protected readonly history = computed(() =>
    inRange(
      historyValues(this.data()?.history ?? []),
      this.query.state().from,
      this.query.state().to,
    ),
  );
  /** The forecast days inside the picked date range (all of them without one). */
  protected readonly shownForecast = computed(() =>
    inRange(
      this.data()?.forecast ?? [],
      this.query.state().from,
      this.query.state().to,
    ),
  );
  /**
   * Promotion and stock-out markers for a single series only: an aggregate's flags are "any series
   * that day", which marks nearly every day at chain level.
   */
  protected readonly markers = computed(() => [
    ...historyMarkers(
      this.data()?.level === 'series' ? (this.data()?.history ?? []) : [],
      {
        promotion: this.i18n.t('forecasts.chart.promotion'),
        stockout: this.i18n.t('forecasts.chart.stockout'),
      },
    ),
    // Calendar events (holidays, events, promotions, closures) that apply to the selection.
    ...eventMarkers(this.data()?.events ?? []),
  ]);
  protected readonly signalOptions = computed(() =>
    signalNames(this.data()?.signals ?? []),
  );
  protected readonly chartSignal = computed(() => {
    const s = this.data()?.signal;
    const name = s ? this.i18n.tOr(`signal.${s.name}`, s.name) : '';
    return s ? { name, points: s.points } : null;
  });
  protected readonly backtest = computed(() =>
    backtestValues(this.data()?.backtestPoints ?? []),
  );
  /** Under the chart: where the dashed backtest line starts, or why there is none. */
  protected readonly backtestNote = computed(() => {
    const origin = this.data()?.backtestPoints[0]?.origin;
    return origin
      ? this.i18n.t('forecasts.chart.backtestNote', {
          origin: this.i18n.formatDate(origin),
        })
      : this.i18n.t('forecasts.chart.backtestNone');
  });

  protected readonly canOverride = computed(() => {
    this.auth.role();
    return this.auth.can('override');
  });

  /** Days of the served forecast that carry a manual override, with baseline and final totals. */
  protected readonly overrideSummary = computed(() => {
    const points = (this.data()?.forecast ?? []).filter(
      (p) => p.override !== null && p.override !== undefined,
    );
    return points.length
      ? {
          days: points.length,
          baseline: points.reduce((s, p) => s + (p.baseline ?? p.p50), 0),
          final: points.reduce((s, p) => s + (p.final ?? p.override ?? 0), 0),
        }
      : null;
  });

  protected readonly horizonDays = computed(
    () => this.data()?.forecast.length ?? 0,
  );
  protected readonly total = computed(() =>
    horizonTotal(this.data()?.forecast ?? []),
  );

  protected readonly subject = computed(() => {
    const d = this.data();
    if (!d) {
      return '';
    }
    switch (d.level) {
      case 'series':
        return this.i18n.t('forecasts.subject.series', {
          product: this.productLabel(),
          store: this.storeName(d.store),
        });
      case 'product':
        return this.i18n.t('forecasts.subject.product', {
          product: this.productLabel(),
        });
      case 'category':
        return this.i18n.t('forecasts.subject.category', {
          category: d.category ?? '',
        });
      case 'store':
        return this.i18n.t('forecasts.subject.store', {
          store: this.storeName(d.store),
        });
      case 'chain':
        return this.i18n.t('forecasts.subject.chain');
    }
  });

  protected readonly chartDescription = computed(() => {
    const d = this.data();
    return d
      ? this.i18n.t('forecasts.chart.description', {
          subject: this.subject(),
          days: this.horizonDays(),
          total: this.i18n.formatNumber(this.total(), {
            maximumFractionDigits: 0,
          }),
        })
      : null;
  });

  protected levelKey(level: ForecastLevel): TranslationKey {
    return `forecasts.level.${level}` as const;
  }

  protected levelDisabled(level: ForecastLevel): boolean {
    return missingFor(level, this.selection()) !== null;
  }

  protected missingKey(
    missing: NonNullable<ReturnType<typeof missingFor>>,
  ): TranslationKey {
    return `forecasts.missing.${missing}` as const;
  }

  private storeName(code: string | null): string {
    const store = this.stores.value()?.find((s) => s.code === code);
    return store ? `${store.name} (${store.code})` : (code ?? '');
  }

  // A signal applies to one selection (its scope): a new selection starts without one.
  protected setLevel(level: ForecastLevel): void {
    void this.query.patch({ level, signal: '' });
  }

  protected setSignal(signal: string): void {
    void this.query.patch({ signal });
  }

  protected setRange(edge: 'from' | 'to', day: string | null): void {
    void this.query.patch({ [edge]: day ?? '' });
  }

  private fileName(ext: string): string {
    return exportFileName(this.query.state(), ext);
  }

  protected downloadCsv(): void {
    saveFile(
      this.fileName('csv'),
      forecastCsv(this.history(), this.shownForecast()),
      'text/csv;charset=utf-8',
    );
  }

  protected downloadPng(): void {
    const url = this.chart()?.toPngDataUrl();
    if (url) saveFile(this.fileName('png'), url);
  }

  protected setDays(days: (typeof HISTORY_DAYS)[number]): void {
    void this.query.patch({ days });
  }

  /** Picking a store shows that store's series (with a product) or the store total. */
  protected pickStore(store: string): void {
    const sku = this.selection().sku;
    void this.query.patch({
      signal: '',
      store,
      level: store ? (sku ? 'series' : 'store') : sku ? 'product' : 'chain',
    });
  }

  protected pickCategory(category: string): void {
    const level = this.query.state().level;
    void this.query.patch({
      signal: '',
      category,
      level: category ? 'category' : level === 'category' ? 'chain' : level,
    });
  }

  protected pickProduct(product: ProductDto): void {
    void this.query.patch({
      signal: '',
      sku: product.sku,
      level: this.selection().store ? 'series' : 'product',
    });
  }

  protected clearProduct(): void {
    const level = this.query.state().level;
    void this.query.patch({
      signal: '',
      sku: '',
      level:
        level === 'series' ? 'store' : level === 'product' ? 'chain' : level,
    });
  }
}
