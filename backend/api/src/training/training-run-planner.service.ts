import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { serializeWrites } from '../database/write-gate';
import { GLOBAL_SHARD } from './engine/global-step';
import type { SeriesRange, ShardOutcome, ShardTask } from './engine/shard-task';
import { ForecastRun, RunShard } from './entities';
import { forDialect } from './training-sql';

/** A run's shards: those still to train, and the outcomes of those already done (on a resume). */
export interface RunPlan {
  /** The run's global step, or null when it is done (or the plan predates global steps). */
  global: ShardTask | null;
  tasks: ShardTask[];
  seriesTotal: number;
  seriesPerShard: Map<string, number>;
  finished: ShardOutcome[];
}

interface SeriesKeyRow {
  store_id: number | string;
  product_id: number | string;
}

type Key = [number, number];

interface Group {
  shard: string;
  stores: number[] | null;
  range: SeriesRange | null;
}

const before = (a: Key, b: Key): boolean =>
  a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * Splits a run into its global step (the global models, trained once on a sample of the run's
 * series) and shards of consecutive series keys sized by series count (TRAINING_SHARD_SERIES, or
 * TRAINING_SHARDS equal shards), and keeps the plan in `run_shards`, so a run whose process died
 * is resumed on the same shards (whatever the configuration or the catalogue became meanwhile)
 * and skips the steps marked done.
 */
@Injectable()
export class TrainingRunPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private get shards() {
    return this.dataSource.getRepository(RunShard);
  }

  /** A new plan: the global step, then ranges of about `shardSeries` series each. */
  async plan(run: ForecastRun): Promise<RunPlan> {
    const keys = await this.seriesKeys(run);
    const t = this.config.training;
    const n = keys.length;
    const wanted = t.shards > 0 ? t.shards : Math.ceil(n / t.shardSeries);
    const count = Math.max(1, Math.min(n, wanted));
    const stores = this.scopeStores(run, keys);
    const groups: Group[] = [];
    for (let i = 0; i < count && n > 0; i++) {
      const from = Math.floor((i * n) / count);
      const to = Math.floor(((i + 1) * n) / count) - 1;
      groups.push({
        shard: `r${String(i + 1).padStart(5, '0')}`,
        stores,
        range: [...keys[from], ...keys[to]],
      });
    }
    const global: Group = { shard: GLOBAL_SHARD, stores, range: null };
    const plan = this.toPlan(run, global, groups, keys, []);
    const entities = [global, ...groups].map((g) =>
      this.shards.create({
        runId: run.id,
        shard: g.shard,
        storeIds: g.stores ? JSON.stringify(g.stores) : null,
        seriesRange: g.range ? JSON.stringify(g.range) : null,
        status: 'pending',
        attempts: 0,
      }),
    );
    if (groups.length)
      await serializeWrites(() =>
        this.dataSource.transaction(async (m) => {
          await m.delete(RunShard, { runId: run.id });
          // Chunks keep each INSERT under the drivers' parameter limits at any shard count.
          for (let i = 0; i < entities.length; i += 500)
            await m.insert(RunShard, entities.slice(i, i + 500));
        }),
      );
    return plan;
  }

  /** The stored plan of an interrupted run, its finished steps apart; null when none was stored. */
  async resume(run: ForecastRun): Promise<RunPlan | null> {
    const stored = await this.shards.find({
      where: { runId: run.id },
      order: { shard: 'ASC' },
    });
    if (stored.length === 0) return null;
    const isDone = (s: RunShard) => s.status === 'done' && Boolean(s.outcome);
    const globalRow = stored.find((s) => s.shard === GLOBAL_SHARD);
    const series = stored.filter((s) => s !== globalRow);
    const pending = series.filter((s) => !isDone(s));
    const finished = series
      .filter(isDone)
      .map((s) => JSON.parse(s.outcome ?? '{}') as ShardOutcome);
    const parse = <T>(text: string | null): T | null =>
      text ? (JSON.parse(text) as T) : null;
    const plan = this.toPlan(
      run,
      globalRow && !isDone(globalRow)
        ? {
            shard: GLOBAL_SHARD,
            stores: parse<number[]>(globalRow.storeIds),
            range: null,
          }
        : null,
      pending.map((s) => ({
        shard: s.shard,
        stores: parse<number[]>(s.storeIds),
        range: parse<SeriesRange>(s.seriesRange),
      })),
      await this.seriesKeys(run),
      finished,
    );
    plan.seriesTotal += finished.reduce((s, o) => s + o.seriesTotal, 0);
    return plan;
  }

  private toPlan(
    run: ForecastRun,
    global: Group | null,
    groups: Group[],
    keys: Key[],
    finished: ShardOutcome[],
  ): RunPlan {
    const t = this.config.training;
    const seriesPerShard = new Map<string, number>();
    const task = ({ shard, stores, range }: Group): ShardTask => ({
      runId: run.id,
      shard,
      kind: shard === GLOBAL_SHARD ? 'global' : 'series',
      db: this.config.database,
      storeIds: stores,
      range,
      category: run.scopeType === 'category' ? run.scopeKey : null,
      options: {
        horizonDays: t.horizonDays,
        origins: t.origins,
        neural: t.neural,
        epochs: t.epochs,
        seed: 42,
        globalSampleSeries: t.globalSampleSeries,
      },
    });
    const tasks = groups.map((g) => {
      seriesPerShard.set(g.shard, countIn(keys, g));
      return task(g);
    });
    return {
      global: global ? task(global) : null,
      tasks,
      seriesTotal: [...seriesPerShard.values()].reduce((s, n) => s + n, 0),
      seriesPerShard,
      finished,
    };
  }

  /** The stores of a store-scoped run (its shards read no other store), else null. */
  private scopeStores(run: ForecastRun, keys: Key[]): number[] | null {
    if (run.scopeType !== 'store') return null;
    return [...new Set(keys.map((k) => k[0]))];
  }

  /** The run's series keys (store id, product id) in key order. */
  private async seriesKeys(run: ForecastRun): Promise<Key[]> {
    const params: string[] = [];
    let where = '';
    if (run.scopeType === 'store') {
      where = 'WHERE s.code = ?';
      params.push(run.scopeKey);
    } else if (run.scopeType === 'category') {
      where = 'WHERE p.category_path = ? OR p.category_path LIKE ?';
      params.push(run.scopeKey, `${run.scopeKey}/%`);
    }
    const rows: SeriesKeyRow[] = await this.dataSource.query(
      forDialect(
        this.dataSource,
        `SELECT sp.store_id, sp.product_id FROM store_products sp
           JOIN stores s ON s.id = sp.store_id JOIN products p ON p.id = sp.product_id
          ${where} ORDER BY sp.store_id, sp.product_id`,
      ),
      params,
    );
    return rows.map((r) => [Number(r.store_id), Number(r.product_id)]);
  }
}

/** Series of the run inside a shard (its key range and stores; a legacy plan: its stores). */
function countIn(keys: Key[], g: Group): number {
  const stores = g.stores ? new Set(g.stores) : null;
  const r = g.range;
  return keys.filter(
    (k) =>
      (!stores || stores.has(k[0])) &&
      (!r || (!before(k, [r[0], r[1]]) && !before([r[2], r[3]], k))),
  ).length;
}
