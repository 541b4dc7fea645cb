import type { PanelResult, SeriesResult } from '@shelfcast/forecasting';
import {
  type KnownForecast,
  SERVED_QUANTILE_LEVELS,
} from '@shelfcast/inventory-policy';
import type { BulkColumn, UpsertSpec } from '../../database/bulk/bulk-writer';
import { backtestRows, RUN_BACKTESTS } from './backtest-rows';
import { serializeWrites } from '../../database/write-gate';
import type { ShardDb } from './shard-db';
import type { LoadedPanel } from './shard-panel';
import type { ShardTask } from './shard-task';
import { calibratedServedQuantiles, nearestLevel } from './served-calibration';

// A shard's results under its run id: forecast values, per-series outcomes, the last origin's
// backtest and the model artifacts (upserts, so re-running a shard is idempotent).

export const FORECAST_VALUES: UpsertSpec = {
  table: 'forecast_values',
  columns: cols([
    ['run_id', 'text'],
    ['store_id', 'int'],
    ['product_id', 'int'],
    ['date', 'date'],
    ['p10', 'float'],
    ['p50', 'float'],
    ['p90', 'float'],
    ['model', 'text'],
    ['quantiles', 'text'],
  ]),
  conflict: ['run_id', 'store_id', 'product_id', 'date'],
  update: ['p10', 'p50', 'p90', 'model', 'quantiles'],
};

export const RUN_SERIES: UpsertSpec = {
  table: 'forecast_run_series',
  columns: cols([
    ['run_id', 'text'],
    ['store_id', 'int'],
    ['product_id', 'int'],
    ['model', 'text'],
    ['kind', 'text'],
    ['wape', 'float'],
    ['mase', 'float'],
    ['smape', 'float'],
    ['bias', 'float'],
    ['coverage', 'float'],
    ['volume', 'float'],
    ['drivers', 'text'],
  ]),
  conflict: ['run_id', 'store_id', 'product_id'],
  update: [
    'model',
    'kind',
    'wape',
    'mase',
    'smape',
    'bias',
    'coverage',
    'volume',
    'drivers',
  ],
};

function cols(list: [string, BulkColumn['type']][]): BulkColumn[] {
  return list.map(([name, type]) => ({ name, type }));
}

const SERIES_PER_TRANSACTION = 200;

/** Short transactions (a few thousand rows each) keep other writers' lock waits short. */
export async function writeResults(
  db: ShardDb,
  task: ShardTask,
  result: PanelResult,
  loaded: LoadedPanel,
  artifactShard: string,
  known?: readonly KnownForecast[],
): Promise<void> {
  // Pooled over the run's calibration sample (else the whole grain group), before the chunks.
  const calibrated = calibratedServedQuantiles(
    result.series,
    loaded.series,
    known,
  );
  for (let i = 0; i < result.series.length; i += SERIES_PER_TRANSACTION) {
    const chunk = result.series.slice(i, i + SERIES_PER_TRANSACTION);
    await serializeWrites(() =>
      writeChunk(db, task, chunk, loaded, calibrated),
    );
  }
  await serializeWrites(() =>
    saveArtifacts(db, task.runId, artifactShard, result),
  );
}

async function writeChunk(
  db: ShardDb,
  task: ShardTask,
  chunk: SeriesResult[],
  loaded: LoadedPanel,
  calibrated: ReadonlyMap<string, readonly Float64Array[]>,
): Promise<void> {
  const tx = await db.begin();
  try {
    const values = await tx.openSink(FORECAST_VALUES);
    for (const s of chunk) {
      const meta = loaded.byId.get(s.id);
      if (!meta) continue;
      const [lo, mid, hi] = quantileRows(s);
      // The served levels, half calibrated as the policy replay validated (p10/p50/p90 stay the model's).
      const served =
        calibrated.get(s.id) ??
        SERVED_QUANTILE_LEVELS.map((q) => nearestLevel(s, q));
      for (let h = 0; h < s.dates.length; h++) {
        const pending = values.write([
          task.runId,
          meta.storeId,
          meta.productId,
          s.dates[h],
          round(lo[h]),
          round(mid[h]),
          round(hi[h]),
          s.model,
          JSON.stringify(servedValues(served, h)),
        ]);
        if (pending) await pending;
      }
    }
    await values.close();
    const series = await tx.openSink(RUN_SERIES);
    for (const s of chunk) {
      const meta = loaded.byId.get(s.id);
      if (!meta) continue;
      const m = s.backtest[s.model];
      const pending = series.write([
        task.runId,
        meta.storeId,
        meta.productId,
        s.model,
        s.kind,
        finite(m?.wape),
        finite(m?.mase),
        finite(m?.smape),
        finite(m?.bias),
        finite(m?.coverage),
        m ? (loaded.volume.get(s.id) ?? 0) : 0,
        s.drivers
          ? JSON.stringify(
              Object.fromEntries(
                Object.entries(s.drivers).map(([k, v]) => [
                  k,
                  Array.from(v, round),
                ]),
              ),
            )
          : null,
      ]);
      if (pending) await pending;
    }
    await series.close();
    const backtests = await tx.openSink(RUN_BACKTESTS);
    for (const s of chunk) {
      const meta = loaded.byId.get(s.id);
      if (!meta) continue;
      for (const row of backtestRows(
        task.runId,
        meta.storeId,
        meta.productId,
        s,
      )) {
        const pending = backtests.write(row);
        if (pending) await pending;
      }
    }
    await backtests.close();
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}

async function saveArtifacts(
  db: ShardDb,
  runId: string,
  shard: string,
  result: PanelResult,
): Promise<void> {
  await db.run('DELETE FROM model_artifacts WHERE run_id = ? AND shard = ?', [
    runId,
    shard,
  ]);
  const { neural, ...baseline } = result.artifacts;
  const rows: [string, 'json' | 'base64', string, number][] = [];
  const params = JSON.stringify(baseline);
  rows.push(['baseline-params', 'json', params, Buffer.byteLength(params)]);
  if (neural) {
    const topology = JSON.stringify({
      modelTopology: neural.modelTopology,
      weightSpecs: neural.weightSpecs,
      spec: neural.spec,
    });
    rows.push([
      'neural-topology',
      'json',
      topology,
      Buffer.byteLength(topology),
    ]);
    rows.push([
      'neural-weights',
      'base64',
      Buffer.from(neural.weightData).toString('base64'),
      neural.weightData.byteLength,
    ]);
  }
  for (const [kind, encoding, content, bytes] of rows) {
    await db.run(
      'INSERT INTO model_artifacts (run_id, shard, kind, encoding, content, bytes) VALUES (?, ?, ?, ?, ?, ?)',
      [runId, shard, kind, encoding, content, bytes],
    );
  }
}

function quantileRows(
  s: SeriesResult,
): [Float64Array, Float64Array, Float64Array] {
  return [nearestLevel(s, 0.1), s.forecast.point, nearestLevel(s, 0.9)];
}

/** One date's values at the served levels, made non-decreasing (models may cross). */
function servedValues(served: readonly Float64Array[], h: number): number[] {
  let floor = 0;
  return served.map((v) => (floor = Math.max(floor, round(v[h]))));
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : 0;
}

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}
