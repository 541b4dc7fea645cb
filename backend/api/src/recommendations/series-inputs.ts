import type { PeriodUnit, PurchaseOrder } from '@shelfcast/inventory-policy';
import { applyOverrides, type OverrideSpec } from '../overrides/override-math';
import { isoDay, type Row, sqlQuery } from '../database/raw-sql';

export type { Row };

/** Raw SQL with `?` placeholders on either database. */
export const query = sqlQuery;

/** A DATE column as yyyy-mm-dd. */
export const day = isoDay;

export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) /
      86_400_000,
  );
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
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
}

/** Builds the final forecast of a series from its value rows (sorted by date) and its overrides. */
export function seriesForecast(
  rows: readonly Row[],
  overrides: readonly OverrideSpec[],
): SeriesForecast {
  const n = rows.length;
  const dates = rows.map((r) => day(r['date']));
  const p10 = new Float64Array(n);
  const p50 = new Float64Array(n);
  const p90 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p10[i] = Number(rows[i]['p10']);
    p50[i] = Number(rows[i]['p50']);
    p90[i] = Number(rows[i]['p90']);
  }
  const baseline = Float64Array.from(p50);
  const override = applyOverrides(overrides, dates, p10, p50, p90);
  return { dates, p10, p50, p90, baseline, override };
}

export function overrideSpec(r: Row): OverrideSpec {
  return {
    id: Number(r['id']),
    startDate: day(r['start_date']),
    endDate: day(r['end_date']),
    mode: r['mode'] === 'total' ? 'total' : 'per_period',
    value: Number(r['value']),
  };
}

/** Days per period of a series grain; monthly series are not supported by the policy library. */
export function periodDays(
  grain: unknown,
): { unit: PeriodUnit; days: number } | null {
  if (grain === 'week') return { unit: 'week', days: 7 };
  if (grain === 'month') return null;
  return { unit: 'day', days: 1 };
}

/** Open purchase orders as arrivals in periods after `asOf`. */
export function openOrdersOf(
  rows: readonly Row[],
  asOf: string,
  daysPerPeriod: number,
): PurchaseOrder[] {
  return rows.map((r) => ({
    quantity: Number(r['quantity']),
    arrivesInPeriods: Math.max(
      0,
      daysBetween(asOf, day(r['expected_date'])) / daysPerPeriod,
    ),
  }));
}
