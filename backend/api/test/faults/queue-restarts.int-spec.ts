import {
  isRunFinished,
  type RunDetail,
  type SeriesForecastResponse,
} from '@shelfcast/contracts';
import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import {
  redisConnection,
  SHARD_QUEUE,
} from '../../src/training/queue/shard-queue';
import { TrainingRunLifecycle } from '../../src/training/training-run-lifecycle.service';
import { TrainingRunQueries } from '../../src/training/training-run-queries.service';
import {
  freePort,
  PrivatePostgres,
  PrivateRedis,
  privateServersMissing,
} from '../support/private-servers';
import { createTestApp, type TestApp } from '../support/test-app';
import { spawnTrainingWorker } from '../support/training-worker';
import { testDatabaseKind } from '../support/test-database';
import { seedPanel, testTraining } from '../support/training-fixtures';

const HORIZON = 14;

jest.setTimeout(120_000);

/**
 * Fault: with QUEUE=redis, Redis and then PostgreSQL restart while a training run is in flight.
 * Both servers are private to this file (the machine's shared ones serve other spec files in
 * parallel): a redis-server child and a PostgreSQL cluster in a temporary directory. The API runs
 * in this process, the BullMQ worker is a child process (`worker.main.ts` from source). After each
 * restart: the API answers, is ready within 5 s of the server being back, the run ends (no run
 * stuck "running"), every series of a run has all its forecast rows or none, and the champion
 * still serves. It needs no shared server, so it runs only in the PostgreSQL pass of the suite.
 */
const missing =
  testDatabaseKind() !== 'postgres'
    ? 'runs in the DATABASE_URL=postgres:// pass only (it starts its own servers either way)'
    : privateServersMissing();
