import {
  fitGlobalModels,
  type Frequency,
  type GlobalModels,
  parseGlobalModels,
  pickGlobalSample,
  serializeGlobalModels,
} from '@shelfcast/forecasting';
import { serializeWrites } from '../../database/write-gate';
import type { KnownForecast } from '@shelfcast/inventory-policy';
import { libraryOptions } from './run-options';
import {
  calibrationSample,
  parseCalibrationSample,
} from './served-calibration';
import { beginShard, completeShard } from './shard-completion';
import type { ShardDb } from './shard-db';
import { openShardDb } from './shard-db';
import {
  loadDataEnd,
  loadEvents,
  loadPanel,
  loadSeriesMeta,
  type SeriesMeta,
} from './shard-panel';
import type { ShardOutcome, ShardProgress, ShardTask } from './shard-task';

/** Shard key of a run's global step in `run_shards` (series shards are named `r…` or `s…`). */
export const GLOBAL_SHARD = 'global';

/** Default cap on the global step's sample (TRAINING_GLOBAL_SAMPLE_SERIES). */
const DEFAULT_SAMPLE = 5000;

interface ArtifactRow {
  artifact: string;
  calibration: string | null;
}

/** A run's global models for one frequency and its calibration pool. */
export interface RunGlobals {
  models: GlobalModels;
  calibration?: KnownForecast[];
}

interface FrequencyRow {
  frequency: string;
}

/** The run's global models for a frequency, or null when its global step stored none. */
export async function loadGlobalModels(
  db: ShardDb,
  runId: string,
  freq: Frequency,
): Promise<RunGlobals | null> {
  const [row] = await db.all<ArtifactRow>(
    'SELECT artifact, calibration FROM run_global_models WHERE run_id = ? AND frequency = ?',
    [runId, freq],
  );
  if (!row) return null;
  return {
    models: parseGlobalModels(row.artifact),
    calibration: row.calibration
      ? parseCalibrationSample(row.calibration)
      : undefined,
  };
}

/**
 * The run's global step: per frequency in scope, picks a deterministic sample of at most
 * `globalSampleSeries` series over the whole catalogue (by key hash, so the same whatever the
 * shards), loads only those, trains the global models once (`fitGlobalModels`) and stores them
 * in `run_global_models`. Idempotent: a frequency whose models are stored is skipped, and the step
 * is marked done in `run_shards` like a shard, so a resumed run does not redo it.
 */
export async function runGlobalStep(
  task: ShardTask,
  onProgress: (p: ShardProgress) => void = () => undefined,
): Promise<ShardOutcome> {
  const started = Date.now();
  const log: string[] = [];
  const note = (m: string) => log.push(`[${GLOBAL_SHARD}] ${m}`);
  const warnings: string[] = [];
  const db = await openShardDb(task.db);
  try {
    const earlier = await beginShard(db, task);
    if (earlier) return earlier;
    let reported = 0;
    const report = (
      fraction: number,
      done?: number,
      total?: number,
      unit?: ShardProgress['unit'],
    ) =>
      onProgress({
        shard: task.shard,
        phase: 'training',
        // The library counts each of its phases from zero: the step's share only grows.
        fraction: (reported = Math.max(reported, fraction)),
        seriesTotal: 0,
        ...(done !== undefined && total !== undefined
          ? { done, total, unit }
          : {}),
      });
    report(0);
    const metas = await loadSeriesMeta(db, { ...task, range: null });
    const dataEnd = await loadDataEnd(db);
    if (dataEnd !== null && metas.length > 0) {
      const events = await loadEvents(db);
      const byGrain = new Map<Frequency, SeriesMeta[]>();
      for (const m of metas) {
        const list = byGrain.get(m.grain) ?? [];
        list.push(m);
        byGrain.set(m.grain, list);
      }
      const done = new Set(
        (
          await db.all<FrequencyRow>(
            'SELECT frequency FROM run_global_models WHERE run_id = ?',
            [task.runId],
          )
        ).map((r) => r.frequency),
      );
      const cap = task.options.globalSampleSeries ?? DEFAULT_SAMPLE;
      for (const [freq, group] of byGrain) {
        if (done.has(freq)) {
          note(`${freq}: global models already stored, not trained again`);
          continue;
        }
        const keep = pickGlobalSample(
          group.map((m) => `${m.storeId}:${m.productId}`),
          cap,
          task.options.seed,
        );
        const sample = group.filter((m) =>
          keep.has(`${m.storeId}:${m.productId}`),
        );
        const options = libraryOptions(task.options, freq, note);
        const loaded = await loadPanel(
          db,
          sample,
          freq,
          dataEnd,
          options.horizon ?? 1,
          events,
        );
        const t0 = Date.now();
        let calibration: string | null = null;
        const g = await fitGlobalModels(
          { frequency: freq, series: loaded.series },
          {
            ...options,
            globalSampleSeries: cap,
            onSampleResult: (r, inputs) =>
              (calibration = calibrationSample(r.series, inputs)),
            onProgress: (p) =>
              report(
                p.total > 0 ? Math.min(0.99, p.done / p.total) : 0,
                p.done,
                p.total,
                p.phase === 'train' ? 'epochs' : 'series',
              ),
          },
        );
        warnings.push(...g.warnings);
        const text = serializeGlobalModels(g);
        await serializeWrites(() =>
          db.run(
            `INSERT INTO run_global_models (run_id, frequency, artifact, calibration, sample_series, created_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (run_id, frequency) DO UPDATE SET artifact = excluded.artifact,
               calibration = excluded.calibration, sample_series = excluded.sample_series,
               created_at = excluded.created_at`,
            [
              task.runId,
              freq,
              text,
              calibration,
              g.sampleSeries,
              new Date().toISOString(),
            ],
          ),
        );
        note(
          `${freq}: calibration pool ${((calibration ?? '').length / 1e6).toFixed(1)} MB; global models (${[g.gbdt ? 'gbdt' : '', g.neural ? 'neural' : ''].filter(Boolean).join(' + ') || 'none'}) trained on ${g.sampleSeries} of ${group.length} series in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(text.length / 1e6).toFixed(1)} MB`,
        );
      }
    } else note('no series or no sales in scope');
    report(1);
    const outcome: ShardOutcome = {
      shard: task.shard,
      seriesTotal: 0,
      seriesDone: 0,
      seriesFailed: 0,
      errors: [],
      backend: 'none',
      warnings,
      dataEnd,
      log,
      durationMs: Date.now() - started,
    };
    await completeShard(db, task, outcome);
    return outcome;
  } finally {
    await db.close();
  }
}
