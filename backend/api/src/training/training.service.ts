import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  isRunFinished,
  type MetricRow,
  type RunDetail,
  type RunMetrics,
  type RunPhase,
  type RunScopeType,
  type RunSeriesError,
  type RunStatus,
  type RunSummary,
  type RunTrigger,
} from '@shelfcast/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Not } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { serializeWrites } from './engine/shard-db';
import { ShardExecutor } from './engine/shard-executor';
import type {
  ShardOutcome,
  ShardProgress,
  ShardTask,
} from './engine/shard-task';
import type { ShardExecution } from './engine/worker-pool';
import { ForecastRun, RunMetric, RunSeries, Serving } from './entities';
import { TrainingException } from './training.exception';
import { LockHandle, TrainingLockService } from './training-lock.service';
import { TrainingProgressService } from './training-progress.service';

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

export interface TriggerOptions {
  scope?: RunScopeType;
  key?: string;
  trigger?: RunTrigger;
  /** Same key → same run (cron ticks fired by several instances). */
  triggerKey?: string | null;
  requestedBy?: string | null;
}

const END_STATES: RunStatus[] = ['promoted', 'rejected', 'failed', 'cancelled'];
const MAX_ERRORS = 200;
const MAX_LOG_LINES = 200;

interface ActiveRun {
  runId: string;
  lock: LockHandle;
  executions: ShardExecution[];
  cancelled: boolean;
}

