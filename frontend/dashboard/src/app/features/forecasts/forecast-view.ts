import type {
  BacktestPoint,
  DriverSeries,
  ForecastEvent,
  ForecastLevel,
  HistoryPoint,
} from '@shelfcast/contracts';
import type { ChartMarker, DatedValue } from '@shelfcast/charts';

export const FORECAST_LEVELS = [
  'series',
  'product',
  'category',
  'store',
  'chain',
] as const satisfies readonly ForecastLevel[];

/** What the explorer has picked (from the URL). */
export interface Selection {
  store: string | null;
  sku: string | null;
  category: string | null;
}

/** The pick a level needs before it can be asked for, or null when it has what it needs. */
export function missingFor(
  level: ForecastLevel,
  s: Selection,
): 'store' | 'product' | 'storeAndProduct' | 'category' | null {
  switch (level) {
    case 'series':
      return s.store && s.sku
        ? null
        : !s.store && !s.sku
          ? 'storeAndProduct'
          : s.store
            ? 'product'
            : 'store';
    case 'product':
      return s.sku ? null : 'product';
    case 'category':
      return s.category ? null : 'category';
    case 'store':
      return s.store ? null : 'store';
    case 'chain':
      return null;
  }
}

export function historyValues(history: readonly HistoryPoint[]): DatedValue[] {
  return history.map((p) => ({ date: p.date, value: p.units }));
}

/**
 * The backtest line: the model's P50 from the most recent backtest origin, null when the serving
 * run has none for the selection (so the chart draws no line and no legend entry).
 */
export function backtestValues(
  points: readonly BacktestPoint[],
): DatedValue[] | null {
  return points.length
    ? points.map((p) => ({ date: p.date, value: p.p50 }))
    : null;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Chart markers from the history flags: consecutive promotion days become one period, each
 * stock-out day one marker.
 */
export function historyMarkers(
  history: readonly HistoryPoint[],
  labels: { promotion: string; stockout: string },
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  let promo: ChartMarker | null = null;
  for (const p of history) {
    if (p.onPromo) {
      if (promo && promo.end && nextDay(promo.end) === p.date) {
        promo.end = p.date;
      } else {
        promo = {
          kind: 'promotion',
          start: p.date,
          end: p.date,
          label: labels.promotion,
        };
        markers.push(promo);
      }
    }
    if (p.stockout) {
      markers.push({ kind: 'stockout', start: p.date, label: labels.stockout });
    }
  }
  return markers;
}

export interface DriverTotal {
  driver: string;
  total: number;
}

/** Each driver's contribution summed over the horizon, largest magnitude first. */
export function driverTotals(drivers: DriverSeries | null): DriverTotal[] {
  if (!drivers) {
    return [];
  }
  return Object.entries(drivers)
    .map(([driver, values]) => ({
      driver,
      total: values.reduce((sum, v) => sum + (Number.isFinite(v) ? v : 0), 0),
    }))
    .sort((a, b) => Math.abs(b.total) - Math.abs(a.total));
}

export interface DriverBreakdown {
  /** First forecast date of each bucket (ISO). */
  periods: string[];
  series: { driver: string; values: number[] }[];
}

/**
 * Driver contributions per week of the horizon (daily steps summed in 7-day buckets, the last one
 * possibly shorter), aligned to the forecast dates. Drivers that are zero throughout are left out.
 */
export function weeklyDrivers(
  drivers: DriverSeries | null,
  dates: readonly string[],
  bucket = 7,
): DriverBreakdown {
  if (!drivers || !dates.length) {
    return { periods: [], series: [] };
  }
  const periods: string[] = [];
  for (let i = 0; i < dates.length; i += bucket) {
    periods.push(dates[i]);
  }
  const series = driverTotals(drivers)
    .filter((t) => t.total !== 0 || drivers[t.driver].some((v) => v !== 0))
    .map(({ driver }) => ({
      driver,
      values: periods.map((_, b) => {
        let sum = 0;
        for (
          let i = b * bucket;
          i < Math.min((b + 1) * bucket, dates.length);
          i++
        ) {
          const v = drivers[driver][i];
          sum += Number.isFinite(v) ? v : 0;
        }
        return Math.round(sum * 10) / 10;
      }),
    }));
  return { periods, series };
}

export interface DriverExplanation {
  days: number;
  total: number;
  top: DriverTotal;
  /** The top driver's share of the summed contributions (0..1), null when the sum is not positive. */
  topShare: number | null;
  /** The next driver by magnitude, when there is one. */
  second: DriverTotal | null;
}

/** The numbers the one-sentence driver explanation is built from (null without drivers). */
export function explainDrivers(
  drivers: DriverSeries | null,
  days: number,
): DriverExplanation | null {
  const totals = driverTotals(drivers).filter((t) => t.total !== 0);
  if (!totals.length) {
    return null;
  }
  const total = totals.reduce((s, t) => s + t.total, 0);
  return {
    days,
    total,
    top: totals[0],
    topShare: total > 0 ? totals[0].total / total : null,
    second: totals[1] ?? null,
  };
}

/** Sum of P50 over the horizon: for aggregates it is exactly the sum of the series' sums. */
export function horizonTotal(forecast: readonly { p50: number }[]): number {
  return forecast.reduce((s, p) => s + p.p50, 0);
}

export interface OverridePreview {
  days: number;
  baseline: number;
  override: number;
  /** What recommendations will use over the period. */
  final: number;
}

/**
 * Baseline (model P50) and overridden totals over [start, end] within the forecast: `per_period`
 * replaces each day's value, `total` is the value over the whole range. Null when the range holds
 * no forecast day.
 */
export function overridePreview(
  forecast: readonly { date: string; p50: number; baseline?: number }[],
  start: string,
  end: string,
  mode: 'per_period' | 'total',
  value: number,
): OverridePreview | null {
  const inRange = forecast.filter((p) => p.date >= start && p.date <= end);
  if (!inRange.length || !Number.isFinite(value) || value < 0) {
    return null;
  }
  const baseline = inRange.reduce((s, p) => s + (p.baseline ?? p.p50), 0);
  const override = mode === 'per_period' ? value * inRange.length : value;
  return { days: inRange.length, baseline, override, final: override };
}

/** Calendar events as chart markers: a band over several days, a line on one day. */
export function eventMarkers(events: readonly ForecastEvent[]): ChartMarker[] {
  return events.map((e) => ({
    kind: e.type,
    start: e.start,
    end: e.end === e.start ? null : e.end,
    label: e.name,
  }));
}

/** Distinct signal names on offer, sorted. */
export function signalNames(signals: readonly { name: string }[]): string[] {
  return [...new Set(signals.map((s) => s.name))].sort();
}
