import type { LineSeriesOption } from 'echarts/charts';
import { escapeHtml, formatNumber } from '../core/chart-format';
import type { ChartPalette } from '../core/chart-palette';
import type { ForecastPoint } from '../core/chart-types';

/**
 * A second forecast laid over the chart, e.g. one issued at a past origin: its P50 as a dashed
 * line and its P10 / P90 as thin dotted lines in the same colour (one legend entry toggles all).
 */
export interface ForecastOverlay {
  /** Stable key (e.g. the origin date); series ids are `overlay-<key>[-p10|-p90]`. */
  key: string;
  /** Legend name, e.g. "Issued 2026-11-01". */
  name: string;
  points: readonly ForecastPoint[];
}

export const overlaySeriesId = (key: string, part: 'p50' | 'p10' | 'p90') =>
  part === 'p50' ? `overlay-${key}` : `overlay-${key}-${part}`;

/** The overlay colour: the categorical colours after the first (the served forecast's). */
export function overlayColor(palette: ChartPalette, index: number): string {
  const colors = palette.series.slice(1);
  return colors[index % colors.length] ?? palette.backtest;
}

/** Line series of the overlays (never down-sampled, so a tooltip day matches the drawn point). */
export function overlaySeries(
  overlays: readonly ForecastOverlay[],
  palette: ChartPalette,
): LineSeriesOption[] {
  return overlays.flatMap((o, i) => {
    const color = overlayColor(palette, i);
    const line = (
      part: 'p50' | 'p10' | 'p90',
      value: (p: ForecastPoint) => number | null,
    ): LineSeriesOption => ({
      type: 'line',
      id: overlaySeriesId(o.key, part),
      name: o.name,
      data: o.points.map((p) => [p.date, value(p)]),
      color,
      showSymbol: o.points.length < 3,
      symbolSize: 4,
      lineStyle:
        part === 'p50'
          ? { width: 1.75, type: 'dashed' }
          : { width: 1, type: 'dotted', opacity: 0.7 },
      silent: part !== 'p50',
      z: 3,
    });
    return [
      line('p50', (p) => p.p50),
      line('p10', (p) => p.p10),
      line('p90', (p) => p.p90),
    ];
  });
}

/** Tooltip rows of the overlays that have a point on `day`. */
export function overlayTooltipRows(
  overlays: readonly ForecastOverlay[],
  day: string,
  locale: string,
): string[] {
  return overlays.flatMap((o) => {
    const p = o.points.find((x) => x.date === day);
    if (!p) return [];
    const band =
      p.p10 !== null && p.p90 !== null
        ? ` (${formatNumber(p.p10, locale)} – ${formatNumber(p.p90, locale)})`
        : '';
    return [
      `<div class="sc-tt-row"><span>${escapeHtml(o.name)}</span> <b>${escapeHtml(formatNumber(p.p50, locale) + band)}</b></div>`,
    ];
  });
}
