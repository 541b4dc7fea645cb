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
import { ForecastRun } from './entities';
import { phaseStart } from './run-phases';
import { toDetail } from './run-views';
import { TrainingException } from './training.exception';
import { TrainingLockService } from './training-lock.service';
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
 * Starts, cancels and recovers runs under the training lock; owns the run executing in this process
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lock: TrainingLockService,
    private readonly executor: ShardExecutor,
    private readonly state: TrainingRunState,
    private readonly execution: TrainingRunExecution,
    private readonly queries: TrainingRunQueries,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /** Crash safety: a run left unfinished by a dead process is marked failed and its lock freed. */
  async onApplicationBootstrap(): Promise<void> {
    await this.recoverStaleRuns().catch((e: unknown) =>
      this.logger.warn(`Stale-run recovery skipped: ${String(e)}`),
    );
  }

  /** Cancels the run executing here and waits for it to wind down. */
  async onApplicationShutdown(): Promise<void> {
    if (this.active) {
      this.active.cancelled = true;
      for (const e of this.active.executions) e.cancel();
    }
    await this.current?.catch(() => undefined);
  }

  /** Takes the lock if free, fails runs nobody is executing any more, releases it. */
  async recoverStaleRuns(): Promise<number> {
    const lock = await this.lock.acquire();
    if (!lock) return 0;
    try {
      return await this.failStale();
    } finally {
      await lock.release();
    }
  }

  private async failStale(exceptRunId?: string): Promise<number> {
    const stale = await this.runs.find({
      where: {
        status: Not(In(END_STATES)),
        ...(exceptRunId ? { id: Not(exceptRunId) } : {}),
      },
    });
    for (const run of stale) {
      this.logger.warn(
        `Run ${run.id} was left ${run.status}: marking it failed`,
      );
      await this.state.finish(
        run,
        'failed',
        'The process running this training died (recovered at the next start); the champion keeps serving.',
      );
    }
    return stale.length;
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
    try {
      await this.failStale();
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
    const active: ActiveRun = {
      runId: run.id,
      lock,
      executions: [],
      cancelled: false,
    };
    this.active = active;
    this.current = this.execution.execute(run, active).finally(async () => {
      await lock.release();
      if (this.active === active) this.active = null;
    });
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
