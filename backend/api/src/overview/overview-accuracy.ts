import type { AccuracyKpi } from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import { addDays } from '../common/dates';
import { isoDay, sqlQuery } from '../database/raw-sql';
import type { ScopeFilter } from './overview-scope';

/** Days of the accuracy window ("the last 4 weeks"). */
export const ACCURACY_DAYS = 28;

/** A row of the promoted runs. */
interface PromotedRunRow {
  id: string;
  data_end: Date | string;
  finished_at: Date | string | null;
}

/** A row of actuals against the served forecast per day (sums may be text on PostgreSQL). */
interface ServedDayRow {
  date: Date | string;
  abs_err: number | string;
  err: number | string;
  act: number | string;
}

/** A row of the scored series. */
interface SeriesKeyRow {
  store_id: number | string;
  product_id: number | string;
}

/** A row of the serving pointer. */
interface ServingRow {
  run_id: string | null;
}

/** A row of the serving run's backtest over the scope (volume-weighted sums). */
interface BacktestSumRow {
  n: number | string;
  vol: number | string | null;
  wape_v: number | string | null;
  bias_v: number | string | null;
}

interface PromotedRun {
  id: string;
  dataEnd: string;
  finishedAt: number;
}

/**
 * For each day, the run that was serving on it: the promoted run with the latest data end before
 * the day (the latest finished among equals). Exported for its unit test.
 */
export function servingRunByDate(
  runs: readonly PromotedRun[],
  dates: readonly string[],
): Map<string, string[]> {
  const byRun = new Map<string, string[]>();
  for (const d of dates) {
    let best: PromotedRun | null = null;
    for (const r of runs) {
      if (r.dataEnd >= d) continue;
      if (
        !best ||
        r.dataEnd > best.dataEnd ||
        (r.dataEnd === best.dataEnd && r.finishedAt > best.finishedAt)
      )
        best = r;
    }
    if (best) byRun.set(best.id, [...(byRun.get(best.id) ?? []), d]);
  }
  return byRun;
}

/**
 * Accuracy of the last 4 weeks up to `asOf`: actuals against the forecasts that were serving then
 * when any exist for the scope, else the serving run's backtest (volume-weighted over the scope's
 * series, as the forecast explorer weighs them).
 */
export async function accuracyKpi(
  ds: DataSource,
  filter: ScopeFilter,
  asOf: string,
): Promise<AccuracyKpi> {
  const served = await servedAccuracy(ds, filter, asOf);
  return served ?? backtestAccuracy(ds, filter);
}

async function servedAccuracy(
  ds: DataSource,
  filter: ScopeFilter,
  asOf: string,
): Promise<AccuracyKpi | null> {
  const runs: PromotedRun[] = (
    (await sqlQuery(
      ds,
      "SELECT id, data_end, finished_at FROM forecast_runs WHERE status = 'promoted' AND data_end IS NOT NULL",
    )) as unknown as PromotedRunRow[]
  ).map((r) => ({
    id: String(r.id),
    dataEnd: isoDay(r.data_end),
    finishedAt: timeOf(r.finished_at),
  }));
  const from = addDays(asOf, -(ACCURACY_DAYS - 1));
  const dates = Array.from({ length: ACCURACY_DAYS }, (_, i) =>
    addDays(from, i),
  );
  const perDate = new Map<string, { abs: number; err: number; act: number }>();
  const series = new Set<string>();
  let latest: PromotedRun | null = null;
  for (const [runId, runDates] of servingRunByDate(runs, dates)) {
    const marks = runDates.map(() => '?').join(', ');
    const join = `FROM sales x JOIN forecast_values f ON f.run_id = ? AND f.store_id = x.store_id
                   AND f.product_id = x.product_id AND f.date = x.date
                  WHERE x.date IN (${marks}) ${filter.sql('x')}`;
    const params = [runId, ...runDates, ...filter.params];
    const rows = (await sqlQuery(
      ds,
      `SELECT x.date, SUM(ABS(f.p50 - x.units)) AS abs_err, SUM(f.p50 - x.units) AS err,
              SUM(x.units) AS act ${join} GROUP BY x.date`,
      params,
    )) as unknown as ServedDayRow[];
    if (!rows.length) continue;
    for (const r of rows)
      perDate.set(isoDay(r.date), {
        abs: Number(r.abs_err),
        err: Number(r.err),
        act: Number(r.act),
      });
    const keys = (await sqlQuery(
      ds,
      `SELECT DISTINCT x.store_id, x.product_id ${join}`,
      params,
    )) as unknown as SeriesKeyRow[];
    for (const r of keys)
      series.add(`${String(r.store_id)}/${String(r.product_id)}`);
    const run = runs.find((r) => r.id === runId) ?? null;
    if (run && (!latest || run.dataEnd > latest.dataEnd)) latest = run;
  }
  if (!perDate.size) return null;
  const scored = [...perDate.keys()].sort();
  const total = sum(scored.map((d) => perDate.get(d)));
  const weekly: AccuracyKpi['weekly'] = [];
  for (let w = 0; w < ACCURACY_DAYS / 7; w++) {
    const start = addDays(from, w * 7);
    const week = dates.slice(w * 7, w * 7 + 7).map((d) => perDate.get(d));
    weekly.push({ from: start, wape: sum(week).wape });
  }
  return {
    source: 'served',
    wape: total.wape,
    bias: total.bias,
    from: scored[0],
    to: scored[scored.length - 1],
    series: series.size,
    runId: latest?.id ?? null,
    weekly,
  };
}

function sum(
  parts: readonly ({ abs: number; err: number; act: number } | undefined)[],
): { wape: number | null; bias: number | null } {
  let abs = 0;
  let err = 0;
  let act = 0;
  let any = false;
  for (const p of parts) {
    if (!p) continue;
    any = true;
    abs += p.abs;
    err += p.err;
    act += p.act;
  }
  if (!any || act <= 0) return { wape: null, bias: null };
  return { wape: abs / act, bias: err / act };
}

async function backtestAccuracy(
  ds: DataSource,
  filter: ScopeFilter,
): Promise<AccuracyKpi> {
  const [serving] = (await sqlQuery(
    ds,
    'SELECT run_id FROM serving WHERE id = 1',
  )) as unknown as ServingRow[];
  const runId = serving?.run_id ?? null;
  const none: AccuracyKpi = {
    source: 'none',
    wape: null,
    bias: null,
    from: null,
    to: null,
    series: 0,
    runId,
    weekly: [],
  };
  if (!runId) return none;
  const [r] = (await sqlQuery(
    ds,
    `SELECT COUNT(*) AS n, SUM(x.volume) AS vol, SUM(x.wape * x.volume) AS wape_v,
            SUM(x.bias * x.volume) AS bias_v
       FROM forecast_run_series x
      WHERE x.run_id = ? AND x.wape IS NOT NULL AND x.volume > 0 ${filter.sql('x')}`,
    [runId, ...filter.params],
  )) as unknown as BacktestSumRow[];
  const vol = Number(r?.vol ?? 0);
  if (!r || !(vol > 0)) return none;
  return {
    ...none,
    source: 'backtest',
    wape: Number(r.wape_v) / vol,
    bias: r.bias_v === null ? null : Number(r.bias_v) / vol,
    series: Number(r.n),
  };
}

function timeOf(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  return v ? Date.parse(String(v)) || 0 : 0;
}
