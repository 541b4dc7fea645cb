import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunSeriesError, RunStatus } from '@shelfcast/contracts';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { runWithRetry, SHARD_ATTEMPTS } from './engine/shard-attempts';
import { ShardExecutor } from './engine/shard-executor';
import type { ShardOutcome, ShardProgress } from './engine/shard-task';
import type { ShardExecution } from './engine/worker-pool';
import { serializeWrites } from '../database/write-gate';
import { ForecastRun, RunGlobalModel } from './entities';
import { dominantPhase, phaseProgress } from './run-phases';
import { TrainingPromotion } from './training-promotion.service';
import { MAX_ERRORS, TrainingRunState } from './training-run-state.service';
import { TrainingRunPlanner } from './training-run-planner.service';
import type { LockHandle } from './training-lock.service';

const MAX_LOG_LINES = 200;
const ENDED_STATUSES: RunStatus[] = [
  'promoted',
  'rejected',
  'failed',
  'cancelled',
];
/** Retries of a failed run's final write (250 ms doubling: about 15 s in all). */
const FINISH_RETRIES = 6;

/** The run this process is executing: its lock, its shard executions, whether it was cancelled. */
export interface ActiveRun {
  runId: string;
  lock: LockHandle;
  executions: ShardExecution[];
  cancelled: boolean;
}