@Injectable()
export class TrainingService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(TrainingService.name);
  private active: ActiveRun | null = null;
  private current: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly lock: TrainingLockService,
    private readonly executor: ShardExecutor,
    private readonly progress: TrainingProgressService,
    private readonly events: EventEmitter2,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /** Run-state writes share the SQLite write gate with in-process shard writers. */
  private update(id: string, values: Partial<ForecastRun>): Promise<unknown> {
    return serializeWrites(() =>
      this.runs.update(
        { id },
        values as Parameters<typeof this.runs.update>[1],
      ),
    );
  }

  /** Crash safety: a run left unfinished by a dead process is marked failed and its lock freed. */
  async onApplicationBootstrap(): Promise<void> {
    await this.recoverStaleRuns().catch((e: unknown) =>
      this.logger.warn(`Stale-run recovery skipped: ${String(e)}`),
    );
  }

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
      await this.finish(
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
    this.current = this.execute(run, active).finally(async () => {
      await lock.release();
      if (this.active === active) this.active = null;
    });
    return this.toDetail(run, null);
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
    await this.update(id, { cancelRequested: true });
    if (this.active?.runId === id) {
      this.active.cancelled = true;
      for (const e of this.active.executions) e.cancel();
    }
    return this.get(id);
  }

  async list(limit: number): Promise<RunSummary[]> {
    const rows = await this.runs.find({
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map((r) => toSummary(r));
  }

  async get(id: string): Promise<RunDetail> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new TrainingException('not_found', `No training run ${id}`);
    const serving = await this.dataSource
      .getRepository(Serving)
      .findOneBy({ id: 1 });
    return this.toDetail(run, serving?.runId ?? null);
  }

  async metrics(id: string): Promise<RunMetrics> {
    await this.get(id);
    return metricsOf(
      id,
      await this.dataSource.getRepository(RunMetric).findBy({ runId: id }),
    );
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
      this.sql(sql),
      params,
    );
    if (Number(row.n) === 0)
      throw new TrainingException(
        'invalid',
        scope === 'store' ? `Unknown store ${key}` : `Unknown category ${key}`,
      );
  }

  private sql(s: string): string {
    if (this.dataSource.options.type !== 'postgres') return s;
    let i = 0;
    return s.replace(/\?/g, () => `$${++i}`);
  }

  // ---------------------------------------------------------------- execution

  private async execute(run: ForecastRun, active: ActiveRun): Promise<void> {
    const started = Date.now();
    const log: string[] = [];
    const note = (m: string) => {
      log.push(`${new Date().toISOString()} ${m}`);
      if (log.length > MAX_LOG_LINES) log.splice(0, log.length - MAX_LOG_LINES);
    };
    try {
      run.startedAt = new Date();
      await this.enterPhase(run, 'loading');
      const plan = await this.planShards(run);
      run.seriesTotal = plan.seriesTotal;
      run.shardsTotal = plan.tasks.length;
      await this.update(run.id, {
        startedAt: run.startedAt,
        seriesTotal: run.seriesTotal,
        shardsTotal: run.shardsTotal,
      });
      note(
        `${plan.seriesTotal} series in ${plan.tasks.length} shard(s), mode ${this.executor.mode}, scope ${run.scopeType}${run.scopeKey ? ` ${run.scopeKey}` : ''}`,
      );
      if (plan.seriesTotal === 0)
        return await this.finish(run, 'failed', 'No series in scope', log);
      const preflight = await this.executor.preflight();
      if (preflight) note(preflight);

      const shardState = new Map<string, ShardProgress>();
      let lastWrite = 0;
      const onProgress = (p: ShardProgress) => {
        shardState.set(p.shard, p);
        const phase = dominantPhase([...shardState.values()]);
        const fraction =
          [...shardState.values()].reduce((s, x) => s + x.fraction, 0) /
          plan.tasks.length;
        this.publish(run, fraction, started, null);
        if (phase !== run.status || Date.now() - lastWrite > 2000) {
          lastWrite = Date.now();
          void this.enterPhase(run, phase).catch(() => undefined);
        }
      };
      const outcomes: ShardOutcome[] = [];
      const errors: RunSeriesError[] = [];
      let failedShards = 0;
      await Promise.all(
        plan.tasks.map(async (task) => {
          const execution = this.executor.run(task, onProgress);
          active.executions.push(execution);
          try {
            const o = await execution.promise;
            outcomes.push(o);
            for (const l of o.log) note(l);
            run.seriesDone += o.seriesDone;
            run.seriesFailed += o.seriesFailed;
            if (o.backend !== 'none') run.backend = o.backend;
            errors.push(...o.errors);
          } catch (e) {
            if (active.cancelled) return;
            failedShards++;
            const message = e instanceof Error ? e.message : String(e);
            note(`shard ${task.shard} failed: ${message.split('\n')[0]}`);
            errors.push({ series: `shard ${task.shard}`, message });
            run.seriesFailed += plan.seriesPerShard.get(task.shard) ?? 0;
          }
          run.shardsDone++;
          run.errors = errors.slice(0, MAX_ERRORS);
          await this.update(run.id, {
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
        return await this.finish(run, 'cancelled', 'Cancelled on request', log);
      if (run.seriesDone === 0)
        return await this.finish(
          run,
          'failed',
          failedShards
            ? `Every shard failed; first error: ${errors[0]?.message.split('\n')[0] ?? 'unknown'}`
            : 'No series could be forecast',
          log,
        );

      await this.enterPhase(run, 'evaluating');
      await this.evaluateAndPromote(run, note);
      await this.finish(run, run.status as RunStatus, run.message, log);
    } catch (e) {
      this.logger.error(
        `Run ${run.id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      note(`failed: ${e instanceof Error ? e.message : String(e)}`);
      await this.finish(
        run,
        'failed',
        e instanceof Error ? e.message : String(e),
        log,
      ).catch(() => undefined);
    }
  }

  /** Shards: groups of stores (one per worker thread, or one per store with BullMQ). */
  private async planShards(run: ForecastRun): Promise<{
    tasks: ShardTask[];
    seriesTotal: number;
    seriesPerShard: Map<string, number>;
  }> {
    const params: string[] = [];
    let where = '';
    if (run.scopeType === 'store') {
      where = 'WHERE s.code = ?';
      params.push(run.scopeKey);
    } else if (run.scopeType === 'category') {
      where = 'WHERE p.category_path = ? OR p.category_path LIKE ?';
      params.push(run.scopeKey, `${run.scopeKey}/%`);
    }
    const rows: { store_id: number | string; n: number | string }[] =
      await this.dataSource.query(
        this.sql(
          `SELECT sp.store_id, COUNT(*) AS n FROM store_products sp
             JOIN stores s ON s.id = sp.store_id JOIN products p ON p.id = sp.product_id
            ${where} GROUP BY sp.store_id ORDER BY sp.store_id`,
        ),
        params,
      );
    const t = this.config.training;
    const wanted =
      t.shards > 0
        ? t.shards
        : this.executor.mode === 'redis'
          ? rows.length
          : t.workers;
    const count = Math.max(1, Math.min(rows.length, wanted));
    const groups: { stores: number[]; n: number }[] = Array.from(
      { length: count },
      () => ({ stores: [], n: 0 }),
    );
    // Largest stores first onto the lightest shard keeps the shards balanced.
    [...rows]
      .sort((a, b) => Number(b.n) - Number(a.n))
      .forEach((r) => {
        const g = groups.reduce((a, b) => (b.n < a.n ? b : a));
        g.stores.push(Number(r.store_id));
        g.n += Number(r.n);
      });
    const seriesPerShard = new Map<string, number>();
    const tasks = groups
      .filter((g) => g.stores.length > 0)
      .map((g): ShardTask => {
        const stores = g.stores.sort((a, b) => a - b);
        const shard = `s${stores.join('-')}`.slice(0, 90);
        seriesPerShard.set(shard, g.n);
        return {
          runId: run.id,
          shard,
          db: this.config.database,
          storeIds: stores,
          category: run.scopeType === 'category' ? run.scopeKey : null,
          options: {
            horizonDays: t.horizonDays,
            origins: t.origins,
            neural: t.neural,
            epochs: t.epochs,
            seed: 42,
          },
        };
      });
    return {
      tasks,
      seriesTotal: rows.reduce((s, r) => s + Number(r.n), 0),
      seriesPerShard,
    };
  }

  /**
   * Champion/challenger on the series both runs forecast, with the same volume weights (the
   * backtest origins are the last `origins × H` periods before the data end, so runs on the same
   * data end share them). Promotion swaps the serving pointer in the transaction that marks the
   * run promoted; series the run could not forecast keep the champion's forecast.
   */
  private async evaluateAndPromote(
    run: ForecastRun,
    note: (m: string) => void,
  ): Promise<void> {
    const serving = await this.dataSource
      .getRepository(Serving)
      .findOneBy({ id: 1 });
    const championId = serving?.runId ?? null;
    const own = await this.seriesRows(run.id);
    const rows = await this.aggregate(run.id, own);
    await serializeWrites(() =>
      this.dataSource.transaction(async (m) => {
        await m.delete(RunMetric, { runId: run.id });
        if (rows.length) await m.insert(RunMetric, rows);
      }),
    );
    const overall = rows.find((r) => r.level === 'overall');
    run.wape = overall?.wape ?? null;
    run.metrics = overall
      ? {
          wape: overall.wape,
          mase: overall.mase,
          smape: overall.smape,
          bias: overall.bias,
          coverage: overall.coverage,
        }
      : null;
    let promote = true;
    if (championId) {
      run.championRunId = championId;
      const champion = await this.runs.findOneBy({ id: championId });
      const theirs = new Map(
        (await this.seriesRows(championId)).map((r) => [
          `${r.storeId}:${r.productId}`,
          r,
        ]),
      );
      let mine = 0;
      let their = 0;
      let weight = 0;
      for (const r of own) {
        const c = theirs.get(`${r.storeId}:${r.productId}`);
        if (!c || r.wape === null || c.wape === null || r.volume <= 0) continue;
        mine += r.wape * r.volume;
        their += c.wape * r.volume;
        weight += r.volume;
      }
      if (weight > 0) {
        run.championWape = their / weight;
        const challenger = mine / weight;
        const limit =
          run.championWape * (1 + this.config.training.promotionTolerance);
        promote = challenger <= limit + 1e-12;
        note(
          `champion ${championId} WAPE ${run.championWape.toFixed(4)} vs challenger ${challenger.toFixed(4)} on ${own.length} series${champion?.dataEnd && champion.dataEnd !== run.dataEnd ? ` (champion data end ${champion.dataEnd}, challenger ${run.dataEnd}: origins differ)` : ' (same origins)'}; tolerance ${this.config.training.promotionTolerance}`,
        );
        if (!promote)
          run.message = `Backtest WAPE ${challenger.toFixed(4)} is worse than the champion's ${run.championWape.toFixed(4)} by more than ${(this.config.training.promotionTolerance * 100).toFixed(1)} %; the champion keeps serving.`;
      } else {
        note('no series in common with the champion: promoting');
      }
    }
    if (!promote) {
      run.status = 'rejected';
      return;
    }
    const fresh = await this.runs.findOneBy({ id: run.id });
    if (fresh?.cancelRequested) {
      run.status = 'cancelled';
      run.message = 'Cancelled on request';
      return;
    }
    await serializeWrites(() =>
      this.dataSource.transaction(async (m) => {
        const q = (s: string, p: unknown[]) => m.query(this.sql(s), p);
        if (championId && (run.scopeType !== 'all' || run.seriesFailed > 0)) {
          await q(
            `INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model)
           SELECT ?, f.store_id, f.product_id, f.date, f.p10, f.p50, f.p90, f.model FROM forecast_values f
            WHERE f.run_id = ? AND NOT EXISTS (SELECT 1 FROM forecast_run_series r
              WHERE r.run_id = ? AND r.store_id = f.store_id AND r.product_id = f.product_id)`,
            [run.id, championId, run.id],
          );
          await q(
            `INSERT INTO run_backtests (run_id, store_id, product_id, date, origin, p10, p50, p90)
           SELECT ?, b.store_id, b.product_id, b.date, b.origin, b.p10, b.p50, b.p90 FROM run_backtests b
            WHERE b.run_id = ? AND NOT EXISTS (SELECT 1 FROM forecast_run_series r
              WHERE r.run_id = ? AND r.store_id = b.store_id AND r.product_id = b.product_id)`,
            [run.id, championId, run.id],
          );
          await q(
            `INSERT INTO forecast_run_series (run_id, store_id, product_id, model, kind, wape, mase, smape, bias, coverage, volume, drivers)
           SELECT ?, c.store_id, c.product_id, c.model, c.kind, c.wape, c.mase, c.smape, c.bias, c.coverage, c.volume, c.drivers
             FROM forecast_run_series c WHERE c.run_id = ? AND NOT EXISTS (SELECT 1 FROM forecast_run_series r
              WHERE r.run_id = ? AND r.store_id = c.store_id AND r.product_id = c.product_id)`,
            [run.id, championId, run.id],
          );
        }
        await m.update(
          Serving,
          { id: 1 },
          { runId: run.id, promotedAt: new Date() },
        );
        run.status = 'promoted';
        await m.update(ForecastRun, { id: run.id }, { status: 'promoted' });
      }),
    );
    if (run.scopeType !== 'all' || run.seriesFailed > 0) {
      const all = await this.aggregate(run.id, await this.seriesRows(run.id));
      await serializeWrites(() =>
        this.dataSource.transaction(async (m) => {
          await m.delete(RunMetric, { runId: run.id });
          if (all.length) await m.insert(RunMetric, all);
        }),
      );
    }
    note(`promoted: now serving run ${run.id}`);
    this.events.emit(FORECASTS_PROMOTED, {
      runId: run.id,
      previousRunId: championId,
    } satisfies ForecastsPromotedEvent);
  }

  private seriesRows(runId: string): Promise<RunSeries[]> {
    return this.dataSource.getRepository(RunSeries).find({
      where: { runId },
      select: {
        runId: true,
        storeId: true,
        productId: true,
        wape: true,
        mase: true,
        smape: true,
        bias: true,
        coverage: true,
        volume: true,
      },
    });
  }

  /** Volume-weighted WAPE and bias, mean MASE/sMAPE/coverage, overall and per category and store. */
  private async aggregate(
    runId: string,
    rows: RunSeries[],
  ): Promise<RunMetric[]> {
    const stores = new Map<number, string>(
      (
        (await this.dataSource.query('SELECT id, code FROM stores')) as {
          id: number;
          code: string;
        }[]
      ).map((s) => [Number(s.id), s.code]),
    );
    const categories = new Map<number, string>(
      (
        (await this.dataSource.query(
          'SELECT id, category_path FROM products',
        )) as { id: number; category_path: string }[]
      ).map((p) => [Number(p.id), p.category_path.split('/')[0]]),
    );
    const groups = new Map<string, RunSeries[]>();
    const add = (k: string, r: RunSeries) => {
      const list = groups.get(k) ?? [];
      list.push(r);
      groups.set(k, list);
    };
    for (const r of rows) {
      add('overall\u0000', r);
      add(`category\u0000${categories.get(r.productId) ?? ''}`, r);
      add(`store\u0000${stores.get(r.storeId) ?? String(r.storeId)}`, r);
    }
    return [...groups].map(([k, list]) => {
      const [level, key] = k.split('\u0000') as [RunMetric['level'], string];
      const scored = list.filter((r) => r.wape !== null && r.volume > 0);
      const vol = scored.reduce((s, r) => s + r.volume, 0);
      const mean = (f: (r: RunSeries) => number | null) => {
        const v = list.map(f).filter((x): x is number => x !== null);
        return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
      };
      const weighted = (f: (r: RunSeries) => number | null) =>
        vol > 0
          ? scored.reduce((s, r) => s + (f(r) ?? 0) * r.volume, 0) / vol
          : null;
      return Object.assign(new RunMetric(), {
        runId,
        level,
        key,
        series: list.length,
        wape: weighted((r) => r.wape),
        bias: weighted((r) => r.bias),
        mase: mean((r) => r.mase),
        smape: mean((r) => r.smape),
        coverage: mean((r) => r.coverage),
      });
    });
  }

  private async enterPhase(run: ForecastRun, phase: RunPhase): Promise<void> {
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

  private async finish(
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

  private publish(
    run: ForecastRun,
    fraction: number,
    started: number,
    message: string | null,
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
    });
  }

  private toDetail(run: ForecastRun, servingRunId: string | null): RunDetail {
    const errors = run.errors ?? [];
    return {
      ...toSummary(run),
      phases: run.phases ?? {},
      shardsTotal: run.shardsTotal ?? 0,
      shardsDone: run.shardsDone ?? 0,
      errors,
      errorsTruncated: (run.seriesFailed ?? 0) > errors.length,
      log: run.log ?? '',
      message: run.message ?? null,
      dataEnd: run.dataEnd ?? null,
      serving: servingRunId === run.id,
    };
  }
}

function phaseStart(now: Date) {
  return { startedAt: now.toISOString(), endedAt: null, durationMs: null };
}

function closePhase(
  p: { startedAt: string; endedAt: string | null; durationMs: number | null },
  now: Date,
): void {
  p.endedAt = now.toISOString();
  p.durationMs = now.getTime() - Date.parse(p.startedAt);
}

const PHASE_ORDER: RunPhase[] = [
  'loading',
  'backtesting',
  'training',
  'forecasting',
];

/** The least advanced phase any shard is in (the run is only as far as its slowest shard). */
function dominantPhase(list: ShardProgress[]): RunPhase {
  let min = PHASE_ORDER.length - 1;
  for (const p of list) min = Math.min(min, PHASE_ORDER.indexOf(p.phase));
  return PHASE_ORDER[Math.max(0, min)];
}

export function toSummary(r: ForecastRun): RunSummary {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    scope: r.scopeType,
    scopeKey: r.scopeKey,
    requestedBy: r.requestedBy,
    mode: r.mode,
    backend: r.backend ?? null,
    seriesTotal: r.seriesTotal ?? 0,
    seriesDone: r.seriesDone ?? 0,
    seriesFailed: r.seriesFailed ?? 0,
    wape: r.wape ?? null,
    championRunId: r.championRunId ?? null,
    championWape: r.championWape ?? null,
    createdAt: new Date(r.createdAt).toISOString(),
    startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
    durationMs:
      r.startedAt && r.finishedAt
        ? new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()
        : null,
  };
}

export function metricsOf(runId: string, rows: RunMetric[]): RunMetrics {
  const toRow = (m: RunMetric): MetricRow => ({
    level: m.level,
    key: m.key,
    series: m.series,
    wape: m.wape,
    mase: m.mase,
    smape: m.smape,
    bias: m.bias,
    coverage: m.coverage,
  });
  const sorted = [...rows].sort((a, b) => a.key.localeCompare(b.key));
  const overall = sorted.find((m) => m.level === 'overall');
  return {
    runId,
    overall: overall ? toRow(overall) : null,
    categories: sorted.filter((m) => m.level === 'category').map(toRow),
    stores: sorted.filter((m) => m.level === 'store').map(toRow),
  };
}
