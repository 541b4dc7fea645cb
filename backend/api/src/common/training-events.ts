/**
 * The training run's events, the contract between training (which emits them) and the features
 * that follow a run (recommendations, reports, affinity, realized accuracy, alerts).
 */
import type { EventEmitter2 } from '@nestjs/event-emitter';
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

/**
 * The work after a promotion runs in this order, each step started by the previous one's
 * completion event (whether it succeeded or not): recommendations (on TRAINING_RUN_FINISHED with
 * status `promoted`, once the run's log is saved), then scheduled reports, then affinity.
 */
export type PostPromotionStep = 'recommendations' | 'reports' | 'affinity';

/** Step 1 done: recommendations for the promoted run regenerated (or failed). Reports run next. */
export const RECOMMENDATIONS_GENERATED =
  'post-promotion.recommendations-generated';
/** Step 2 done: scheduled reports written after the promotion. Affinity runs next. */
export const PROMOTION_REPORTS_WRITTEN = 'post-promotion.reports-written';
export interface PostPromotionStepDone {
  runId: string;
  ok: boolean;
}

/** A step's start, end or failure; training appends it to the run's log (its history). */
export const POST_PROMOTION_STEP = 'post-promotion.step';
export interface PostPromotionStepEvent {
  runId: string;
  step: PostPromotionStep;
  state: 'started' | 'finished' | 'failed';
  detail: string | null;
}

/**
 * Announces the states of one post-promotion step of a run: `started`, then `finished` or `failed`
 * with a detail (counts or the error message).
 */
export function postPromotionStep(
  events: Pick<EventEmitter2, 'emit'>,
  runId: string,
  step: PostPromotionStep,
): (state: PostPromotionStepEvent['state'], detail?: string | null) => void {
  return (state, detail = null) =>
    void events.emit(POST_PROMOTION_STEP, {
      runId,
      step,
      state,
      detail,
    } satisfies PostPromotionStepEvent);
}
