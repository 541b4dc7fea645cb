import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { ChartSettings } from './chart-settings';

/**
 * The one place that talks to ngx-echarts. Every chart component of the library builds its
 * options with a pure function and renders them through this frame, which adds the app theme
 * (light/dark), the locale, automatic resizing and an accessible name.
 */
@Component({
  selector: 'sc-chart-frame',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="sc-chart-frame"
      echarts
      role="img"
      [attr.aria-label]="ariaLabel()"
      [style.height]="height()"
      [options]="options()"
      [theme]="settings.theme()"
      [initOpts]="settings.initOpts()"
      [autoResize]="true"
      (chartInit)="instance = $event"
    ></div>
    @if (description(); as text) {
      <p class="sc-chart-frame__description">{{ text }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      width: 100%;
      min-width: 0;
    }
    .sc-chart-frame {
      width: 100%;
    }
    .sc-chart-frame__description {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
})
export class ChartFrame {
  protected readonly settings = inject(ChartSettings);

  readonly options = input.required<EChartsCoreOption>();
  /** Short accessible name of the chart, e.g. "Daily sales and forecast for SKU 123". */
  readonly ariaLabel = input.required<string>();
  /** Optional longer text for screen readers (e.g. a summary of the numbers). */
  readonly description = input<string | null>(null);
  readonly height = input('320px');

  /** The ECharts instance once initialised (only used to export the picture). */
  protected instance: ExportableChart | null = null;

  /**
   * The chart as a PNG data URL (twice the screen resolution, on the theme's background), or
   * null before the chart has rendered.
   */
  toPngDataUrl(backgroundColor = '#ffffff'): string | null {
    return (
      this.instance?.getDataURL?.({
        type: 'png',
        pixelRatio: 2,
        backgroundColor,
      }) ?? null
    );
  }
}

/** The part of an ECharts instance the export needs. */
interface ExportableChart {
  getDataURL?(opts: {
    type: 'png';
    pixelRatio: number;
    backgroundColor: string;
  }): string;
}
