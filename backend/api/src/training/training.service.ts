import {
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { RunDetail, RunMetrics, RunSummary } from '@shelfcast/contracts';
import { ALL_STORES, type StoreScope } from '../common/identity/store-scope';
import {
  TrainingRunLifecycle,
  type TriggerOptions,
} from './training-run-lifecycle.service';
import { TrainingRunQueries } from './training-run-queries.service';

// Callers across the API import these from here.
export {
  FORECASTS_PROMOTED,
  type ForecastsPromotedEvent,
  TRAINING_RUN_FINISHED,
  type TrainingRunFinishedEvent,
} from './training-events';
export { metricsOf, toSummary } from './run-views';
export type { TriggerOptions } from './training-run-lifecycle.service';

/**
 * The training feature's entry point for the controller, the scheduler and other modules:
 * run lifecycle (trigger, cancel, recovery) and run reads.
 */
@Injectable()
export class TrainingService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  constructor(
    private readonly lifecycle: TrainingRunLifecycle,
    private readonly queries: TrainingRunQueries,
  ) {}

  /** Crash safety: a run left unfinished by a dead process is resumed from its finished shards. */
  onApplicationBootstrap(): Promise<void> {
    return this.lifecycle.recoverAtBoot();
  }

  onApplicationShutdown(): Promise<void> {
    return this.lifecycle.shutdown();
  }

  /** Takes the lock if free and resumes the newest run nobody is executing any more. */
  recoverStaleRuns(): Promise<number> {
    return this.lifecycle.recoverStaleRuns();
  }

  /** Starts a run in the background; 409 with the active run's id when one is running. */
  trigger(options: TriggerOptions = {}): Promise<RunDetail> {
    return this.lifecycle.trigger(options);
  }

  /** Resolves when the run executing in this process (if any) has ended. */
  waitForIdle(): Promise<void> {
    return this.lifecycle.waitForIdle();
  }

  cancel(id: string): Promise<RunDetail> {
    return this.lifecycle.cancel(id);
  }

  /** Runs, newest first; a store manager's accuracy figures are over their stores only. */
  list(limit: number, scope: StoreScope = ALL_STORES): Promise<RunSummary[]> {
    return this.queries.list(limit, scope);
  }

  get(id: string, scope: StoreScope = ALL_STORES): Promise<RunDetail> {
    return this.queries.get(id, scope);
  }

  metrics(id: string, scope: StoreScope = ALL_STORES): Promise<RunMetrics> {
    return this.queries.metrics(id, scope);
  }
}
