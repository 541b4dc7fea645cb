import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  isRunFinished,
  type RunDetail,
  type RunScopeType,
  type RunTrigger,
} from '@shelfcast/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Not } from 'typeorm';
import { ShardExecutor } from './engine/shard-executor';
import { AppConfig } from '../config/app-config';
import { ForecastRun, RunShard } from './entities';
import { phaseStart } from './run-phases';
import { toDetail } from './run-views';
import { TrainingException } from './training.exception';
import { type LockHandle, TrainingLockService } from './training-lock.service';
import {
  type ActiveRun,
  TrainingRunExecution,
} from './training-run-execution.service';
import { TrainingRunQueries } from './training-run-queries.service';
import { END_STATES, TrainingRunState } from './training-run-state.service';
import { forDialect } from './training-sql';

export interface TriggerOptions {
  scope?: RunScopeType;
  key?: string;
  trigger?: RunTrigger;
  /** Same key → same run (cron ticks fired by several instances). */
  triggerKey?: string | null;
  requestedBy?: string | null;
}

/**
 * Starts, cancels and resumes runs under the training lock; owns the run executing in this process
 * (the controller and the scheduler start runs here; reads are TrainingRunQueries').
 */
@Injectable()
export class TrainingRunLifecycle
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  // The log context predates the split; operators' log filters rely on it.
  private readonly logger = new Logger('TrainingService');
  private active: ActiveRun | null = null;
  private current: Promise<void> | null = null;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lock: TrainingLockService,
    private readonly executor: ShardExecutor,
    private readonly state: TrainingRunState,
    private readonly execution: TrainingRunExecution,
    private readonly queries: TrainingRunQueries,
    private readonly config: AppConfig,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /**
   * Crash safety: a run left unfinished by a dead process is resumed from its finished shards (the
   * champion serves meanwhile). When the dead holder's lock has not expired yet (SQLite lease),
   * this retries until it has.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.recoverStaleRuns().catch((e: unknown) =>
      this.logger.warn(`Stale-run recovery skipped: ${String(e)}`),
    );
  }

  /** Cancels the run executing here and waits for it to wind down. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.active) {
      this.active.cancelled = true;
      for (const e of this.active.executions) e.cancel();
    }
    await this.current?.catch(() => undefined);
  }

  /**
   * Takes the lock if free and resumes the newest run nobody is executing any more (older ones
   * fail, cancel-requested ones end cancelled). Returns how many such runs there were.
   */
  async recoverStaleRuns(): Promise<number> {
    const lock = await this.lock.acquire();
    if (!lock) {
      await this.retryLater();
      return 0;
    }
    let resumed = false;
    try {
      const { count, resume } = await this.takeOverStale();
      if (resume) {
        await this.resume(resume, lock);
        resumed = true;
      }
      return count;
    } finally {
      if (!resumed) await lock.release();
    }
  }

  /** While an unfinished run exists but the lock is held, tries again every third of the lease. */
  private async retryLater(): Promise<void> {
    const open = await this.runs.count({
      where: { status: Not(In(END_STATES)) },
    });
    if (open === 0 || this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(
      () => void this.onApplicationBootstrap(),
      Math.max(200, Math.floor(this.config.training.lockLeaseMs / 3)),
    );
    this.retry.unref();
  }

  /** Under the lock: unfinished runs are stale. The newest is returned to be resumed. */
  private async takeOverStale(): Promise<{
    count: number;
    resume: ForecastRun | null;
  }> {
    const stale = await this.runs.find({
      where: { status: Not(In(END_STATES)) },
      order: { createdAt: 'DESC' },
    });
    let resume: ForecastRun | null = null;
    for (const run of stale) {
      if (run.cancelRequested) {
        await this.state.finish(
          run,
          'cancelled',
          'Cancelled on request (its process died before it ended)',
        );
      } else if (!resume) {
        resume = run;
      } else {
        this.logger.warn(
          `Run ${run.id} was left ${run.status}: marking it failed`,
        );
        await this.state.finish(
          run,
          'failed',
          'The process running this training died and a newer run was resumed instead; the champion keeps serving.',
        );
      }
    }
    return { count: stale.length, resume };
  }

  /** Records the interruption and the resumption in the run's history, then executes it here. */
  private async resume(run: ForecastRun, lock: LockHandle): Promise<void> {
    const shards = await this.dataSource
      .getRepository(RunShard)
      .findBy({ runId: run.id });
    const done = shards.filter((s) => s.status === 'done').length;
    const at = new Date().toISOString();
    run.history = [
      ...(run.history ?? []),
      {
        kind: 'interrupted',
        at,
        note: `the process running it died during ${run.status}; ${done} of ${shards.length} shard(s) had finished`,
      },
      { kind: 'resumed', at, note: `by ${lock.holder}` },
    ];
    this.logger.warn(
      `Run ${run.id} was left ${run.status}: resuming it (${done} of ${shards.length} shards finished)`,
    );
    await this.state.update(run.id, { history: run.history });
    await lock.setRun(run.id);
    this.start(run, lock, true);
  }

  private start(run: ForecastRun, lock: LockHandle, resumed: boolean): void {
    const active: ActiveRun = {
      runId: run.id,
      lock,
      executions: [],
      cancelled: false,
    };
    this.active = active;
    this.current = this.execution
      .execute(run, active, resumed)
      .finally(async () => {
        await lock.release();
        if (this.active === active) this.active = null;
      });
  }

  /** Starts a run in the background; 409 with the active run's id when one is running. */
  async trigger(options: TriggerOptions = {}): Promise<RunDetail> {
    const scope = options.scope ?? 'all';
    const key = scope === 'all' ? '' : (options.key ?? '').trim();
    await this.checkScope(scope, key);
    const lock = await this.lock.acquire();
    if (!lock) {
      const active = await this.runs.findOne({
        where: { status: Not(In(END_STATES)) },
        order: { createdAt: 'DESC' },
      });
      throw new TrainingException(
        'conflict',
        `A training run is already active${active ? ` (${active.id})` : ''}`,
        { activeRunId: active?.id ?? null },
      );
    }
    let run: ForecastRun;
    let resumed: ForecastRun | null = null;
    try {
      ({ resume: resumed } = await this.takeOverStale());
      if (resumed) await this.resume(resumed, lock);
    } catch (e) {
      await lock.release();
      throw e;
    }
    if (resumed)
      throw new TrainingException(
        'conflict',
        `Run ${resumed.id} was interrupted and has been resumed`,
        { activeRunId: resumed.id },
      );
    try {
      if (options.triggerKey) {
        const same = await this.runs.findOneBy({
          triggerKey: options.triggerKey,
        });
        if (same)
          throw new TrainingException(
            'conflict',
            `This schedule tick already produced run ${same.id}`,
            { activeRunId: same.id },
          );
      }
      const now = new Date();
      run = this.runs.create({
        id: randomUUID(),
        status: 'queued',
        trigger: options.trigger ?? 'manual',
        triggerKey: options.triggerKey ?? null,
        scopeType: scope,
        scopeKey: key,
        requestedBy: options.requestedBy ?? null,
        mode: this.executor.mode,
        phases: { queued: phaseStart(now) },
        history: [
          { kind: 'started', at: now.toISOString(), note: `by ${lock.holder}` },
        ],
        errors: [],
        log: '',
        createdAt: now,
      });
      await this.runs.insert(run);
      await lock.setRun(run.id);
    } catch (e) {
      await lock.release();
      throw e;
    }
    this.start(run, lock, false);
    return toDetail(run, null);
  }

  /** Resolves when the run executing in this process (if any) has ended. */
  async waitForIdle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  async cancel(id: string): Promise<RunDetail> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new TrainingException('not_found', `No training run ${id}`);
    if (isRunFinished(run.status))
      throw new TrainingException(
        'conflict',
        `Run ${id} has already ended (${run.status})`,
      );
    await this.state.update(id, { cancelRequested: true });
    if (this.active?.runId === id) {
      this.active.cancelled = true;
      for (const e of this.active.executions) e.cancel();
    }
    return this.queries.get(id);
  }

  private async checkScope(scope: RunScopeType, key: string): Promise<void> {
    if (scope === 'all') return;
    if (!key)
      throw new TrainingException(
        'invalid',
        `scope=${scope} needs a key (store code or category path)`,
      );
    const sql =
      scope === 'store'
        ? 'SELECT COUNT(*) AS n FROM stores WHERE code = ?'
        : 'SELECT COUNT(*) AS n FROM products WHERE category_path = ? OR category_path LIKE ?';
    const params = scope === 'store' ? [key] : [key, `${key}/%`];
    const [row]: { n: string | number }[] = await this.dataSource.query(
      forDialect(this.dataSource, sql),
      params,
    );
    if (Number(row.n) === 0)
      throw new TrainingException(
        'invalid',
        scope === 'store' ? `Unknown store ${key}` : `Unknown category ${key}`,
      );
  }
}
