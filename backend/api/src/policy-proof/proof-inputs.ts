import type {
  QuantileForecast,
  UnmetDemand,
} from '@shelfcast/inventory-policy';
import type { DataSource } from 'typeorm';
import { addDays, daysBetween } from '../common/dates';
import {
  isoDay,
  type SqlDate,
  type SqlNumeric,
  sqlQueryThenYield,
} from '../database/raw-sql';
import {
  groupBy as byProduct,
  unmetDemandOf,
} from '../recommendations/recommendation-store-inputs';
import { MIN_HISTORY_SEASONS, type ProofSeries } from './proof-replay';

/** A line of the run as the generator served it (its sizing inputs travel in explanation_json). */
export interface ProofLineRow {
  id: SqlNumeric;
  store_id: SqlNumeric;
  product_id: SqlNumeric;
  service_level: SqlNumeric;
  case_pack: SqlNumeric;
  moq: SqlNumeric;
  as_of: SqlDate;
  explanation_json: string;
  unmet_demand: string | null;
}
interface BacktestRow {
  product_id: SqlNumeric;
  date: SqlDate;
  p10: SqlNumeric;
  p50: SqlNumeric;
  p90: SqlNumeric;
}
interface DailyRow {
  product_id: SqlNumeric;
  date: SqlDate;
  units: SqlNumeric;
}
interface SnapshotRow {
  product_id: SqlNumeric;
  date: SqlDate;
  on_hand: SqlNumeric;
}

/** The breakdown fields the replay needs (see RecommendationBreakdown). */
interface LineBreakdown {
  periodUnit?: 'day' | 'week';
  leadTime?: number;
  reviewPeriod?: number;
  unmetDemand?: UnmetDemand | null;
}

/** What a line is replayed from, or why it cannot be (grain). */
export interface LineInputs {
  readonly line: ProofLineRow;
  readonly periodUnit: 'day' | 'week';
  /** First replayed day, null when skipped before reading. */
  readonly from: string | null;
  readonly series: ProofSeries | null;
}

/** Seasons of sales read before the window: enough for seasonal naive's spread. */
const HISTORY_SEASONS = 2 * MIN_HISTORY_SEASONS;

/**
 * Replay inputs of a batch of one store's lines (ascending product ids): each read covers only the
 * batch's products and the days its lines can use, so memory follows the batch, not the store or
 * the catalogue. Sales and backtests outside a line's window are ignored by lineInputs anyway, so
 * the narrower reads change nothing in the result.
 */
export async function storeLineInputs(
  ds: DataSource,
  runId: string,
  storeId: number,
  lines: readonly ProofLineRow[],
  weeks: number,
): Promise<LineInputs[]> {
  if (!lines.length) return [];
  const read = <T extends object>(sql: string, params: unknown[]) =>
    sqlQueryThenYield<T>(ds, sql, params);
  const parsed = lines.map((line) => {
    const b = JSON.parse(line.explanation_json) as LineBreakdown;
    return { line, b, unit: b.periodUnit === 'week' ? 'week' : 'day' } as const;
  });
  const firstProduct = Number(lines[0].product_id);
  const lastProduct = Number(lines[lines.length - 1].product_id);
  let asOf = '0000-01-01';
  let windowFrom = '9999-12-31';
  let salesFrom = '9999-12-31';
  for (const { line, unit } of parsed) {
    const day = isoDay(line.as_of);
    if (day > asOf) asOf = day;
    const from = addDays(day, -7 * weeks);
    if (from < windowFrom) windowFrom = from;
    // The earliest day lineInputs reads: the window's first day less the seasons of history.
    const history = addDays(from, -historyDays(unit));
    if (history < salesFrom) salesFrom = history;
  }
  const backtests = byProduct(
    await read<BacktestRow>(
      `SELECT product_id, date, p10, p50, p90 FROM run_backtests
        WHERE run_id = ? AND store_id = ? AND product_id >= ? AND product_id <= ? AND date >= ? AND date < ?
        ORDER BY product_id, date`,
      [runId, storeId, firstProduct, lastProduct, windowFrom, asOf],
    ),
  );
  const sales = byProduct(
    await read<DailyRow>(
      `SELECT product_id, date, SUM(units) AS units FROM sales
        WHERE store_id = ? AND product_id >= ? AND product_id <= ? AND date >= ? AND date < ?
        GROUP BY product_id, date`,
      [storeId, firstProduct, lastProduct, salesFrom, asOf],
    ),
  );
  // The stock before the window may be any earlier snapshot: read as far back as weekly history goes.
  const snapshotsFrom = addDays(asOf, -7 * (weeks + 52 * HISTORY_SEASONS + 1));
  const snapshots = byProduct(
    await read<SnapshotRow>(
      `SELECT product_id, date, on_hand FROM inventory_snapshots
        WHERE store_id = ? AND product_id >= ? AND product_id <= ? AND date >= ? AND date < ?
        ORDER BY product_id, date`,
      [storeId, firstProduct, lastProduct, snapshotsFrom, asOf],
    ),
  );
  return parsed.map(({ line, b, unit }) => {
    const pid = Number(line.product_id);
    return lineInputs(
      line,
      unit,
      b,
      weeks,
      backtests.get(pid) ?? [],
      sales.get(pid) ?? [],
      snapshots.get(pid) ?? [],
    );
  });
}

