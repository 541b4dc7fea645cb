import { Injectable, computed, signal } from '@angular/core';
import { buildEchartsTheme, paletteFor } from './chart-palette';
import type { ChartMode } from './chart-types';
import { echartsLocale } from './chart-format';

/**
 * App-wide chart settings. The app writes the active theme mode and locale here (it owns the
 * theme and language switches); every chart reads them, so all charts follow a switch at once.
 */
@Injectable({ providedIn: 'root' })
export class ChartSettings {
  readonly mode = signal<ChartMode>('light');
  readonly locale = signal('en');

  readonly palette = computed(() => paletteFor(this.mode()));

  /**
   * A new theme object whenever the mode or the locale changes: ngx-echarts re-creates the chart
   * on a theme change, which is also when it picks up the new `initOpts.locale`.
   */
  readonly theme = computed(() => {
    this.locale();
    return buildEchartsTheme(this.palette());
  });

  readonly initOpts = computed(() => ({
    locale: echartsLocale(this.locale()),
    renderer: 'canvas',
  }));
}
