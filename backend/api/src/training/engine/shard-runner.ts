import type { RunSeriesError } from '@shelfcast/contracts';
import { type Frequency, trainAndForecast } from '@shelfcast/forecasting';
import {
  applyColdStartPriors,
  loadContentNeighbours,
} from './cold-start-priors';
import { GLOBAL_SHARD, loadGlobalModels, runGlobalStep } from './global-step';
import { libraryOptions } from './run-options';
import { beginShard, completeShard } from './shard-completion';
import { openShardDb } from './shard-db';
import {
  loadDataEnd,
  loadEvents,
  loadPanel,
  loadSeriesMeta,
  type SeriesMeta,
} from './shard-panel';
import { writeResults } from './shard-results';
import {
  MAX_ERRORS_PER_SHARD,
  type ShardOutcome,
  type ShardProgress,
  type ShardTask,
} from './shard-task';

/**
 * Trains one shard of a run: loads its series with plain SQL into typed arrays, runs the
 * forecasting library, and writes forecasts, per-series outcomes and model artifacts under the run
 * id (upserts, so re-running a shard after a crash is idempotent), then marks the shard done in
 * `run_shards`; a shard already marked done returns its stored outcome without recomputing.
 * Nothing here is served until the coordinator promotes the run.
 */
export async function runShard(
  task: ShardTask,
  onProgress: (p: ShardProgress) => void = () => undefined,
): Promise<ShardOutcome> {
  if (task.kind === 'global') return runGlobalStep(task, onProgress);
  const started = Date.now();
  const log: string[] = [];
  const note = (m: string) => log.push(`[${task.shard}] ${m}`);
  const db = await openShardDb(task.db);
  try {
    const earlier = await beginShard(db, task);
    if (earlier) return earlier;
    onProgress({
      shard: task.shard,
      phase: 'loading',
      fraction: 0,
      seriesTotal: 0,
    });
    const metas = await loadSeriesMeta(db, task);
    const dataEnd = await loadDataEnd(db);
    const errors: RunSeriesError[] = [];
    let failed = 0;
    let done = 0;
    let backend = 'none';
    const warnings: string[] = [];
    if (dataEnd === null || metas.length === 0) {
      note('no series or no sales in scope');
      return await complete();
    }
    const events = await loadEvents(db);
    const neighbours = await loadContentNeighbours(db);
    const byGrain = new Map<Frequency, SeriesMeta[]>();
    for (const m of metas) {
      const list = byGrain.get(m.grain) ?? [];
      list.push(m);
      byGrain.set(m.grain, list);
    }
    let grainIndex = 0;
    for (const [freq, group] of byGrain) {
      const options = libraryOptions(task.options, freq, note);
      const horizon = options.horizon ?? 1;
      const loaded = await loadPanel(db, group, freq, dataEnd, horizon, events);
      const priors = applyColdStartPriors(
        loaded.series,
        (s) => loaded.byId.get(s.id) ?? null,
        neighbours,
        freq,
      );
      if (priors)
        note(
          `cold start: ${priors} series without history borrow a level prior from similar products`,
        );
      const share = group.length / metas.length;
      const base = grainIndex / byGrain.size;
      const report = (
        phase: ShardProgress['phase'],
        f: number,
        count?: Pick<ShardProgress, 'done' | 'total' | 'unit'>,
      ) =>
        onProgress({
          shard: task.shard,
          phase,
          fraction: Math.min(1, base + share * f),
          seriesTotal: metas.length,
          ...count,
        });
      report('loading', 0.1);
      note(
        `loaded ${loaded.series.length} ${freq} series up to ${dataEnd} in ${Date.now() - started} ms`,
      );
      // The run's global models (its global step): the shard trains none of its own, so its
      // series are forecast the same whatever else the shard holds. A plan stored before global
      // steps existed has none; its shards still train their own.
      const globals = await loadGlobalModels(db, task.runId, freq);
      if (!globals)
        note(
          `${freq}: no global models stored for the run (${GLOBAL_SHARD} step): training the shard's own`,
        );
      const result = await trainAndForecast(
        { frequency: freq, series: loaded.series },
        {
          ...options,
          pretrained: globals?.models,
          onProgress: (p) => {
            const f = p.total > 0 ? p.done / p.total : 1;
            // The phase's own count travels with the fraction, so the text matches the bar.
            const count = {
              done: p.done,
              total: p.total,
              unit:
                p.phase === 'train' ? ('epochs' as const) : ('series' as const),
            };
            if (p.phase === 'prepare') report('loading', 0.1, count);
            else if (p.phase === 'backtest')
              report('backtesting', 0.1 + 0.5 * f, count);
            else if (p.phase === 'train')
              report('training', 0.6 + 0.2 * f, count);
            else report('forecasting', 0.8 + 0.15 * f, count);
          },
        },
      );
      backend = result.backend === 'none' ? backend : result.backend;
      warnings.push(...result.warnings);
      for (const w of result.warnings) note(`warning: ${w}`);
      for (const e of result.errors) {
        failed++;
        if (errors.length < MAX_ERRORS_PER_SHARD) {
          const meta = loaded.byId.get(e.id);
          errors.push({
            series: meta ? `${meta.storeCode}/${meta.sku}` : e.id,
            message: e.message,
          });
        }
      }
      report('forecasting', 0.95);
      await writeResults(
        db,
        task,
        result,
        loaded,
        `${task.shard}:${freq}`,
        globals?.calibration,
      );
      done += result.series.length;
      note(
        `${freq}: ${result.series.length} forecast, ${result.errors.length} failed, backend ${result.backend}, ${Object.entries(
          result.timings,
        )
          .map(([k, v]) => `${k} ${v.toFixed(1)}s`)
          .join(', ')}`,
      );
      grainIndex++;
    }
    onProgress({
      shard: task.shard,
      phase: 'forecasting',
      fraction: 1,
      seriesTotal: metas.length,
    });
    return await complete();

    async function complete(): Promise<ShardOutcome> {
      const o = outcome();
      await completeShard(db, task, o);
      return o;
    }

    function outcome(): ShardOutcome {
      return {
        shard: task.shard,
        seriesTotal: metas.length,
        seriesDone: done,
        seriesFailed: failed,
        errors,
        backend,
        warnings,
        dataEnd,
        log,
        durationMs: Date.now() - started,
      };
    }
  } finally {
    await db.close();
  }
}
