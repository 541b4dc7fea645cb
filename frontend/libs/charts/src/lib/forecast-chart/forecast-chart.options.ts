import type { LineSeriesOption } from 'echarts/charts';
import {
  LARGE_SERIES_THRESHOLD,
  addDays,
  axisDay,
  escapeHtml,
  formatDay,
  formatNumber,
} from '../core/chart-format';
import type { ChartContext, ChartOption } from '../core/chart-options';
import {
  CHART_MARKER_KINDS,
  type ChartMarker,
  type ChartMarkerKind,
  type ChartSignal,
  type DatedValue,
  type ForecastPoint,
} from '../core/chart-types';
import {
  type ForecastOverlay,
  overlaySeries,
  overlayTooltipRows,
} from './forecast-chart.overlay';

export interface ForecastChartLabels {
  history: string;
  forecast: string;
  band: string;
  backtest: string;
  markers: Record<ChartMarkerKind, string>;
}

export const DEFAULT_FORECAST_LABELS: ForecastChartLabels = {
  history: 'Actual',
  forecast: 'Forecast (P50)',
  band: 'P10–P90',
  backtest: 'Backtest',
  markers: {
    promotion: 'Promotions',
    holiday: 'Holidays',
    event: 'Events',
    closure: 'Closures',
    stockout: 'Stock-outs',
  },
};

export interface ForecastChartInput {
  history: readonly DatedValue[];
  forecast: readonly ForecastPoint[];
  backtest?: readonly DatedValue[] | null;
  markers?: readonly ChartMarker[] | null;
  signal?: ChartSignal | null;
  labels?: ForecastChartLabels;
  /** Name of the demand axis, e.g. "units". */
  unit?: string | null;
  /** Other forecasts to compare, e.g. those issued at past origins. */
  overlays?: readonly ForecastOverlay[] | null;
  /** Days of history visible at first when the series is long (the rest stays reachable by zoom). */
  initialWindowDays?: number;
}

/** Stable series ids, used by tests and by anyone merging options. */
export const FORECAST_SERIES = {
  history: 'history',
  bandBase: 'band-base',
  band: 'band',
  forecast: 'forecast',
  backtest: 'backtest',
  signal: 'signal',
  marker: (kind: ChartMarkerKind) => `marker-${kind}`,
} as const;

type Pair = [string, number | null];

function pairs(points: readonly DatedValue[]): Pair[] {
  return points.map((p) => [p.date, p.value]);
}

function lastDate(points: readonly { date: string }[]): string | null {
  return points.length ? points[points.length - 1].date : null;
}

/**
 * Options for the forecast chart: actuals, P50 forecast, shaded P10–P90 band (a transparent P10
 * line with the P90−P10 difference stacked on it), optional backtest, markers and a signal on a
 * second axis.
 */
