import type { RunDetail, SeriesForecastResponse } from '@shelfcast/contracts';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import {
  seedPanel,
  testTraining,
} from '../../../test/support/training-fixtures';
import { runShard } from '../engine/shard-runner';
import type { ShardTask } from '../engine/shard-task';
import { ForecastRun } from '../entities';
import { TrainingRunLifecycle } from '../training-run-lifecycle.service';
import { TrainingRunQueries } from '../training-run-queries.service';
import { runTraining } from '../../../test/support/training-runs';
import { ShardConsumer, type ShardRunner } from './shard-consumer';
import { redisConnection, SHARD_QUEUE, shardJobId } from './shard-queue';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * QUEUE=redis end to end: the API's coordinator enqueues one BullMQ job per store, two real
 * BullMQ Workers (separate Redis connections, same process) train them against the shared test
 * database, and the coordinator evaluates and promotes. Unique queue prefix; keys removed after.
 */
describe('training with BullMQ shards and two workers (integration)', () => {
  const prefix = `shelfcast-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  const consumers: ShardConsumer[] = [];
  const attempts = new Map<string, number>();
  let failShard: string | null = null;
  // The first two shards wait for each other, so each worker provably takes one.
  let started = 0;
  let releaseFirstTwo: () => void = () => undefined;
  const firstTwo = new Promise<void>((r) => (releaseFirstTwo = r));

  const runner: ShardRunner = async (task: ShardTask, onProgress) => {
    // The run's global step is one job before the shards; only the shards are counted here.
    if (task.kind === 'global') return runShard(task, onProgress);
    attempts.set(task.shard, (attempts.get(task.shard) ?? 0) + 1);
    started++;
    if (started === 2) releaseFirstTwo();
    if (started <= 2) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        firstTwo,
        new Promise((r) => (timer = setTimeout(r, 20_000))),
      ]);
      clearTimeout(timer);
    }
    if (task.shard === failShard)
      throw new Error(`injected failure of shard ${task.shard}`);
    return runShard(task, onProgress);
  };

  beforeAll(async () => {
    t = await createTestApp(
      testTraining({
        queue: 'redis',
        redisUrl: REDIS_URL,
        queuePrefix: prefix,
        shards: 0,
        // 6 series, 2 per shard: three shard jobs after the global step's job.
        shardSeries: 2,
        shardAttempts: 2,
        shardBackoffMs: 50,
      }),
    );
    await seedPanel(t.db.dataSource, { stores: 3, products: 2, days: 120 });
    for (const name of ['worker-a', 'worker-b']) {
      const c = new ShardConsumer({
        redisUrl: REDIS_URL,
        prefix,
        concurrency: 1,
        db: t.db.config,
        inThread: true,
        runner,
        name,
        runStatus: async (id) =>
          (
            await t.db.dataSource
              .getRepository(ForecastRun)
              .findOne({ where: { id }, select: { status: true } })
          )?.status ?? null,
      });
      await c.start();
      consumers.push(c);
    }
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.close()));
    await t?.close();
    const queue = new Queue(SHARD_QUEUE, {
      connection: redisConnection(REDIS_URL),
      prefix,
    });
    await queue.obliterate({ force: true });
    const client = await queue.client;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, {
        MATCH: `${prefix}:*`,
        COUNT: 1000,
      });
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await queue.close();
  });

  const runToEnd = (): Promise<RunDetail> => runTraining(t.app);

  it('runs the global step as one job, then shards of two series shared between both workers, and promotes', async () => {
    const run = await runToEnd();
    expect(run).toMatchObject({
      status: 'promoted',
      mode: 'redis',
      seriesTotal: 6,
      seriesDone: 6,
      seriesFailed: 0,
      shardsTotal: 3,
      shardsDone: 3,
      serving: true,
    });
    expect(run.log).toContain('2 BullMQ worker(s)');
    const [a, b] = consumers.map(
      (c) => c.processed.filter((id) => !id.endsWith('global')).length,
    );
    expect(a).toBeGreaterThanOrEqual(1);
    expect(b).toBeGreaterThanOrEqual(1);
    expect(a + b).toBe(3);
    expect(
      consumers
        .flatMap((c) => c.processed)
        .filter((id) => id.endsWith('global')),
    ).toHaveLength(1);
    expect([...attempts.values()]).toEqual([1, 1, 1]);
    expect(Object.keys(run.phases)).toEqual(
      expect.arrayContaining(['loading', 'evaluating']),
    );

    const res = await fetch(
      `${t.url}/api/forecasts/series?store=S002&sku=P0001`,
      { headers: await t.as('viewer') },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as SeriesForecastResponse;
    expect(body.runId).toBe(run.id);
  });

  it('retries a failing shard, then marks its series failed without failing the run', async () => {
    // The second of three shards: S002's two series (keys in store, product order).
    failShard = 'r00002';
    attempts.clear();
    const run = await runToEnd();
    expect(['promoted', 'rejected']).toContain(run.status);
    expect(run).toMatchObject({
      seriesDone: 4,
      seriesFailed: 2,
      shardsDone: 3,
    });
    expect(attempts.get(failShard)).toBe(2);
    expect(run.errors[0]).toMatchObject({ series: `shard ${failShard}` });
    expect(run.errors[0].message).toContain('injected failure');
    // Its series keep the champion's forecast when the run is promoted.
    const res = await fetch(
      `${t.url}/api/forecasts/series?store=S002&sku=P0001`,
      { headers: await t.as('viewer') },
    );
    expect(res.status).toBe(200);
  });

  it('resumes a run whose coordinator died: finished shards stay, a leftover job is awaited, the rest are enqueued', async () => {
    failShard = null;
    attempts.clear();
    const stores: { id: number | string }[] = await t.db.dataSource.query(
      'SELECT id FROM stores ORDER BY code',
    );
    const [done, leftover, missing] = stores.map((s) => `s${Number(s.id)}`);
    const runId = '00000000-0000-4000-8000-0000000000aa';
    const p = (sql: string) => {
      let n = 0;
      return t.db.config.type === 'postgres'
        ? sql.replace(/\?/g, () => `$${++n}`)
        : sql;
    };
    await t.db.dataSource.query(
      p(
        "INSERT INTO forecast_runs (id, status, trigger_type, mode, created_at, started_at, series_total, shards_total, history) VALUES (?, 'training', 'manual', 'redis', ?, ?, 6, 3, ?)",
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
    for (const [i, shard] of [done, leftover, missing].entries())
      await t.db.dataSource.query(
        p(
          "INSERT INTO run_shards (run_id, shard, store_ids, status, attempts) VALUES (?, ?, ?, 'pending', 0)",
        ),
        [runId, shard, JSON.stringify([Number(stores[i].id)])],
      );
    const options = {
      horizonDays: 14,
      origins: 2,
      neural: false,
      epochs: 1,
      seed: 42,
    };
    const task = (shard: string, i: number): ShardTask => ({
      runId,
      shard,
      db: t.db.config,
      storeIds: [Number(stores[i].id)],
      category: null,
      options,
    });
    // The dead coordinator's work: one shard finished, one job still in the queue.
    await runShard(task(done, 0));
    const before: unknown[] = await t.db.dataSource.query(
      p('SELECT * FROM run_shards WHERE run_id = ? AND shard = ?'),
      [runId, done],
    );
    const queue = new Queue(SHARD_QUEUE, {
      connection: redisConnection(REDIS_URL),
      prefix,
    });
    const { db: _db, ...data } = task(leftover, 1);
    await queue.add('shard', data, { jobId: shardJobId(runId, leftover) });
    await queue.close();

    const lifecycle = t.app.get(TrainingRunLifecycle);
    expect(await lifecycle.recoverStaleRuns()).toBe(1);
    await lifecycle.waitForIdle();
    const run = await t.app.get(TrainingRunQueries).get(runId);
    expect(['promoted', 'rejected']).toContain(run.status);
    expect(run).toMatchObject({ seriesDone: 6, shardsDone: 3 });
    expect(run.history.map((h) => h.kind)).toEqual([
      'started',
      'interrupted',
      'resumed',
    ]);
    expect(attempts.has(done)).toBe(false);
    expect(attempts.get(leftover)).toBe(1);
    expect(attempts.get(missing)).toBe(1);
    expect(
      await t.db.dataSource.query(
        p('SELECT * FROM run_shards WHERE run_id = ? AND shard = ?'),
        [runId, done],
      ),
    ).toEqual(before);
  });
});