if (missing) console.warn(`queue-restarts.int-spec skipped: ${missing}`);
const describeIf = missing ? describe.skip : describe;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeIf('Redis and PostgreSQL restarts in the BullMQ mode', () => {
  let redis: PrivateRedis;
  let pg: PrivatePostgres;
  let t: TestApp;
  let training: TrainingRunLifecycle;
  let runs: TrainingRunQueries;
  let worker: ChildProcess | null = null;
  let workerOutput = '';
  const prefix = 'shelfcast-restarts';

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    pg = new PrivatePostgres(await freePort());
    await redis.start();
    pg.start();
    const shared = process.env['DATABASE_URL'];
    process.env['DATABASE_URL'] = pg.url;
    try {
      t = await createTestApp(
        testTraining({
          queue: 'redis',
          redisUrl: redis.url,
          queuePrefix: prefix,
          shards: 0,
          shardAttempts: 2,
          shardBackoffMs: 200,
          shardPickupTimeoutMs: 10_000,
        }),
      );
    } finally {
      process.env['DATABASE_URL'] = shared;
    }
    training = t.app.get(TrainingRunLifecycle);
    runs = t.app.get(TrainingRunQueries);
    await seedPanel(t.db.dataSource, { stores: 3, products: 3, days: 120 });
    startWorker();
    await waitForWorkers(1);
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await t?.close();
    await redis?.kill();
    pg?.stop();
  });

  function startWorker(): void {
    worker = spawnTrainingWorker(t, {
      redisUrl: redis.url,
      queuePrefix: prefix,
      // Takes all three shards at once, so none waits long enough to count as unattended.
      workers: 3,
      onOutput: (text) => {
        workerOutput = (workerOutput + text).slice(-20_000);
      },
    });
  }

  async function waitForWorkers(n: number): Promise<void> {
    const queue = new Queue(SHARD_QUEUE, {
      connection: redisConnection(redis.url),
      prefix,
    });
    queue.on('error', () => undefined);
    try {
      const until = Date.now() + 60_000;
      while ((await queue.getWorkersCount()) < n) {
        if (Date.now() > until || worker?.exitCode !== null)
          throw new Error(`the worker did not connect: ${workerOutput}`);
        await sleep(200);
      }
    } finally {
      await queue.close();
    }
  }

  /** The run's end, bounded: a run still "running" after a minute is the wedge this test hunts. */
  async function ended(id: string): Promise<RunDetail> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      training.waitForIdle(),
      new Promise((r) => (timer = setTimeout(r, 60_000))),
    ]);
    clearTimeout(timer);
    return runs.get(id);
  }

  /** Waits until the run's shards are out in the queue (past loading), so the restart hits them. */
  async function shardsOut(id: string): Promise<void> {
    const until = Date.now() + 30_000;
    for (;;) {
      const { status } = await runs.get(id);
      if (!['queued', 'loading'].includes(status) || Date.now() > until) return;
      await sleep(50);
    }
  }

  async function readyWithin5s(): Promise<number> {
    let status = 0;
    for (
      const until = Date.now() + 5000;
      status !== 200 && Date.now() < until;

    ) {
      status = await fetch(`${t.url}/api/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await sleep(100);
    }
    return status;
  }

  async function servedRun(): Promise<string | null> {
    const res = await fetch(
      `${t.url}/api/forecasts/series?store=S002&sku=P0001`,
      { headers: await t.as('planner') },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as SeriesForecastResponse).runId;
  }

  interface SeriesRows {
    run_id: string;
    n: number | string;
  }
  /** Forecast rows per series of every run: each series has its whole horizon or nothing. */
  async function partialSeries(): Promise<SeriesRows[]> {
    const rows = await t.query<SeriesRows>(
      'SELECT run_id, COUNT(*) AS n FROM forecast_values GROUP BY run_id, store_id, product_id',
    );
    return rows.filter((r) => Number(r.n) !== HORIZON);
  }

  interface Count {
    n: number | string;
  }
  async function forecastRows(runId: string): Promise<number> {
    const [{ n }] = await t.query<Count>(
      'SELECT COUNT(*) AS n FROM forecast_values WHERE run_id = ?',
      [runId],
    );
    return Number(n);
  }

  let championId = '';

  it('trains a champion through the worker first', async () => {
    const run = await training.trigger({});
    const done = await ended(run.id);
    expect(done).toMatchObject({ status: 'promoted', mode: 'redis' });
    expect(done.seriesDone).toBe(9);
    expect(await forecastRows(run.id)).toBe(9 * HORIZON);
    championId = done.id;
    expect(await servedRun()).toBe(championId);
  });

  it('survives a Redis restart mid-run: the run ends, nothing partial, the champion serves', async () => {
    const run = await training.trigger({});
    await shardsOut(run.id);
    await redis.kill();
    await sleep(500);
    await redis.start();
    expect(await readyWithin5s()).toBe(200);

    const done = await ended(run.id);
    expect(isRunFinished(done.status)).toBe(true);
    expect(await partialSeries()).toEqual([]);
    expect(done.seriesDone + done.seriesFailed).toBe(done.seriesTotal);
    expect(await forecastRows(run.id)).toBeLessThanOrEqual(9 * HORIZON);
    expect(await servedRun()).not.toBeNull();
    expect(worker?.exitCode).toBeNull();

    // The queue works again: the worker reconnected and the next run trains every series.
    const next = await ended((await training.trigger({})).id);
    expect(next).toMatchObject({ seriesDone: 9, seriesFailed: 0 });
    expect(['promoted', 'rejected']).toContain(next.status);
    expect(await servedRun()).not.toBeNull();
  });

  it('survives a PostgreSQL restart mid-run: ready within 5 s, the run ends, nothing partial, the champion serves', async () => {
    const run = await training.trigger({});
    await shardsOut(run.id);
    pg.restart();
    expect(await readyWithin5s()).toBe(200);

    const done = await ended(run.id);
    expect(isRunFinished(done.status)).toBe(true);
    expect(await partialSeries()).toEqual([]);
    expect(await servedRun()).not.toBeNull();
    expect(worker?.exitCode).toBeNull();

    const next = await ended((await training.trigger({})).id);
    expect(next).toMatchObject({ seriesDone: 9, seriesFailed: 0 });
    expect(await servedRun()).not.toBeNull();
  });

  it('survives a PostgreSQL restart while the run loads: the run is still recorded as ended', async () => {
    // The coordinator's own writes fail here; its final "failed" write must outlive the restart.
    const run = await training.trigger({});
    pg.restart();
    expect(await readyWithin5s()).toBe(200);

    const done = await ended(run.id);
    expect(isRunFinished(done.status)).toBe(true);
    expect(await partialSeries()).toEqual([]);
    expect(await servedRun()).not.toBeNull();
  });
});
