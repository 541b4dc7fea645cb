import {
  type PeriodUnit,
  type PurchaseOrder,
  type QuantileForecast,
  SERVED_QUANTILE_LEVELS,
} from '@shelfcast/inventory-policy';
import { daysBetween } from '../common/dates';
import { isoDay, type SqlDate, type SqlNumeric } from '../database/raw-sql';
import { applyOverrides, type OverrideSpec } from '../overrides/override-math';

/** The forecast_values columns a series' final forecast is built from. */
export interface ForecastValueRow {
  date: SqlDate;
  p10: number;
  p50: number;
  p90: number;
  /** JSON array of the values at SERVED_QUANTILE_LEVELS; null for runs stored before it existed. */
  quantiles: string | null;
}

/** One series' final forecast (overrides applied) from a run's values. */
export interface SeriesForecast {
  dates: string[];
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
  /** The model's P50 before overrides. */
  baseline: Float64Array;
  /** Override value per date, NaN where none. */
  override: Float64Array;
  /**
   * What the served policy reads: the nine stored levels when every date has them, else
   * P10/P50/P90 (older runs). Overrides move it like P10/P90.
   */
  served: QuantileForecast;
}

/** Builds the final forecast of a series from its value rows (sorted by date) and its overrides. */
export function seriesForecast(
  rows: readonly ForecastValueRow[],
  overrides: readonly OverrideSpec[],
): SeriesForecast {
  const n = rows.length;
  const dates = rows.map((r) => isoDay(r.date));
  const p10 = new Float64Array(n);
  const p50 = new Float64Array(n);
  const p90 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p10[i] = Number(rows[i].p10);
    p50[i] = Number(rows[i].p50);
    p90[i] = Number(rows[i].p90);
  }
  const baseline = Float64Array.from(p50);
  const stored = storedQuantiles(rows);
  const override = applyOverrides(overrides, dates, p10, p50, p90);
  const served: QuantileForecast = stored
    ? {
        levels: SERVED_QUANTILE_LEVELS,
        values: moved(stored, baseline, override),
      }
    : { levels: [0.1, 0.5, 0.9], values: [p10, p50, p90] };
  return { dates, p10, p50, p90, baseline, override, served };
}

/** The stored nine-level values per level, or null when a row lacks them or they do not parse. */
function storedQuantiles(
  rows: readonly ForecastValueRow[],
): Float64Array[] | null {
  const k = SERVED_QUANTILE_LEVELS.length;
  const values = Array.from({ length: k }, () => new Float64Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const text = rows[i].quantiles;
    if (!text) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || parsed.length !== k) return null;
    for (let j = 0; j < k; j++) {
      const v = Number(parsed[j]);
      if (!Number.isFinite(v)) return null;
      values[j][i] = v;
    }
  }
  return values;
}

/** Applies the overrides to every stored level the way applyOverrides moves P10/P90. */
function moved(
  values: Float64Array[],
  baseline: Float64Array,
  override: Float64Array,
): Float64Array[] {
  for (let i = 0; i < override.length; i++) {
    const f = override[i];
    if (Number.isNaN(f)) continue;
    const b = baseline[i];
    for (const v of values)
      v[i] = b > 0 ? v[i] * (f / b) : Math.max(0, v[i] + f - b);
  }
  return values;
}

/** Days per period of a series grain; monthly series are not supported by the policy library. */
export function periodDays(
  grain: unknown,
): { unit: PeriodUnit; days: number } | null {
  if (grain === 'week') return { unit: 'week', days: 7 };
  if (grain === 'month') return null;
  return { unit: 'day', days: 1 };
}

/** The purchase_orders columns an open order's arrival is computed from. */
export interface OpenOrderRow {
  quantity: SqlNumeric;
  expected_date: SqlDate;
}

/** Open purchase orders as arrivals in periods after `asOf`. */
export function openOrdersOf(
  rows: readonly OpenOrderRow[],
  asOf: string,
  daysPerPeriod: number,
): PurchaseOrder[] {
  return rows.map((r) => ({
    quantity: Number(r.quantity),
    arrivesInPeriods: Math.max(
      0,
      daysBetween(asOf, isoDay(r.expected_date)) / daysPerPeriod,
    ),
  }));
}
