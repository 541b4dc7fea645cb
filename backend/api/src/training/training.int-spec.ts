import type {
  AccuracyResponse,
  RunDetail,
  RunProgress,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../app/app.module';
import { AppConfig } from '../config/app-config';
import { createTestApp, TestApp } from '../../test/support/test-app';
import {
  insertSales,
  seedPanel,
  testTraining,
} from '../../test/support/training-fixtures';
import { runTraining } from '../../test/support/training-runs';
import { ShardExecutor } from './engine/shard-executor';
import { runShard } from './engine/shard-runner';
import { TrainingProgressService } from './training-progress.service';
import { TrainingScheduler } from './training.scheduler';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';
import { TrainingRunQueries } from './training-run-queries.service';
import { TrainingException } from './training.exception';

describe('training (integration)', () => {
  let t: TestApp;
  let training: TrainingRunLifecycle;
  const get = <T>(path: string) => t.get<T>(path, 'planner');
  const trigger = <T>() => t.post<T>('/api/training/runs', {}, 'planner');
  const runToEnd = async (scope?: {
    scope: 'store' | 'category';
    key: string;
  }) => {
    return runTraining(t.app, scope);
  };
  const serving = async () =>
    (await t.db.dataSource.query('SELECT run_id FROM serving WHERE id = 1'))[0]
      .run_id as string | null;

  beforeAll(async () => {
    // The real worker-thread path: the first test trains in a worker thread.
    t = await createTestApp(testTraining({ inThread: false }));
    training = t.app.get(TrainingRunLifecycle);
    await seedPanel(t.db.dataSource, { stores: 2, products: 3, days: 150 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('trains the real library in a worker thread, records the phases and promotes the first run', async () => {
    const progress: RunProgress[] = [];
    const sub = t.app
      .get(TrainingProgressService)
      .events.subscribe((p) => progress.push(p));
    const started = await trigger<RunDetail>();
    expect(started.status).toBe(202);
    await training.waitForIdle();
    sub.unsubscribe();
    const { body: run } = await get<RunDetail>(
      `/api/training/runs/${started.body.id}`,
    );
    expect(run).toMatchObject({
      status: 'promoted',
      seriesTotal: 6,
      seriesDone: 6,
      seriesFailed: 0,
      serving: true,
      mode: 'threads',
      requestedBy: 'planner@test.shelfcast',
    });
    expect(Object.keys(run.phases)).toEqual(
      expect.arrayContaining([
        'queued',
        'loading',
        'backtesting',
        'forecasting',
        'evaluating',
      ]),
    );
    expect(run.phases.loading?.durationMs).toEqual(expect.any(Number));
    expect(run.wape).toBeGreaterThan(0);
    expect(run.log).toContain('series');
    expect(progress[progress.length - 1]).toMatchObject({
      runId: run.id,
      status: 'promoted',
      fraction: 1,
    });
    // The dashboard hears of the run from its global step on (it shows the run and offers
    // Cancel), not only once the first shard reports.
    const ours = progress.filter((p) => p.runId === run.id);
    expect(ours[0]).toMatchObject({ status: 'training', fraction: 0 });
    const shardsFrom = ours.findIndex((p) => p.status !== 'training');
    expect(shardsFrom).toBeGreaterThan(0);
    expect(ours[shardsFrom - 1].fraction).toBeLessThanOrEqual(
      ours[shardsFrom].fraction,
    );
    const [{ n }] = await t.db.dataSource.query(
      'SELECT COUNT(*) AS n FROM forecast_values WHERE run_id = $1'.replace(
        '$1',
        t.db.config.type === 'postgres' ? '$1' : '?',
      ),
      [run.id],
    );
    expect(Number(n)).toBe(6 * 14);
    // Each date also stores the nine levels the served policy reads, non-decreasing, P50 among them
    // (half calibrated from the run's backtest errors; 6 series × 3 origins give fewer than the 20
    // scores per step calibration needs, so here they are the engine's own levels).
    const stored: { p50: number; quantiles: string | null }[] =
      await t.db.dataSource.query(
        'SELECT p50, quantiles FROM forecast_values WHERE run_id = $1'.replace(
          '$1',
          t.db.config.type === 'postgres' ? '$1' : '?',
        ),
        [run.id],
      );
    for (const row of stored) {
      const q = JSON.parse(String(row.quantiles)) as number[];
      expect(q).toHaveLength(9);
      expect(q).toEqual([...q].sort((a, b) => a - b));
      expect(q[4]).toBeCloseTo(Number(row.p50), 3);
    }
    const artifacts = await t.db.dataSource.query(
      'SELECT kind FROM model_artifacts',
    );
    expect(artifacts.map((a: { kind: string }) => a.kind)).toContain(
      'baseline-params',
    );

    const series = await get<SeriesForecastResponse>(
      '/api/forecasts/series?store=S001&sku=P0001',
    );
    expect(series.status).toBe(200);
    expect(series.body.runId).toBe(run.id);
    expect(series.body.forecast).toHaveLength(14);
    expect(series.body.forecast[0].p10).toBeLessThanOrEqual(
      series.body.forecast[0].p50,
    );
    expect(series.body.history.length).toBeGreaterThan(100);
    expect(series.body.history.some((h) => h.onPromo)).toBe(true);
    expect(series.body.model).toEqual(expect.any(String));
    expect(series.body.drivers).not.toBeNull();

    const chain = await get<SeriesForecastResponse>(
      '/api/forecasts/series?level=chain',
    );
    expect(chain.body.series).toBe(6);
    const store = await get<SeriesForecastResponse>(
      '/api/forecasts/series?level=store&store=S001',
    );
    const cat = await get<SeriesForecastResponse>(
      '/api/forecasts/series?level=category&category=dairy',
    );
    expect(store.body.series).toBe(3);
    expect(cat.body.series).toBe(4);
    const single = async (s: string, p: string) =>
      (
        await get<SeriesForecastResponse>(
          `/api/forecasts/series?store=${s}&sku=${p}`,
        )
      ).body.forecast[0].p50;
    let sum = 0;
    for (const s of ['S001', 'S002'])
      for (const p of ['P0001', 'P0002', 'P0003']) sum += await single(s, p);
    expect(chain.body.forecast[0].p50).toBeCloseTo(sum, 6);

    const accuracy = await get<AccuracyResponse>('/api/forecasts/accuracy');
    expect(accuracy.body.runId).toBe(run.id);
    expect(accuracy.body.overall?.series).toBe(6);
    expect(accuracy.body.stores.map((s) => s.key)).toEqual(['S001', 'S002']);
    expect(accuracy.body.categories.map((s) => s.key)).toEqual([
      'bakery',
      'dairy',
    ]);
    const metrics = await get<{ overall: { wape: number } }>(
      `/api/training/runs/${run.id}/metrics`,
    );
    expect(metrics.body.overall.wape).toBeCloseTo(run.wape ?? NaN, 9);
    // Two fresh worker threads (the global step, then the shard), each loading the library.
  }, 180_000);

  it('refuses a trigger from a viewer and answers 409 with the active run while one runs', async () => {
    const viewer = await t.post('/api/training/runs', {}, 'viewer');
    expect(viewer.status).toBe(403);
    const first = await trigger<RunDetail>();
    const second = await trigger<{ details: { activeRunId: string } }>();
    expect(second.status).toBe(409);
    expect(second.body.details.activeRunId).toBe(first.body.id);
    await training.waitForIdle();
  });

  describe('with in-thread training (test flag)', () => {
    let champion: string;

    beforeAll(async () => {
      t.app.get(AppConfig).training.inThread = true;
      (
        t.app.get(ShardExecutor) as unknown as { pool: { inThread: boolean } }
      ).pool.inThread = true;
      champion = (await serving()) as string;
    });

    it('one failing series does not fail the run; it keeps its previous forecast', async () => {
      const [sp] = await t.db.dataSource.query(
        "SELECT s.id AS store_id, p.id AS product_id FROM stores s, products p WHERE s.code = 'S002' AND p.sku = 'P0003'",
      );
      await insertSales(t.db.dataSource, [
        [sp.store_id, sp.product_id, '2026-11-20', -5, 0, 2, false, false],
      ]);
      const run = await runToEnd();
      expect(run.status).toBe('promoted');
      expect(run.seriesDone).toBe(5);
      expect(run.seriesFailed).toBe(1);
      expect(run.errors).toEqual([
        { series: 'S002/P0003', message: expect.stringContaining('negative') },
      ]);
      const kept = await get<SeriesForecastResponse>(
        '/api/forecasts/series?store=S002&sku=P0003',
      );
      expect(kept.body.runId).toBe(run.id);
      expect(kept.body.forecast).toHaveLength(14);
      await insertSales(t.db.dataSource, [
        [sp.store_id, sp.product_id, '2026-11-20', 5, 10, 2, false, false],
      ]);
      champion = run.id;
    });

    it('rejects a worse challenger and the champion keeps serving', async () => {
      // Noise in the backtest window makes every model worse than the champion was.
      const rows: (string | number | boolean)[][] = [];
      const series = await t.db.dataSource.query(
        'SELECT store_id, product_id FROM store_products',
      );
      for (const s of series)
        for (let d = 0; d < 28; d++) {
          const date = new Date(Date.parse('2026-11-27') - d * 86_400_000)
            .toISOString()
            .slice(0, 10);
          rows.push([
            s.store_id,
            s.product_id,
            date,
            d % 3 === 0 ? 60 : 0,
            0,
            2,
            false,
            false,
          ]);
        }
      await insertSales(t.db.dataSource, rows);
      const run = await runToEnd();
      expect(run.status).toBe('rejected');
      expect(run.championRunId).toBe(champion);
      expect(run.wape).toBeGreaterThan(run.championWape ?? Infinity);
      expect(run.message).toContain('champion keeps serving');
      expect(await serving()).toBe(champion);
      const read = await get<SeriesForecastResponse>(
        '/api/forecasts/series?store=S001&sku=P0001',
      );
      expect(read.body.runId).toBe(champion);
    });

    it('retrains one store and serves a complete set (other series carried over)', async () => {
      const run = await runToEnd({ scope: 'store', key: 'S001' });
      expect(run.seriesTotal).toBe(3);
      // Whatever the verdict, the served set always covers every series.
      const served = await serving();
      const [{ n }] = await t.db.dataSource.query(
        `SELECT COUNT(DISTINCT store_id * 100000 + product_id) AS n FROM forecast_values WHERE run_id = ${t.db.config.type === 'postgres' ? '$1' : '?'}`,
        [served],
      );
      expect(Number(n)).toBe(6);
    });

    it('refuses an unknown scope', async () => {
      await expect(
        training.trigger({ scope: 'store', key: 'S999' }),
      ).rejects.toBeInstanceOf(TrainingException);
    });

    it('the cron job built from config fires and only enqueues a run', async () => {
      const config = t.app.get(AppConfig);
      const ctx = await NestFactory.createApplicationContext(
        AppModule.forRoot({
          ...config,
          database: t.db.config,
          training: { ...config.training, enabled: true, cron: '* * * * * *' },
        }),
        { logger: ['error'] },
      );
      try {
        const q =
          "SELECT id FROM forecast_runs WHERE trigger_type = 'cron' AND requested_by = 'scheduler' AND trigger_key <> 'cron:2001-01-01T02:00'";
        let rows: { id: string }[] = [];
        for (let i = 0; i < 50 && rows.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 200));
          rows = await t.db.dataSource.query(q);
        }
        expect(rows.length).toBeGreaterThanOrEqual(1);
      } finally {
        await ctx.get(TrainingRunLifecycle).waitForIdle();
        await ctx.close();
      }
    });

    it('after a crash mid-run the next start resumes the run from its finished shards while the champion keeps serving', async () => {
      const before = await serving();
      const runId = '00000000-0000-4000-8000-000000000001';
      const p = (sql: string) => {
        let n = 0;
        return t.db.config.type === 'postgres'
          ? sql.replace(/\?/g, () => `$${++n}`)
          : sql;
      };
      const stores: { id: number; code: string }[] =
        await t.db.dataSource.query(
          'SELECT id, code FROM stores ORDER BY code',
        );
      const [first, second] = stores.map((s) => Number(s.id));
      const options = t.app.get(AppConfig).training;
      // What a process killed with -9 mid-run leaves behind: a run in a working phase with its
      // plan, one shard finished (rows and mark), the other started, and the lock row still
      // naming the run (on PostgreSQL the advisory lock itself dies with the session).
      await t.db.dataSource.query(
        p(
          "INSERT INTO forecast_runs (id, status, trigger_type, created_at, started_at, series_total, shards_total, history) VALUES (?, 'training', 'manual', ?, ?, 6, 2, ?)",
        ),
        [
          runId,
          new Date().toISOString(),
          new Date().toISOString(),
          JSON.stringify([
            { kind: 'started', at: new Date().toISOString(), note: 'by x' },
          ]),
        ],
      );
      for (const [shard, id] of [
        [`s${first}`, first],
        [`s${second}`, second],
      ] as const)
        await t.db.dataSource.query(
          p(
            "INSERT INTO run_shards (run_id, shard, store_ids, status, attempts) VALUES (?, ?, ?, 'pending', 0)",
          ),
          [runId, shard, JSON.stringify([id])],
        );
      const task = {
        runId,
        db: t.db.config,
        category: null,
        options: {
          horizonDays: options.horizonDays,
          origins: options.origins,
          neural: false,
          epochs: 1,
          seed: 42,
        },
      };
      await runShard({ ...task, shard: `s${first}`, storeIds: [first] });
      await t.db.dataSource.query(
        p(
          'UPDATE run_shards SET attempts = 1, started_at = ? WHERE run_id = ? AND shard = ?',
        ),
        [new Date().toISOString(), runId, `s${second}`],
      );
      const shardRows = async () =>
        (
          (await t.db.dataSource.query(
            p(
              'SELECT shard, status, attempts, finished_at FROM run_shards WHERE run_id = ? ORDER BY shard',
            ),
            [runId],
          )) as {
            shard: string;
            status: string;
            attempts: number;
            finished_at: string | null;
          }[]
        ).map((r) => ({ ...r, attempts: Number(r.attempts) }));
      const [done] = await shardRows();
      expect(done).toMatchObject({ status: 'done', attempts: 1 });
      await t.db.dataSource.query(
        p(
          "UPDATE scheduler_locks SET holder = 'dead-host:1:x', run_id = ?, lease_until = ? WHERE name = 'training'",
        ),
        [runId, Date.now() - 1],
      );
      const config = t.app.get(AppConfig);
      const ctx = await NestFactory.createApplicationContext(
        AppModule.forRoot({ ...config, database: t.db.config }),
        { logger: ['error'] },
      );
      try {
        expect(await serving()).toBe(before);
        await ctx.get(TrainingRunLifecycle).waitForIdle();
        const run = await ctx.get(TrainingRunQueries).get(runId);
        expect(['promoted', 'rejected']).toContain(run.status);
        expect(run.seriesDone).toBe(6);
        expect(run.shardsDone).toBe(2);
        expect(run.history.map((h) => h.kind)).toEqual([
          'started',
          'interrupted',
          'resumed',
        ]);
        expect(run.history[1].note).toContain('1 of 2 shard(s) had finished');
        expect(run.log).toContain('1 of 2 shard(s) already finished');
        // The finished shard was not trained again; the started one was, once more.
        const after = await shardRows();
        expect(after[0]).toEqual(done);
        expect(after[1]).toMatchObject({ status: 'done', attempts: 2 });
        const [counts]: { n: number | string; d: number | string }[] =
          await t.db.dataSource.query(
            p(
              `SELECT COUNT(*) AS n, COUNT(DISTINCT store_id || '/' || product_id || '/' || date) AS d
                 FROM forecast_values WHERE run_id = ?`,
            ),
            [runId],
          );
        expect(Number(counts.n)).toBe(6 * options.horizonDays);
        expect(Number(counts.d)).toBe(Number(counts.n));
        const [lock] = await t.db.dataSource.query(
          "SELECT holder FROM scheduler_locks WHERE name = 'training'",
        );
        expect(lock.holder).toBeNull();
      } finally {
        await ctx.close();
      }
    });

    it('the cron handler of two instances on one database starts exactly one run per tick', async () => {
      const other: INestApplicationContext =
        await NestFactory.createApplicationContext(
          AppModule.forRoot({
            ...t.app.get(AppConfig),
            database: t.db.config,
          }),
          { logger: ['error'] },
        );
      try {
        // A tick far from any real clock, so the live cron test above never confuses the two.
        const tick = new Date('2001-01-01T02:00:00Z');
        const ids = await Promise.all([
          t.app.get(TrainingScheduler).fire(tick),
          other.get(TrainingScheduler).fire(tick),
        ]);
        await Promise.all([
          training.waitForIdle(),
          other.get(TrainingRunLifecycle).waitForIdle(),
        ]);
        expect(ids.filter((id) => id !== null)).toHaveLength(1);
        // Even after the first run ended, the same tick does not start a second one.
        expect(await other.get(TrainingScheduler).fire(tick)).toBeNull();
        const [{ n }] = await t.db.dataSource.query(
          "SELECT COUNT(*) AS n FROM forecast_runs WHERE trigger_key = 'cron:2001-01-01T02:00'",
        );
        expect(Number(n)).toBe(1);
      } finally {
        await other.close();
      }
    });
  });
});
