import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { ChartFrame } from '../core/chart-frame';
import { ChartSettings } from '../core/chart-settings';
import { type BarSeries, buildBarChartOptions } from './bar-chart.options';

/** Stacked bars, e.g. the contribution of each driver (trend, season, promo, price...) per period. */
@Component({
  selector: 'sc-bar-chart',
  imports: [ChartFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sc-chart-frame
    [options]="options()"
    [ariaLabel]="ariaLabel()"
    [description]="description()"
    [height]="height()"
  />`,
})
export class BarChart {
  private readonly settings = inject(ChartSettings);

  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly BarSeries[]>();
  readonly stacked = input(true);
  readonly horizontal = input(false);
  readonly valueSuffix = input('');
  readonly ariaLabel = input.required<string>();
  readonly description = input<string | null>(null);
  readonly height = input('320px');

  readonly options = computed(() =>
    buildBarChartOptions(
      {
        categories: this.categories(),
        series: this.series(),
        stacked: this.stacked(),
        horizontal: this.horizontal(),
        valueSuffix: this.valueSuffix(),
      },
      { palette: this.settings.palette(), locale: this.settings.locale() },
    ),
  );
}