export function buildForecastChartOptions(
  input: ForecastChartInput,
  ctx: ChartContext,
): ChartOption {
  const { palette, locale } = ctx;
  const labels = input.labels ?? DEFAULT_FORECAST_LABELS;
  const backtest = input.backtest ?? [];
  const markers = input.markers ?? [];
  const signal = input.signal ?? null;
  const overlays = input.overlays ?? [];
  const totalPoints =
    input.history.length +
    input.forecast.length +
    backtest.length +
    (signal?.points.length ?? 0);
  const large = totalPoints > LARGE_SERIES_THRESHOLD;

  const line = (extra: LineSeriesOption): LineSeriesOption => ({
    type: 'line',
    showSymbol: false,
    symbol: 'none',
    sampling: 'lttb',
    ...extra,
  });

  const series: LineSeriesOption[] = [
    line({
      id: FORECAST_SERIES.history,
      name: labels.history,
      data: pairs(input.history),
      color: palette.history,
      lineStyle: { width: 1.5 },
      z: 3,
    }),
  ];

  if (input.forecast.length) {
    const withBand = input.forecast.map((p) =>
      p.p10 === null || p.p90 === null
        ? { date: p.date, low: null, spread: null }
        : { date: p.date, low: p.p10, spread: Math.max(0, p.p90 - p.p10) },
    );
    const bandStyle = {
      color: palette.band,
      lineStyle: { opacity: 0, width: 0 },
      itemStyle: { color: palette.band },
      silent: true,
      // Stacked pairs must stay aligned: never down-sample the band.
      sampling: undefined,
      z: 1,
    } satisfies LineSeriesOption;
    series.push(
      line({
        ...bandStyle,
        id: FORECAST_SERIES.bandBase,
        name: labels.band,
        stack: 'forecast-band',
        data: withBand.map((p): Pair => [p.date, p.low]),
      }),
      line({
        ...bandStyle,
        id: FORECAST_SERIES.band,
        name: labels.band,
        stack: 'forecast-band',
        areaStyle: { color: palette.band, opacity: 1 },
        data: withBand.map((p): Pair => [p.date, p.spread]),
      }),
      line({
        id: FORECAST_SERIES.forecast,
        name: labels.forecast,
        data: input.forecast.map((p): Pair => [p.date, p.p50]),
        color: palette.forecast,
        lineStyle: { width: 2 },
        z: 4,
      }),
    );
  }

  if (backtest.length) {
    series.push(
      line({
        id: FORECAST_SERIES.backtest,
        name: labels.backtest,
        data: pairs(backtest),
        color: palette.backtest,
        lineStyle: { width: 1.5, type: 'dashed' },
        z: 2,
      }),
    );
  }

  series.push(...overlaySeries(overlays, palette));

  const historyByDate = new Map(input.history.map((p) => [p.date, p.value]));
  for (const kind of CHART_MARKER_KINDS) {
    const ofKind = markers.filter((m) => m.kind === kind);
    if (!ofKind.length) {
      continue;
    }
    const color = palette.markers[kind];
    if (kind === 'stockout') {
      series.push(
        line({
          id: FORECAST_SERIES.marker(kind),
          name: labels.markers[kind],
          data: [],
          color,
          markPoint: {
            symbol: 'triangle',
            symbolSize: 9,
            symbolRotate: 180,
            itemStyle: { color },
            label: { show: false },
            data: ofKind.map((m) => ({
              name: m.label,
              coord: [m.start, historyByDate.get(m.start) ?? 0],
            })),
          },
        }),
      );
    } else {
      series.push(
        line({
          id: FORECAST_SERIES.marker(kind),
          name: labels.markers[kind],
          data: [],
          color,
          itemStyle: { color },
          markArea: {
            silent: true,
            itemStyle: { color },
            label: { show: false },
            // End is inclusive: the area runs to the start of the next day.
            data: ofKind.map((m) => [
              { name: m.label, xAxis: m.start },
              { xAxis: addDays(m.end ?? m.start, 1) },
            ]),
          },
        }),
      );
    }
  }

  if (signal) {
    series.push(
      line({
        id: FORECAST_SERIES.signal,
        name: signal.name,
        yAxisIndex: 1,
        data: pairs(signal.points),
        color: palette.signal,
        lineStyle: { width: 1, type: 'dotted' },
        z: 2,
      }),
    );
  }

  const windowDays = input.initialWindowDays ?? 365;
  const lastHistory = lastDate(input.history);
  const firstHistory = input.history[0]?.date ?? null;
  const startValue =
    lastHistory &&
    firstHistory &&
    addDays(lastHistory, -windowDays) > firstHistory
      ? addDays(lastHistory, -windowDays)
      : undefined;

  const legendNames = [...new Set(series.map((s) => String(s.name)))];

  return {
    animation: !large,
    grid: { left: 56, right: signal ? 64 : 24, top: 48, bottom: 72 },
    legend: { type: 'scroll', top: 0, data: legendNames },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      confine: true,
      formatter: (params) =>
        forecastTooltip(
          axisDay(params),
          { input, labels, markers, signal, backtest },
          locale,
        ),
    },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', name: input.unit ?? '', min: 0 },
      ...(signal
        ? [
            {
              type: 'value' as const,
              name: signal.name,
              position: 'right' as const,
              scale: true,
              splitLine: { show: false },
            },
          ]
        : []),
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', startValue },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 20,
        bottom: 12,
        startValue,
      },
    ],
    series,
  };
}

interface TooltipSources {
  input: ForecastChartInput;
  labels: ForecastChartLabels;
  markers: readonly ChartMarker[];
  signal: ChartSignal | null;
  backtest: readonly DatedValue[];
}

/** Tooltip HTML for one day: every value present that day, with the forecast interval. */
export function forecastTooltip(
  day: string | null,
  src: TooltipSources,
  locale: string,
): string {
  if (!day) {
    return '';
  }
  const rows: string[] = [];
  const row = (label: string, value: string) =>
    rows.push(
      `<div class="sc-tt-row"><span>${escapeHtml(label)}</span> <b>${escapeHtml(value)}</b></div>`,
    );
  const actual = src.input.history.find((p) => p.date === day);
  if (actual) {
    row(src.labels.history, formatNumber(actual.value, locale));
  }
  const forecast = src.input.forecast.find((p) => p.date === day);
  if (forecast) {
    row(src.labels.forecast, formatNumber(forecast.p50, locale));
    if (forecast.p10 !== null && forecast.p90 !== null) {
      row(
        src.labels.band,
        `${formatNumber(forecast.p10, locale)} – ${formatNumber(forecast.p90, locale)}`,
      );
    }
  }
  const backtest = src.backtest.find((p) => p.date === day);
  if (backtest) {
    row(src.labels.backtest, formatNumber(backtest.value, locale));
  }
  rows.push(...overlayTooltipRows(src.input.overlays ?? [], day, locale));
  const signalPoint = src.signal?.points.find((p) => p.date === day);
  if (src.signal && signalPoint) {
    row(src.signal.name, formatNumber(signalPoint.value, locale, 2));
  }
  for (const m of src.markers) {
    const end = m.end ?? m.start;
    if (m.start <= day && day <= end) {
      rows.push(
        `<div class="sc-tt-marker">${escapeHtml(src.labels.markers[m.kind])}: ${escapeHtml(m.label)}</div>`,
      );
    }
  }
  return `<div class="sc-tt"><div class="sc-tt-date">${escapeHtml(formatDay(day, locale))}</div>${rows.join('')}</div>`;
}
