import type { RunMetrics } from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import { type StoreScope, storeScopeSql } from '../common/identity/store-scope';
import { numOrNull, sqlQuery } from '../database/raw-sql';
import { RunMetric } from './entities';
import { aggregateScores } from './run-metric-aggregation';
import { metricsOf } from './run-views';

/** A row of the per-series scores of one run over the reader's stores. */
interface SeriesScoreRow {
  store_code: string;
  category_path: string | null;
  wape: number | string | null;
  mase: number | string | null;
  smape: number | string | null;
  bias: number | string | null;
  coverage: number | string | null;
  volume: number | string | null;
}

/** A row of the per-run WAPE over the reader's stores. */
interface RunWapeRow {
  run_id: string;
  wape_v: number | string | null;
  vol: number | string | null;
}

/**
 * A run's backtest metrics as the reader may see them: the stored chain-wide `run_metrics` for
 * readers of every store; for a store manager, the same formula over their stores' series only
 * (overall and categories included), so no figure of another store reaches them.
 */
export async function runMetricsFor(
  ds: DataSource,
  runId: string,
  scope: StoreScope,
): Promise<RunMetrics> {
  if (scope.kind === 'all')
    return metricsOf(
      runId,
      await ds.getRepository(RunMetric).findBy({ runId }),
    );
  const rows = (await sqlQuery(
    ds,
    `SELECT s.code AS store_code, p.category_path, x.wape, x.mase, x.smape, x.bias, x.coverage, x.volume
       FROM forecast_run_series x
       JOIN stores s ON s.id = x.store_id
       JOIN products p ON p.id = x.product_id
      WHERE x.run_id = ? AND ${storeScopeSql('x.store_id', scope)}`,
    [runId],
  )) as unknown as SeriesScoreRow[];
  const metrics = aggregateScores(
    rows.map((r) => ({
      storeCode: String(r.store_code),
      category: String(r.category_path ?? '').split('/')[0],
      wape: numOrNull(r.wape),
      mase: numOrNull(r.mase),
      smape: numOrNull(r.smape),
      bias: numOrNull(r.bias),
      coverage: numOrNull(r.coverage),
      volume: Number(r.volume ?? 0),
    })),
  );
  const sorted = metrics.sort((a, b) => a.key.localeCompare(b.key));
  return {
    runId,
    overall: sorted.find((m) => m.level === 'overall') ?? null,
    categories: sorted.filter((m) => m.level === 'category'),
    stores: sorted.filter((m) => m.level === 'store'),
  };
}

/**
 * Backtest WAPE of runs over the reader's stores (volume-weighted, as the run's own WAPE is over
 * the chain); runs without a scored series of those stores are absent.
 */
export async function runWapesFor(
  ds: DataSource,
  runIds: readonly string[],
  scope: StoreScope,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!runIds.length) return out;
  const rows = (await sqlQuery(
    ds,
    `SELECT x.run_id, SUM(x.wape * x.volume) AS wape_v, SUM(x.volume) AS vol
       FROM forecast_run_series x
      WHERE x.run_id IN (${runIds.map(() => '?').join(', ')})
        AND x.wape IS NOT NULL AND x.volume > 0 AND ${storeScopeSql('x.store_id', scope)}
      GROUP BY x.run_id`,
    [...runIds],
  )) as unknown as RunWapeRow[];
  for (const r of rows) {
    const vol = Number(r.vol ?? 0);
    if (vol > 0) out.set(String(r.run_id), Number(r.wape_v) / vol);
  }
  return out;
}
