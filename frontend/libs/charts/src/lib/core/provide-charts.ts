import type { Provider } from '@angular/core';
import { NGX_ECHARTS_CONFIG, provideEchartsCore } from 'ngx-echarts';

/**
 * Registers ECharts for the library's charts. ECharts is imported on first use (its own lazy
 * chunk), keeping it out of the app's initial JavaScript.
 */
export function provideCharts(): Provider {
  return provideEchartsCore({
    echarts: () => import('./echarts-setup').then((m) => m.echarts),
  });
}

/** A stand-in chart instance: records the options it was given. */
export interface FakeChart {
  options: unknown[];
  setOption(option: unknown): void;
  resize(): void;
  dispose(): void;
  isDisposed(): boolean;
  showLoading(): void;
  hideLoading(): void;
  on(): void;
  off(): void;
}

/**
 * For unit tests (jsdom has no canvas): charts render through a fake ECharts whose instances
 * are collected in `charts`.
 */
export function provideChartsForTesting(charts: FakeChart[] = []): Provider {
  return {
    provide: NGX_ECHARTS_CONFIG,
    useValue: {
      echarts: {
        init: (): FakeChart => {
          let disposed = false;
          const chart: FakeChart = {
            options: [],
            setOption: (option) => chart.options.push(option),
            resize: () => undefined,
            dispose: () => {
              disposed = true;
            },
            isDisposed: () => disposed,
            showLoading: () => undefined,
            hideLoading: () => undefined,
            on: () => undefined,
            off: () => undefined,
          };
          charts.push(chart);
          return chart;
        },
      },
    },
  };
}