/** Days of sales history read before a line's window (seasonal naive's seasons). */
function historyDays(unit: 'day' | 'week'): number {
  return unit === 'week' ? HISTORY_SEASONS * 52 * 7 : HISTORY_SEASONS * 7;
}

function lineInputs(
  line: ProofLineRow,
  unit: 'day' | 'week',
  b: LineBreakdown,
  weeks: number,
  backtest: readonly BacktestRow[],
  sales: readonly DailyRow[],
  snapshots: readonly SnapshotRow[],
): LineInputs {
  const days = unit === 'week' ? 7 : 1;
  const season = unit === 'week' ? 52 : 7;
  const asOf = isoDay(line.as_of);
  const earliest = addDays(asOf, -7 * weeks);
  // The window starts on the first backtest date inside the last `weeks` weeks: no forecast of
  // the champion exists before its backtest origin, and periods stay on the backtest's grid.
  const inside = backtest.filter((r) => {
    const d = isoDay(r.date);
    return d >= earliest && d < asOf;
  });
  const from = inside.length ? isoDay(inside[0].date) : null;
  const replayed = from ? Math.floor(daysBetween(from, asOf) / days) : 0;
  const history = HISTORY_SEASONS * season;
  const first = from ? addDays(from, -history * days) : asOf;
  const demand = new Float64Array(history + replayed);
  for (const r of sales) {
    const i = Math.floor(daysBetween(first, isoDay(r.date)) / days);
    if (i >= 0 && i < demand.length) demand[i] += Number(r.units);
  }
  // History before the first recorded sale is not history: the series is shorter.
  let lead = 0;
  while (lead < history && demand[lead] === 0) lead++;
  const byDate = new Map(inside.map((r) => [isoDay(r.date), r]));
  const forecast: QuantileForecast | null = from
    ? backtestForecast(from, replayed, days, byDate)
    : null;
  // Stock at the end of the day before the window: the latest snapshot up to then.
  const before = from ? addDays(from, -1) : null;
  let onHand: number | null = null;
  for (const s of snapshots)
    if (before && isoDay(s.date) <= before) onHand = Number(s.on_hand);
  const series: ProofSeries = {
    sales: demand.subarray(lead),
    start: history - lead,
    backtest: forecast,
    initialOnHand: onHand,
    season,
    leadTime: Math.max(0, Math.round(b.leadTime ?? 1)),
    reviewPeriod: Math.max(1, Math.round(b.reviewPeriod ?? 1)),
    serviceLevel: Number(line.service_level),
    unmetDemand: b.unmetDemand ?? unmetDemandOf(line.unmet_demand),
    casePack: Math.max(1, Number(line.case_pack)),
    moq: Number(line.moq),
  };
  return { line, periodUnit: unit, from, series };
}

/** P10/P50/P90 of each replayed period from the backtest rows on its grid; a gap repeats the last. */
function backtestForecast(
  from: string,
  periods: number,
  days: number,
  byDate: Map<string, BacktestRow>,
): QuantileForecast {
  const values = [0, 1, 2].map(() => new Float64Array(periods));
  let last: BacktestRow | undefined;
  for (let i = 0; i < periods; i++) {
    last = byDate.get(addDays(from, i * days)) ?? last;
    if (!last) continue;
    values[0][i] = Number(last.p10);
    values[1][i] = Number(last.p50);
    values[2][i] = Number(last.p90);
  }
  return { levels: [0.1, 0.5, 0.9], values };
}
