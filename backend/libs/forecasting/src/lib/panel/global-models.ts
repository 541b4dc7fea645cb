import { hashString } from '../core/random';
import type { Panel, SeriesInput } from '../types';
import type {
  GlobalModels,
  PanelResult,
  TrainAndForecastOptions,
} from './result-types';
import { runPanel } from './train-and-forecast';

/**
 * Default cap on the series a run's global models are trained on. Both accuracy-bench datasets
 * (913 OJ store x brand series, 54 Favorita stores) are entirely inside it, so on them the global
 * models are exactly today's; the GBDT already trains on at most 150,000 sampled rows and the
 * neural model on a fixed window budget per epoch, so more series mostly add preparation and
 * backtest time to the global step, not accuracy.
 */
export const DEFAULT_GLOBAL_SAMPLE_SERIES = 5000;

export interface GlobalModelOptions extends TrainAndForecastOptions {
  /** Most series the global models are trained on (default 5,000; see the constant). */
  globalSampleSeries?: number;
  /** Hears the sample's own result (e.g. to pool its backtest errors for a run-wide calibration). */
  onSampleResult?: (result: PanelResult, sample: SeriesInput[]) => void;
}

/**
 * The series ids a run's global models are trained on: all of them up to `cap`, else the `cap`
 * ids with the smallest seeded hash. The choice depends only on the ids, not on their order or
 * on how the run is sharded, so a coordinator can pick the sample from a list of keys and load
 * just those series.
 */
export function pickGlobalSample(
  ids: readonly string[],
  cap: number,
  seed: number,
): Set<string> {
  if (ids.length <= cap) return new Set(ids);
  const keyed = ids.map((id) => ({ id, h: hashString(`${seed}:${id}`) }));
  keyed.sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Set(keyed.slice(0, Math.max(0, cap)).map((k) => k.id));
}

/**
 * A run's global step: trains the GBDT (backtest + final) and, when enabled, the neural model
 * (backtest + fine-tuned final) on a bounded deterministic sample of the panel, exactly as
 * `trainAndForecast` would on that sample, and keeps the models with the sample's selection
 * winners and category profiles. Passing the result as `pretrained` to `trainAndForecast` then
 * forecasts any subset of the series without training, identically whatever the subset.
 * Cost: one `trainAndForecast` over min(series, cap) series (drivers skipped).
 */
export async function fitGlobalModels(
  panel: Panel,
  options: GlobalModelOptions = {},
): Promise<GlobalModels> {
  const seed = options.seed ?? 42;
  const cap = options.globalSampleSeries ?? DEFAULT_GLOBAL_SAMPLE_SERIES;
  if (!(cap >= 1))
    throw new Error(`globalSampleSeries must be >= 1, got ${cap}`);
  const keep = pickGlobalSample(
    panel.series.map((s) => s.id),
    cap,
    seed,
  );
  const series: SeriesInput[] = panel.series.filter((s) => keep.has(s.id));
  const run = await runPanel(
    { frequency: panel.frequency, series },
    { ...options, seed, drivers: false, pretrained: undefined },
    true,
  );
  const r = run.result;
  options.onSampleResult?.(r, series);
  const out: GlobalModels = {
    version: 1,
    frequency: r.frequency,
    horizon: r.horizon,
    quantiles: r.quantiles,
    seed,
    sampleSeries: series.length,
    panelSeries: panel.series.length,
    winners: Object.fromEntries(run.winners),
    categoryProfiles: r.artifacts.categoryProfiles,
    warnings: r.warnings,
  };
  if (r.artifacts.gbdt && run.gbdtBacktest && r.gbdt?.backtest && r.gbdt.final)
    out.gbdt = {
      backtest: run.gbdtBacktest,
      final: r.artifacts.gbdt,
      reports: { backtest: r.gbdt.backtest, final: r.gbdt.final },
    };
  if (r.artifacts.neural && run.neuralBacktest)
    out.neural = {
      backtest: run.neuralBacktest,
      final: r.artifacts.neural,
      reports: r.neural ?? {},
    };
  return out;
}

interface EncodedWeights {
  weightDataBase64: string;
}

/** JSON text of global models (neural weight buffers as base64). */
export function serializeGlobalModels(g: GlobalModels): string {
  return JSON.stringify(g, (key, value: unknown) =>
    key === 'weightData' && value instanceof ArrayBuffer
      ? ({
          weightDataBase64: Buffer.from(value).toString('base64'),
        } satisfies EncodedWeights)
      : value,
  );
}

/** Inverse of `serializeGlobalModels`. */
export function parseGlobalModels(text: string): GlobalModels {
  const g = JSON.parse(text, (key, value: unknown) => {
    if (
      key === 'weightData' &&
      value !== null &&
      typeof value === 'object' &&
      'weightDataBase64' in value
    ) {
      const b = Buffer.from(
        (value as EncodedWeights).weightDataBase64,
        'base64',
      );
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
    return value;
  }) as GlobalModels;
  if (g.version !== 1)
    throw new Error(`unknown global model version ${String(g.version)}`);
  return g;
}
