/** Life of a training run: queued → loading → training → backtesting → forecasting → evaluating → end. */
export const RUN_PHASES = [
  'queued',
  'loading',
  'training',
  'backtesting',
  'forecasting',
  'evaluating',
] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

export const RUN_END_STATES = [
  'promoted',
  'rejected',
  'failed',
  'cancelled',
] as const;
export type RunEndState = (typeof RUN_END_STATES)[number];

export type RunStatus = RunPhase | RunEndState;

export function isRunFinished(status: RunStatus): status is RunEndState {
  return (RUN_END_STATES as readonly string[]).includes(status);
}

export type RunTrigger = 'cron' | 'manual';
export type RunScopeType = 'all' | 'store' | 'category';
export type TrainingMode = 'threads' | 'redis';
export type MetricLevel = 'overall' | 'category' | 'store';

export interface RunPhaseTimes {
  startedAt: string;
  endedAt: string | null;
  /** Milliseconds spent in the phase (null while it runs). */
  durationMs: number | null;
}

/** What happened to a run's execution: started, interrupted (its process died), resumed. */
export type RunHistoryKind = 'started' | 'interrupted' | 'resumed';

export interface RunHistoryEvent {
  kind: RunHistoryKind;
  /** ISO time of the event. */
  at: string;
  /** E.g. "2 of 3 shards finished" at an interruption. */
  note: string;
}

export interface RunSeriesError {
  /** `<store code>/<sku>` or the shard for shard-level failures. */
  series: string;
  message: string;
}

/** Body of POST /api/training/runs; no scope means the whole chain. */
export interface TriggerRunRequest {
  scope?: RunScopeType;
  /** Store code for scope=store, category path (prefix) for scope=category. */
  key?: string;
}

export interface RunSummary {
  id: string;
  status: RunStatus;
  trigger: RunTrigger;
  scope: RunScopeType;
  scopeKey: string;
  requestedBy: string | null;
  mode: TrainingMode;
  backend: string | null;
  seriesTotal: number;
  seriesDone: number;
  seriesFailed: number;
  /** Backtest WAPE of the run (volume-weighted over its series). */
  wape: number | null;
  championRunId: string | null;
  championWape: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface RunDetail extends RunSummary {
  phases: Partial<Record<RunPhase, RunPhaseTimes>>;
  shardsTotal: number;
  shardsDone: number;
  errors: RunSeriesError[];
  errorsTruncated: boolean;
  log: string;
  message: string | null;
  dataEnd: string | null;
  /** Whether this run's forecasts are the ones served now. */
  serving: boolean;
  /** Starts, interruptions and resumptions, oldest first. */
  history: RunHistoryEvent[];
}

export interface MetricRow {
  level: MetricLevel;
  /** '' overall, category path, or store code. */
  key: string;
  series: number;
  wape: number | null;
  mase: number | null;
  smape: number | null;
  bias: number | null;
  /** Share of actuals inside the P10–P90 band. */
  coverage: number | null;
}

export interface RunMetrics {
  runId: string;
  overall: MetricRow | null;
  categories: MetricRow[];
  stores: MetricRow[];
}

/** Streamed over SSE at GET /api/training/events while a run progresses. */
export interface RunProgress {
  runId: string;
  status: RunStatus;
  seriesTotal: number;
  seriesDone: number;
  seriesFailed: number;
  /** 0..1 over the whole run. */
  fraction: number;
  /** Estimated seconds left (null until it can be estimated). */
  etaSeconds: number | null;
  elapsedSeconds: number;
  message: string | null;
  /**
   * Where the run is: the least advanced phase and how many of its units (series; epochs while a
   * global model trains) are done over all shards. Absent before the first shard reports.
   */
  phase?: PhaseProgress | null;
}

export interface PhaseProgress {
  name: RunPhase;
  done: number;
  total: number;
  unit: 'series' | 'epochs';
}

/** GET /api/training/schedule: the nightly retrain's cron and its next ticks. */
export interface TrainingSchedule {
  /** Cron pattern (TRAINING_CRON), read in `timezone`. */
  cron: string;
  /** IANA time zone (TRAINING_TIMEZONE). */
  timezone: string;
  /** false: TRAINING_ENABLED=false, nothing runs on its own (the next ticks are still listed). */
  enabled: boolean;
  /** The next ticks as UTC ISO times, soonest first (3). */
  nextRuns: string[];
}
