import { seasonPeriod } from '../core/calendar';
import { DEFAULT_QUANTILES } from '../core/quantiles';
import type { LocalContext } from '../models/local';
import type { Forecast, Metrics, ModelName, Panel, Progress } from '../types';
import type { PreparedSeries } from './prepare';
import { resolveHorizon } from './prepare';
import type { TrainAndForecastOptions } from './result-types';

/** Backtest metrics per series and candidate, one entry per scored origin. */
export type BacktestScores = Map<PreparedSeries, Map<ModelName, Metrics[]>>;
/** Backtest forecasts per series: one map of candidate → forecast per origin. */
export type BacktestForecasts = Map<PreparedSeries, Map<ModelName, Forecast>[]>;

/** What every step of a panel run reads (resolved options) and appends to (errors, timings). */
export interface PanelRun {
  freq: Panel['frequency'];
  horizon: number;
  levels: number[];
  /** Season length of the frequency. */
  period: number;
  seed: number;
  local: LocalContext;
  progress: (p: Progress) => void;
  errors: { id: string; message: string }[];
  warnings: string[];
  timings: Record<string, number>;
  /** Start of the run, in seconds. */
  t0: number;
}

export const now = (): number => Date.now() / 1000;
export const yieldToLoop = (): Promise<void> =>
  new Promise((r) => setImmediate(r));

export function resolveQuantiles(q?: number[]): number[] {
  const set = new Set([...(q && q.length ? q : DEFAULT_QUANTILES), 0.5]);
  return [...set].filter((x) => x > 0 && x < 1).sort((a, b) => a - b);
}

export function startRun(
  panel: Panel,
  options: TrainAndForecastOptions,
): PanelRun {
  const t0 = now();
  const freq = panel.frequency;
  const horizon = resolveHorizon(freq, options.horizon);
  const levels = resolveQuantiles(options.quantiles);
  const period = seasonPeriod(freq);
  return {
    freq,
    horizon,
    levels,
    period,
    seed: options.seed ?? 42,
    local: { period, horizon, levels, etsMaxIter: options.etsMaxIter },
    progress: options.onProgress ?? (() => undefined),
    errors: [],
    warnings: [],
    timings: {},
    t0,
  };
}

/** Records a per-series failure; the run carries on with the other series. */
export function failSeries(run: PanelRun, id: string, e: unknown): void {
  run.errors.push({ id, message: e instanceof Error ? e.message : String(e) });
}

export function pushMetric<K>(
  map: Map<K, Metrics[]>,
  key: K,
  m: Metrics,
): void {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}
