import {
  daysFrom,
  type FactoryDb,
  idOf,
  insertRows,
  type SqlValue,
} from './factory-db';

export interface RunSeed {
  id: string;
  /** 'training': a run still working (no finish time unless given). */
  status?:
    | 'queued'
    | 'training'
    | 'promoted'
    | 'rejected'
    | 'failed'
    | 'cancelled';
  trigger?: 'manual' | 'nightly' | 'import';
  /** Default '2026-11-28 01:00:00'. */
  createdAt?: string;
  /** Default null. */
  startedAt?: string | null;
  /** Default createdAt for a finished status, else null. */
  finishedAt?: string | null;
  dataEnd?: string | null;
  wape?: number | null;
  /** Point the serving pointer at this run (what the API serves). */
  serve?: boolean;
}

export interface ForecastSeed {
  store: string;
  sku: string;
  /** First forecast day. */
  start: string;
  days: number;
  /** P50 of day i (default 5); P10/P90 default to 0.8×/1.2× of it. */
  p50?: (i: number) => number;
  p10?: (i: number) => number;
  p90?: (i: number) => number;
  /** Backtests only: the window's origin (default `start`). */
  origin?: string;
  /** Values at SERVED_QUANTILE_LEVELS of day i, stored as JSON; none (null) unless given. */
  quantiles?: (i: number) => number[];
  model?: string;
}

export interface RunSeriesSeed {
  store: string;
  sku: string;
  model?: string;
  kind?: string;
  wape?: number | null;
  bias?: number | null;
  volume?: number;
}

/** A training run row, optionally served; returns its id. */
export async function createRun(t: FactoryDb, run: RunSeed): Promise<string> {
  const status = run.status ?? 'promoted';
  const createdAt = run.createdAt ?? '2026-11-28 01:00:00';
  const finished =
    run.finishedAt !== undefined
      ? run.finishedAt
      : status === 'queued' || status === 'training'
        ? null
        : createdAt;
  await insertRows(
    t,
    'forecast_runs',
    [
      'id',
      'status',
      'trigger_type',
      'created_at',
      'started_at',
      'finished_at',
      'data_end',
      'wape',
    ],
    [
      [
        run.id,
        status,
        run.trigger ?? 'manual',
        createdAt,
        run.startedAt ?? null,
        finished,
        run.dataEnd ?? null,
        run.wape ?? null,
      ],
    ],
  );
  if (run.serve) await serveRun(t, run.id);
  return run.id;
}

/** Makes the run the one the API serves. */
export async function serveRun(t: FactoryDb, runId: string): Promise<void> {
  await t.query('UPDATE serving SET run_id = ? WHERE id = 1', [runId]);
}

/** A row for every day of every series, from its ids, date and P10/P50/P90 (defaults applied). */
async function forecastDayRows(
  t: FactoryDb,
  series: readonly ForecastSeed[],
  row: (
    s: ForecastSeed,
    day: {
      storeId: number;
      productId: number;
      date: string;
      i: number;
      p10: number;
      p50: number;
      p90: number;
    },
  ) => SqlValue[],
): Promise<SqlValue[][]> {
  const rows: SqlValue[][] = [];
  for (const s of series) {
    const storeId = await idOf(t, 'stores', 'code', s.store);
    const productId = await idOf(t, 'products', 'sku', s.sku);
    daysFrom(s.start, s.days).forEach((date, i) => {
      const p50 = s.p50?.(i) ?? 5;
      rows.push(
        row(s, {
          storeId,
          productId,
          date,
          i,
          p10: s.p10?.(i) ?? 0.8 * p50,
          p50,
          p90: s.p90?.(i) ?? 1.2 * p50,
        }),
      );
    });
  }
  return rows;
}

/** The run's daily forecast values of store × product series. */
export async function createForecastValues(
  t: FactoryDb,
  runId: string,
  series: readonly ForecastSeed[],
): Promise<void> {
  const rows = await forecastDayRows(t, series, (s, day) => [
    runId,
    day.storeId,
    day.productId,
    day.date,
    day.p10,
    day.p50,
    day.p90,
    s.model ?? 'ets',
    s.quantiles ? JSON.stringify(s.quantiles(day.i)) : null,
  ]);
  await insertRows(
    t,
    'forecast_values',
    [
      'run_id',
      'store_id',
      'product_id',
      'date',
      'p10',
      'p50',
      'p90',
      'model',
      'quantiles',
    ],
    rows,
  );
}

/** The run's per-series outcome (model, backtest accuracy, volume). */
export async function createRunSeries(
  t: FactoryDb,
  runId: string,
  series: readonly RunSeriesSeed[],
): Promise<void> {
  const rows: SqlValue[][] = [];
  for (const s of series)
    rows.push([
      runId,
      await idOf(t, 'stores', 'code', s.store),
      await idOf(t, 'products', 'sku', s.sku),
      s.model ?? 'ets',
      s.kind ?? 'smooth',
      s.wape ?? null,
      s.bias ?? null,
      s.volume ?? 0,
    ]);
  await insertRows(
    t,
    'forecast_run_series',
    [
      'run_id',
      'store_id',
      'product_id',
      'model',
      'kind',
      'wape',
      'bias',
      'volume',
    ],
    rows,
  );
}

/** The run's backtest forecast of store × product series (one window from `start`, by default its origin). */
export async function createBacktests(
  t: FactoryDb,
  runId: string,
  series: readonly ForecastSeed[],
): Promise<void> {
  const rows = await forecastDayRows(t, series, (s, day) => [
    runId,
    day.storeId,
    day.productId,
    day.date,
    s.origin ?? s.start,
    day.p10,
    day.p50,
    day.p90,
  ]);
  await insertRows(
    t,
    'run_backtests',
    ['run_id', 'store_id', 'product_id', 'date', 'origin', 'p10', 'p50', 'p90'],
    rows,
  );
}

/**
 * The set-up the recommendation specs share: a promoted run `run-1` (created and promoted
 * 2026-11-28 01:00) that serves a flat forecast — P10 6, P50 10, P90 14 a day — for every store ×
 * product over `days` days from 2026-11-28, and `onHand` units of each in stock on 2026-11-27
 * (the last sales day of `seedPanel`).
 */
export async function serveFlatForecast(
  t: FactoryDb,
  o: { onHand: number; days?: number },
): Promise<void> {
  const at = '2026-11-28 01:00:00';
  await t.query(
    "INSERT INTO forecast_runs (id, status, trigger_type, created_at) VALUES ('run-1', 'promoted', 'manual', ?)",
    [at],
  );
  await t.query(
    "INSERT INTO inventory_snapshots (store_id, product_id, date, on_hand) SELECT s.id, p.id, '2026-11-27', ? FROM stores s, products p",
    [o.onHand],
  );
  for (const date of daysFrom('2026-11-28', o.days ?? 28))
    await t.query(
      "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) SELECT 'run-1', s.id, p.id, ?, 6, 10, 14, 'test' FROM stores s, products p",
      [date],
    );
  await t.query(
    "UPDATE serving SET run_id = 'run-1', promoted_at = ? WHERE id = 1",
    [at],
  );
}
