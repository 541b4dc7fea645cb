import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { ChartFrame } from '../core/chart-frame';
import { ChartSettings } from '../core/chart-settings';
import type {
  ChartMarker,
  ChartSignal,
  DatedValue,
  ForecastPoint,
} from '../core/chart-types';
import {
  DEFAULT_FORECAST_LABELS,
  type ForecastChartLabels,
  buildForecastChartOptions,
} from './forecast-chart.options';
import type { ForecastOverlay } from './forecast-chart.overlay';

/** Actuals, P50 forecast with its P10–P90 band, backtest, event markers, optional signal and overlays. */
@Component({
  selector: 'sc-forecast-chart',
  imports: [ChartFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sc-chart-frame
    [options]="options()"
    [ariaLabel]="ariaLabel()"
    [description]="description()"
    [height]="height()"
  />`,
})
export class ForecastChart {
  private readonly settings = inject(ChartSettings);

  readonly history = input.required<readonly DatedValue[]>();
  readonly forecast = input<readonly ForecastPoint[]>([]);
  readonly backtest = input<readonly DatedValue[] | null>(null);
  readonly markers = input<readonly ChartMarker[] | null>(null);
  readonly signal = input<ChartSignal | null>(null);
  /** Optional forecasts to compare (e.g. issued at past origins), drawn dashed. */
  readonly overlays = input<readonly ForecastOverlay[] | null>(null);
  readonly labels = input<ForecastChartLabels>(DEFAULT_FORECAST_LABELS);
  readonly unit = input<string | null>(null);
  readonly ariaLabel = input.required<string>();
  readonly description = input<string | null>(null);
  readonly height = input('360px');

  private readonly frame = viewChild.required(ChartFrame);

  /** The chart as a PNG data URL (null before it has rendered), for a "download" button. */
  toPngDataUrl(): string | null {
    return this.frame().toPngDataUrl(
      this.settings.mode() === 'dark' ? '#1d1b20' : '#ffffff',
    );
  }

  readonly options = computed(() =>
    buildForecastChartOptions(
      {
        history: this.history(),
        forecast: this.forecast(),
        backtest: this.backtest(),
        markers: this.markers(),
        signal: this.signal(),
        overlays: this.overlays(),
        labels: this.labels(),
        unit: this.unit(),
      },
      { palette: this.settings.palette(), locale: this.settings.locale() },
    ),
  );
}
