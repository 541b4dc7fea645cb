import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { ChartFrame } from '../core/chart-frame';
import { ChartSettings } from '../core/chart-settings';
import { type SparklineTone, buildSparklineOptions } from './sparkline.options';

@Component({
  selector: 'sc-sparkline',
  imports: [ChartFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sc-chart-frame
    [options]="options()"
    [ariaLabel]="ariaLabel()"
    [height]="height()"
  />`,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class Sparkline {
  private readonly settings = inject(ChartSettings);

  readonly values = input.required<readonly (number | null)[]>();
  readonly tone = input<SparklineTone>('neutral');
  readonly ariaLabel = input.required<string>();
  readonly height = input('40px');

  readonly options = computed(() =>
    buildSparklineOptions(
      { values: this.values(), tone: this.tone() },
      { palette: this.settings.palette(), locale: this.settings.locale() },
    ),
  );
}
