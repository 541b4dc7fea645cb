import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { SeriesForecastResponse } from '@shelfcast/contracts';
import { type BarSeries, BarChart } from '@shelfcast/charts';
import type { TranslationKey } from '../../core/i18n/en';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { explainDrivers, weeklyDrivers } from './forecast-view';

const DRIVER_KEYS: Record<string, TranslationKey> = {
  level: 'forecasts.driver.level',
  seasonality: 'forecasts.driver.seasonality',
  price: 'forecasts.driver.price',
  promotion: 'forecasts.driver.promotion',
  market: 'forecasts.driver.market',
  event: 'forecasts.driver.event',
};

/**
 * The forecast's driver breakdown: a stacked bar per week of the horizon and one sentence naming
 * the largest contributions (or a note that the model gave none).
 */
@Component({
  selector: 'sc-forecast-drivers',
  imports: [BarChart, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3>{{ 'forecasts.drivers.title' | t }}</h3>
    @if (drivers().series.length) {
      @if (driverSentence(); as sentence) {
        <p class="explain">{{ sentence }}</p>
      }
      <sc-bar-chart
        [categories]="drivers().categories"
        [series]="drivers().series"
        [stacked]="true"
        [ariaLabel]="'forecasts.drivers.label' | t"
        [description]="driverSentence()"
        height="280px"
      />
    } @else {
      <p class="muted">{{ 'forecasts.drivers.none' | t }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .explain {
      margin: 0 0 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin: 8px 0 0;
    }
  `,
})
export class ForecastDrivers {
  private readonly i18n = inject(I18n);

  readonly data = input.required<SeriesForecastResponse>();

  protected readonly drivers = computed(() => {
    const d = this.data();
    const breakdown = weeklyDrivers(
      d.drivers ?? null,
      d.forecast.map((p) => p.date),
    );
    return {
      categories: breakdown.periods.map((p) =>
        this.i18n.t('forecasts.drivers.weekOf', {
          date: new Intl.DateTimeFormat(this.i18n.language(), {
            month: 'short',
            day: 'numeric',
            timeZone: 'UTC',
          }).format(new Date(`${p}T00:00:00Z`)),
        }),
      ),
      series: breakdown.series.map(
        (s): BarSeries => ({
          name: this.driverName(s.driver),
          values: s.values,
        }),
      ),
    };
  });

  protected readonly driverSentence = computed(() => {
    const d = this.data();
    const e = explainDrivers(d.drivers ?? null, d.forecast.length);
    if (!e) {
      return null;
    }
    const units = (n: number) =>
      this.i18n.formatNumber(Math.abs(n), { maximumFractionDigits: 0 });
    const params = {
      days: e.days,
      total: units(e.total),
      top: this.driverName(e.top.driver),
      topValue: units(e.top.total),
      second: e.second ? this.driverName(e.second.driver) : '',
      secondValue: e.second ? units(e.second.total) : '',
    };
    if (!e.second) {
      return this.i18n.t('forecasts.drivers.explainOne', params);
    }
    return this.i18n.t(
      e.second.total >= 0
        ? 'forecasts.drivers.explainAdds'
        : 'forecasts.drivers.explainRemoves',
      params,
    );
  });

  private driverName(driver: string): string {
    const key = DRIVER_KEYS[driver];
    return key ? this.i18n.t(key) : driver;
  }
}