/** Executes one run: plans shards, fans them out to the executor, tracks progress, then evaluates. */
@Injectable()
export class TrainingRunExecution {
  // The log context predates the split; operators' log filters rely on it.
  private readonly logger = new Logger('TrainingService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly executor: ShardExecutor,
    private readonly state: TrainingRunState,
    private readonly promotion: TrainingPromotion,
    private readonly planner: TrainingRunPlanner,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /**
   * Trains the run's shards and evaluates it. `resumed`: the run was interrupted (its process
   * died); its stored plan is reused, and the shards marked done are counted, not trained again.
   */
  async execute(
    run: ForecastRun,
    active: ActiveRun,
    resumed = false,
  ): Promise<void> {
    const started = Date.now();
    const log: string[] = resumed
      ? (run.log ?? '').split('\n').filter((l) => l.length > 0)
      : [];
    const note = (m: string) => {
      log.push(`${new Date().toISOString()} ${m}`);
      if (log.length > MAX_LOG_LINES) log.splice(0, log.length - MAX_LOG_LINES);
    };
    try {
      run.startedAt ??= new Date();
      await this.state.enterPhase(run, 'loading');
      const stored = resumed ? await this.planner.resume(run) : null;
      const plan = stored ?? (await this.planner.plan(run));
      run.seriesTotal = plan.seriesTotal;
      run.shardsTotal = plan.tasks.length + plan.finished.length;
      run.seriesDone = 0;
      run.seriesFailed = 0;
      run.shardsDone = 0;
      await this.state.update(run.id, {
        startedAt: run.startedAt,
        seriesTotal: run.seriesTotal,
        shardsTotal: run.shardsTotal,
      });
      note(
        stored
          ? `resumed: ${plan.finished.length} of ${run.shardsTotal} shard(s) already finished, ${plan.tasks.length} to train`
          : `${plan.seriesTotal} series in ${plan.tasks.length} shard(s), mode ${this.executor.mode}, scope ${run.scopeType}${run.scopeKey ? ` ${run.scopeKey}` : ''}`,
      );
      if (plan.seriesTotal === 0)
        return await this.state.finish(
          run,
          'failed',
          'No series in scope',
          log,
        );
      const preflight = await this.executor.preflight();
      if (preflight) note(preflight);

      const shardState = new Map<string, ShardProgress>();
      const outcomes: ShardOutcome[] = [];
      const errors: RunSeriesError[] = [];
      const count = (o: ShardOutcome) => {
        outcomes.push(o);
        run.seriesDone += o.seriesDone;
        run.seriesFailed += o.seriesFailed;
        if (o.backend !== 'none') run.backend = o.backend;
        errors.push(...o.errors);
      };
      for (const o of plan.finished) {
        count(o);
        run.shardsDone++;
        shardState.set(o.shard, {
          shard: o.shard,
          phase: 'forecasting',
          fraction: 1,
          seriesTotal: o.seriesTotal,
        });
      }
      if (plan.finished.length)
        await this.state.update(run.id, {
          seriesDone: run.seriesDone,
          seriesFailed: run.seriesFailed,
          shardsDone: run.shardsDone,
        });
      let lastWrite = 0;
      // The global step counts as one more unit of work ahead of the shards, so the dashboard
      // shows the run (and offers Cancel) from its first minute, not from the first shard.
      const globalWeight = plan.global ? 1 : 0;
      let globalFraction = 0;
      const publishGlobal = (p: ShardProgress) => {
        globalFraction = p.fraction;
        this.state.publish(
          run,
          globalFraction / (run.shardsTotal + globalWeight),
          started,
          null,
          phaseProgress(p.phase, [p]),
        );
      };
      const onProgress = (p: ShardProgress) => {
        shardState.set(p.shard, p);
        const phase = dominantPhase([...shardState.values()]);
        const fraction =
          (globalFraction * globalWeight +
            [...shardState.values()].reduce((s, x) => s + x.fraction, 0)) /
          (run.shardsTotal + globalWeight);
        this.state.publish(
          run,
          fraction,
          started,
          null,
          phaseProgress(phase, [...shardState.values()]),
        );
        if (phase !== run.status || Date.now() - lastWrite > 2000) {
          lastWrite = Date.now();
          void this.state.enterPhase(run, phase).catch(() => undefined);
        }
      };
      let failedShards = 0;
      // The global step first (one task, one BullMQ job): the shards forecast with its models, so
      // they are queued only once it has stored them.
      // A run cancelled while it was held before this point starts nothing.
      let tasks = active.cancelled ? [] : plan.tasks;
      if (plan.global && !active.cancelled) {
        await this.state.enterPhase(run, 'training');
        const execution = runWithRetry(
          this.executor,
          plan.global,
          publishGlobal,
          (attempt, cause) =>
            note(
              `global step attempt ${attempt} failed, retrying: ${cause.split('\n')[0]}`,
            ),
        );
        active.executions.push(execution);
        try {
          const o = await execution.promise;
          globalFraction = 1;
          for (const l of o.log) note(l);
        } catch (e) {
          tasks = [];
          if (!active.cancelled) {
            // Without the global models no shard can run: every series of the run fails.
            failedShards++;
            const message = e instanceof Error ? e.message : String(e);
            note(`global step failed: ${message.split('\n')[0]}`);
            errors.push({ series: `shard ${plan.global.shard}`, message });
            run.seriesFailed += plan.tasks.reduce(
              (s, task) => s + (plan.seriesPerShard.get(task.shard) ?? 0),
              0,
            );
            run.errors = errors.slice(0, MAX_ERRORS);
          }
        }
      } else if (plan.tasks.length)
        note(
          'global step: already done (or the stored plan predates global steps)',
        );
      await Promise.all(
        tasks.map(async (task) => {
          const execution = runWithRetry(
            this.executor,
            task,
            onProgress,
            (attempt, cause) =>
              note(
                `shard ${task.shard} attempt ${attempt} failed, retrying: ${cause.split('\n')[0]}`,
              ),
          );
          active.executions.push(execution);
          try {
            const o = await execution.promise;
            count(o);
            for (const l of o.log) note(l);
          } catch (e) {
            if (active.cancelled) return;
            failedShards++;
            const message = e instanceof Error ? e.message : String(e);
            note(
              `shard ${task.shard} failed after ${SHARD_ATTEMPTS} attempts: ${message.split('\n')[0]}`,
            );
            errors.push({ series: `shard ${task.shard}`, message });
            run.seriesFailed += plan.seriesPerShard.get(task.shard) ?? 0;
          }
          run.shardsDone++;
          run.errors = errors.slice(0, MAX_ERRORS);
          await this.state.update(run.id, {
            seriesDone: run.seriesDone,
            seriesFailed: run.seriesFailed,
            shardsDone: run.shardsDone,
            backend: run.backend,
            errors: run.errors,
          });
        }),
      );
      run.dataEnd = outcomes.find((o) => o.dataEnd)?.dataEnd ?? null;
      run.backend = run.backend ?? 'none';
      const fresh = await this.runs.findOneBy({ id: run.id });
      if (active.cancelled || fresh?.cancelRequested)
        return await this.state.finish(
          run,
          'cancelled',
          'Cancelled on request',
          log,
        );
      if (run.seriesDone === 0)
        return await this.state.finish(
          run,
          'failed',
          failedShards
            ? `Every shard failed; first error: ${errors[0]?.message.split('\n')[0] ?? 'unknown'}`
            : 'No series could be forecast',
          log,
        );

      await this.state.enterPhase(run, 'evaluating');
      await this.promotion.evaluateAndPromote(run, note);
      await this.state.finish(run, run.status as RunStatus, run.message, log);
    } catch (e) {
      this.logger.error(
        `Run ${run.id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      note(`failed: ${e instanceof Error ? e.message : String(e)}`);
      await this.finishFailed(
        run,
        e instanceof Error ? e.message : String(e),
        log,
      );
    }
    await this.dropGlobalModels(run.id);
  }

  /**
   * The global models are only needed until the run has ended (each shard stored its own
   * forecast artifacts); they are kept while the run could still be resumed, i.e. until its end
   * is in the database.
   */
  private async dropGlobalModels(runId: string): Promise<void> {
    try {
      const ended = await this.runs.findOne({
        where: { id: runId, status: In(ENDED_STATUSES) },
        select: { id: true },
      });
      if (ended)
        await serializeWrites(() =>
          this.dataSource.getRepository(RunGlobalModel).delete({ runId }),
        );
    } catch (e) {
      this.logger.warn(
        `Run ${runId}: its global models were not deleted: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /**
   * Records a failed run, retrying for about 15 s: the failure is often the database itself going
   * away (a PostgreSQL restart drops every pooled connection at once), and a run whose last write
   * is lost stays "running" until the next trigger or start. The pool replaces broken connections,
   * so a retry after the server is back succeeds.
   */
  private async finishFailed(
    run: ForecastRun,
    message: string,
    log: string[],
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.state.finish(run, 'failed', message, log);
        return;
      } catch (e) {
        if (attempt >= FINISH_RETRIES) {
          this.logger.error(
            `Run ${run.id} could not be marked failed (the next trigger or start will): ${e instanceof Error ? e.message : String(e)}`,
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }
}
