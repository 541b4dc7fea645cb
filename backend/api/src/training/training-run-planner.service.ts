import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { serializeWrites } from '../database/write-gate';
import { ShardExecutor } from './engine/shard-executor';
import type { ShardOutcome, ShardTask } from './engine/shard-task';
import { ForecastRun, RunShard } from './entities';
import { forDialect } from './training-sql';

/** A run's shards: those still to train, and the outcomes of those already done (on a resume). */
export interface RunPlan {
  tasks: ShardTask[];
  seriesTotal: number;
  seriesPerShard: Map<string, number>;
  finished: ShardOutcome[];
}

interface StoreCountRow {
  store_id: number | string;
  n: number | string;
}

/**
 * Splits a run into shards and keeps the plan in `run_shards`, so a run whose process died is
 * resumed on the same shards (whatever the configuration or the catalogue became meanwhile) and
 * skips those the shard runner marked done.
 */
@Injectable()
export class TrainingRunPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly executor: ShardExecutor,
  ) {}

  private get shards() {
    return this.dataSource.getRepository(RunShard);
  }

  /** A new plan: balanced groups of stores (one per worker thread, or one per store with BullMQ). */
  async plan(run: ForecastRun): Promise<RunPlan> {
    const rows = await this.storeCounts(run);
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
    const plan = this.toPlan(
      run,
      groups
        .filter((g) => g.stores.length > 0)
        .map((g) => {
          const stores = g.stores.sort((a, b) => a - b);
          return { shard: `s${stores.join('-')}`.slice(0, 90), stores };
        }),
      rows,
      [],
    );
    const entities = plan.tasks.map((task) =>
      this.shards.create({
        runId: run.id,
        shard: task.shard,
        storeIds: JSON.stringify(task.storeIds),
        status: 'pending',
        attempts: 0,
      }),
    );
    if (entities.length)
      await serializeWrites(() =>
        this.dataSource.transaction(async (m) => {
          await m.delete(RunShard, { runId: run.id });
          await m.insert(RunShard, entities);
        }),
      );
    return plan;
  }

  /** The stored plan of an interrupted run, its finished shards apart; null when none was stored. */
  async resume(run: ForecastRun): Promise<RunPlan | null> {
    const stored = await this.shards.find({
      where: { runId: run.id },
      order: { shard: 'ASC' },
    });
    if (stored.length === 0) return null;
    const pending = stored.filter((s) => s.status !== 'done' || !s.outcome);
    const finished = stored
      .filter((s) => !pending.includes(s))
      .map((s) => JSON.parse(s.outcome ?? '{}') as ShardOutcome);
    const plan = this.toPlan(
      run,
      pending.map((s) => ({
        shard: s.shard,
        stores: s.storeIds ? (JSON.parse(s.storeIds) as number[]) : null,
      })),
      await this.storeCounts(run),
      finished,
    );
    plan.seriesTotal += finished.reduce((s, o) => s + o.seriesTotal, 0);
    return plan;
  }

  private toPlan(
    run: ForecastRun,
    groups: { shard: string; stores: number[] | null }[],
    counts: StoreCountRow[],
    finished: ShardOutcome[],
  ): RunPlan {
    const t = this.config.training;
    const perStore = new Map(
      counts.map((r) => [Number(r.store_id), Number(r.n)]),
    );
    const seriesPerShard = new Map<string, number>();
    const tasks = groups.map(({ shard, stores }): ShardTask => {
      seriesPerShard.set(
        shard,
        (stores ?? [...perStore.keys()]).reduce(
          (s, id) => s + (perStore.get(id) ?? 0),
          0,
        ),
      );
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
      seriesTotal: [...seriesPerShard.values()].reduce((s, n) => s + n, 0),
      seriesPerShard,
      finished,
    };
  }

  /** Series per store in the run's scope. */
  private storeCounts(run: ForecastRun): Promise<StoreCountRow[]> {
    const params: string[] = [];
    let where = '';
    if (run.scopeType === 'store') {
      where = 'WHERE s.code = ?';
      params.push(run.scopeKey);
    } else if (run.scopeType === 'category') {
      where = 'WHERE p.category_path = ? OR p.category_path LIKE ?';
      params.push(run.scopeKey, `${run.scopeKey}/%`);
    }
    return this.dataSource.query(
      forDialect(
        this.dataSource,
        `SELECT sp.store_id, COUNT(*) AS n FROM store_products sp
           JOIN stores s ON s.id = sp.store_id JOIN products p ON p.id = sp.product_id
          ${where} GROUP BY sp.store_id ORDER BY sp.store_id`,
      ),
      params,
    );
  }
}
