import type { RunStatus, RunTrigger } from '@shelfcast/contracts';

/** Emitted after a run becomes the serving champion. */
export const FORECASTS_PROMOTED = 'forecasts.promoted';
export interface ForecastsPromotedEvent {
  runId: string;
  previousRunId: string | null;
}

/** Emitted when a run reaches an end state (promoted, rejected, failed, cancelled). */
export const TRAINING_RUN_FINISHED = 'training.run-finished';
export interface TrainingRunFinishedEvent {
  runId: string;
  status: RunStatus;
  trigger: RunTrigger;
}
