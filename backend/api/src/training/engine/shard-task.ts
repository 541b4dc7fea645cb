import type { RunSeriesError } from '@shelfcast/contracts';
import type { DatabaseConfig } from '../../config/app-config';

/** Everything a worker (thread or BullMQ process) needs to train one shard of a run. */
export interface ShardTask {
  runId: string;
  /** Stable key of the shard within the run, e.g. `s1-3` (stores 1 and 3) or `all`. */
  shard: string;
  db: DatabaseConfig;
  /**
   * `global`: the run's global step (trains the global models on a sample of the run's series and
   * stores them); `series` (the default): forecasts the shard's series with those models.
   */
  kind?: 'global' | 'series';
  /** Stores of the shard; null = every store. */
  storeIds: number[] | null;
  /** Inclusive range of (store id, product id) keys [fromStore, fromProduct, toStore, toProduct]. */
  range?: SeriesRange | null;
  /** Category path (prefix) of a category-scoped run; null = every category. */
  category: string | null;
  options: ShardOptions;
}

export interface ShardOptions {
  horizonDays: number;
  origins: number;
  neural: boolean;
  epochs: number;
  seed: number;
  /** Series the global models train on (the global step's sample cap). */
  globalSampleSeries?: number;
}

export type SeriesRange = [number, number, number, number];

export type ShardPhase = 'loading' | 'training' | 'backtesting' | 'forecasting';

export interface ShardProgress {
  shard: string;
  phase: ShardPhase;
  /** 0..1 within the shard. */
  fraction: number;
  seriesTotal: number;
  /** Units done / to do in `phase` within the shard (series; epochs while training). */
  done?: number;
  total?: number;
  unit?: 'series' | 'epochs';
}

export interface ShardOutcome {
  shard: string;
  seriesTotal: number;
  seriesDone: number;
  seriesFailed: number;
  errors: RunSeriesError[];
  backend: string;
  warnings: string[];
  /** Last data date seen (the backtest origins are relative to it). */
  dataEnd: string | null;
  log: string[];
  durationMs: number;
}

/** Messages a training worker thread posts to its parent. */
/** What a training worker thread receives: the shard and the nice value to run it at. */
export interface WorkerInput {
  task: ShardTask;
  nice: number;
  /** The process-wide SQLite write lock (see sqlite-write-lock.ts). */
  writeLock: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ShardProgress }
  | { type: 'done'; outcome: ShardOutcome }
  | { type: 'error'; message: string };

export const MAX_ERRORS_PER_SHARD = 100;
