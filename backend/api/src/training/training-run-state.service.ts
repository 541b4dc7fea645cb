import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  isRunFinished,
  type PhaseProgress,
  type RunPhase,
  type RunStatus,
} from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { serializeWrites } from '../database/write-gate';
import { ForecastRun } from './entities';
import { closePhase, phaseStart } from './run-phases';
import {
  TRAINING_RUN_FINISHED,
  type TrainingRunFinishedEvent,
} from '../common/training-events';
import { TrainingProgressService } from './training-progress.service';

export const END_STATES: RunStatus[] = [
  'promoted',
  'rejected',
  'failed',
  'cancelled',
];
export const MAX_ERRORS = 200;

/** Writes a run's state (status, phases, counters), publishes its progress and announces its end. */
@Injectable()
export class TrainingRunState {
  // The log context predates the split; operators' log filters rely on it.
  private readonly logger = new Logger('TrainingService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly progress: TrainingProgressService,
    private readonly events: EventEmitter2,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /** Run-state writes share the SQLite write gate with in-process shard writers. */
  update(id: string, values: Partial<ForecastRun>): Promise<unknown> {
    return serializeWrites(() =>
      this.runs.update(
        { id },
        values as Parameters<typeof this.runs.update>[1],
      ),
    );
  }

  async enterPhase(run: ForecastRun, phase: RunPhase): Promise<void> {
    const now = new Date();
    const phases = { ...(run.phases ?? {}) };
    if (run.status !== phase) {
      const prev = phases[run.status as RunPhase];
      if (prev && prev.endedAt === null) closePhase(prev, now);
      if (!phases[phase]) phases[phase] = phaseStart(now);
      else
        phases[phase] = { ...phases[phase], endedAt: null, durationMs: null };
      run.status = phase;
      run.phases = phases;
    }
    await this.update(run.id, {
      status: run.status,
      phases: run.phases,
      seriesDone: run.seriesDone,
      seriesFailed: run.seriesFailed,
    });
  }

  async finish(
    run: ForecastRun,
    status: RunStatus,
    message: string | null,
    log?: string[],
  ): Promise<void> {
    const now = new Date();
    const phases = { ...(run.phases ?? {}) };
    for (const p of Object.values(phases))
      if (p && p.endedAt === null) closePhase(p, now);
    run.status = status;
    run.phases = phases;
    run.message = message;
    run.finishedAt = now;
    if (log) run.log = log.join('\n');
    await this.update(run.id, {
      status,
      phases,
      message,
      finishedAt: now,
      log: run.log,
      wape: run.wape,
      championWape: run.championWape,
      championRunId: run.championRunId,
      metrics: run.metrics,
      dataEnd: run.dataEnd,
      backend: run.backend,
      seriesDone: run.seriesDone,
      seriesFailed: run.seriesFailed,
      errors: (run.errors ?? []).slice(0, MAX_ERRORS),
    });
    this.publish(run, 1, run.startedAt?.getTime() ?? now.getTime(), message);
    this.logger.log(
      `Run ${run.id} ${status}${message ? `: ${message}` : ''} (${run.seriesDone} series, ${run.seriesFailed} failed)`,
    );
    this.events.emit(TRAINING_RUN_FINISHED, {
      runId: run.id,
      status,
      trigger: run.trigger,
    } satisfies TrainingRunFinishedEvent);
  }

  publish(
    run: ForecastRun,
    fraction: number,
    started: number,
    message: string | null,
    phase: PhaseProgress | null = null,
  ): void {
    const elapsed = (Date.now() - started) / 1000;
    this.progress.publish({
      runId: run.id,
      status: run.status,
      seriesTotal: run.seriesTotal,
      seriesDone: run.seriesDone,
      seriesFailed: run.seriesFailed,
      fraction: Math.max(0, Math.min(1, fraction)),
      etaSeconds: isRunFinished(run.status)
        ? 0
        : fraction > 0.05
          ? Math.round((elapsed / fraction) * (1 - fraction))
          : null,
      elapsedSeconds: Math.round(elapsed),
      message,
      phase,
    });
  }
}
