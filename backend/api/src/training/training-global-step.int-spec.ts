import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app/app.module';
import { AppConfig } from '../config/app-config';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { seedPanel, testTraining } from '../../test/support/training-fixtures';
import { runTraining } from '../../test/support/training-runs';
import { runShard } from './engine/shard-runner';
import { ForecastRun } from './entities';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';
import { TrainingRunPlanner } from './training-run-planner.service';
import { TrainingRunQueries } from './training-run-queries.service';

interface ValueRow {
  p10: number | string;
  p50: number | string;
  p90: number | string;
  store_id: number | string;
  product_id: number | string;
  date: string | Date;
  model: string;
  quantiles: string;
}

interface ShardRow {
  shard: string;
  status: string;
  attempts: number | string;
  series_range: string | null;
}

/**
 * The run's global step: global models trained once per run on a sample, then shards sized by
 * series count that forecast with them, so the forecasts do not depend on the sharding.
 */
describe('training global step and series-count shards (integration)', () => {
  // Several runs with the real library, in-thread, on a shared (often loaded) machine.
  jest.setTimeout(600_000);
  let t: TestApp;
  const p = (sql: string) => {
    let n = 0;
    return t.db.config.type === 'postgres'
      ? sql.replace(/\?/g, () => `$${++n}`)
      : sql;
  };
  const values = async (runId: string): Promise<Map<string, number[]>> => {
    const rows: ValueRow[] = await t.db.dataSource.query(
      p(
        'SELECT store_id, product_id, date, model, quantiles, p10, p50, p90 FROM forecast_values WHERE run_id = ?',
      ),
      [runId],
    );
    return new Map(
      rows.map((r) => [
        `${r.store_id}/${r.product_id}/${new Date(r.date).toISOString().slice(0, 10)}/${r.model}`,
        [
          ...(JSON.parse(r.quantiles) as number[]),
          Number(r.p10),
          Number(r.p50),
          Number(r.p90),
        ],
      ]),
    );
  };
  const shardRows = async (runId: string): Promise<ShardRow[]> =>
    t.db.dataSource.query(
      p(
        'SELECT shard, status, attempts, series_range FROM run_shards WHERE run_id = ? ORDER BY shard',
      ),
      [runId],
    );

  beforeAll(async () => {
    t = await createTestApp(testTraining());
    // 3 stores x 4 products = 12 series.
    await seedPanel(t.db.dataSource, { stores: 3, products: 4, days: 150 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('one shard and four shards give the same forecasts and served quantiles; shards follow the series count', async () => {
    const training = t.app.get(AppConfig).training;
    training.shards = 1;
    const one = await runTraining(t.app);
    expect(one.status).toBe('promoted');
    expect(one.shardsTotal).toBe(1);
    training.shards = 0;
    training.shardSeries = 3;
    try {
      const many = await runTraining(t.app);
      expect(['promoted', 'rejected']).toContain(many.status);
      expect(many.seriesDone).toBe(12);
      // 12 series at 3 per shard: 4 shards, plus the global step.
      expect(many.shardsTotal).toBe(4);
      const shards = await shardRows(many.id);
      expect(shards.map((s) => s.shard)).toEqual([
        'global',
        'r00001',
        'r00002',
        'r00003',
        'r00004',
      ]);
      expect(shards.every((s) => s.status === 'done')).toBe(true);
      expect(shards.slice(1).every((s) => s.series_range)).toBe(true);
      expect(many.log).toContain('global models (gbdt) trained on 12 of 12');

      const a = await values(one.id);
      const b = await values(many.id);
      expect(a.size).toBe(12 * training.horizonDays);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      let worst = 0;
      for (const [k, qa] of a) {
        const qb = b.get(k) as number[];
        qa.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - qb[i]))));
      }

      expect(worst).toBeLessThanOrEqual(1e-9);
      // The served quantiles were calibrated from the run's pool (24 windows), which a shard's
      // own three series (6 windows, under the 20 scores a step needs) could not have done.
      expect(
        [...b.values()].some((q) => Math.abs(q[4] - q[q.length - 2]) > 1e-6),
      ).toBe(true);
    } finally {
      training.shardSeries = 2000;
      training.shards = 1;
    }
  });

  it('a run resumed after its global step does not train the global models again', async () => {
    const runId = '00000000-0000-4000-8000-0000000000a1';
    const now = new Date().toISOString();
    // What a process killed right after the global step leaves: the plan, the global step done
    // with its models stored, no shard finished, and the lock naming the dead run.
    await t.db.dataSource.query(
      p(
        "INSERT INTO forecast_runs (id, status, trigger_type, created_at, started_at, series_total, shards_total, history) VALUES (?, 'training', 'manual', ?, ?, 12, 2, ?)",
      ),
      [runId, now, now, JSON.stringify([{ kind: 'started', at: now }])],
    );
    const config = t.app.get(AppConfig);
    config.training.shards = 2;
    const run = (await t.db.dataSource
      .getRepository(ForecastRun)
      .findOneBy({ id: runId })) as ForecastRun;
    const plan = await t.app.get(TrainingRunPlanner).plan(run);
    config.training.shards = 1;
    expect(plan.tasks).toHaveLength(2);
    expect(plan.global?.kind).toBe('global');
    await runShard(plan.global as NonNullable<typeof plan.global>);
    const stored = async () =>
      (await t.db.dataSource.query(
        p(
          'SELECT created_at, sample_series FROM run_global_models WHERE run_id = ?',
        ),
        [runId],
      )) as { created_at: string; sample_series: number | string }[];
    const [models] = await stored();
    expect(Number(models.sample_series)).toBe(12);
    await t.db.dataSource.query(
      p(
        "UPDATE scheduler_locks SET holder = 'dead-host:1:x', run_id = ?, lease_until = ? WHERE name = 'training'",
      ),
      [runId, Date.now() - 1],
    );
    const ctx = await NestFactory.createApplicationContext(
      AppModule.forRoot({ ...config, database: t.db.config }),
      { logger: ['error'] },
    );
    try {
      await ctx.get(TrainingRunLifecycle).waitForIdle();
      const resumed = await ctx.get(TrainingRunQueries).get(runId);
      expect(['promoted', 'rejected']).toContain(resumed.status);
      expect(resumed.seriesDone).toBe(12);
      expect(resumed.log).toContain('global step: already done');
      expect(resumed.log).not.toContain('global models (gbdt) trained');
      const rows = await shardRows(runId);
      expect(rows[0]).toMatchObject({ shard: 'global', status: 'done' });
      expect(Number(rows[0].attempts)).toBe(1);
      expect(rows.slice(1).map((r) => r.status)).toEqual(['done', 'done']);
      // Once the run has ended, its global models are dropped (its shards stored their own
      // forecast artifacts).
      expect(await stored()).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
