import { isRunFinished, type RunDetail } from '@shelfcast/contracts';
import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  redisConnection,
  SHARD_QUEUE,
} from '../../src/training/queue/shard-queue';
import { TrainingRunLifecycle } from '../../src/training/training-run-lifecycle.service';
import { TrainingRunQueries } from '../../src/training/training-run-queries.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { spawnTrainingWorker } from '../support/training-worker';
import { testDatabaseKind } from '../support/test-database';
import { seedPanel, testTraining } from '../support/training-fixtures';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const HORIZON = 14;
const SERIES = 6;

jest.setTimeout(600_000);

/**
 * Fault: with QUEUE=redis, two worker processes (`worker.main.ts` from source) share a run, and
 * the one in the middle of a job is killed with SIGKILL. The job killed is the run's global step
 * (it trains the global neural model for many epochs, so it lasts long enough to be caught; the
 * series shards that follow only apply the stored models). BullMQ's stalled-job check in the
 * surviving worker hands the job back to the queue; the survivor runs it, so the run ends with
 * every series, the job's second attempt recorded in run_shards, and no series with duplicate or
 * missing forecast rows. PostgreSQL is the database of this mode: skipped otherwise.
 */
const missing =
  testDatabaseKind() !== 'postgres'
    ? 'runs in the DATABASE_URL=postgres:// pass only (QUEUE=redis shares one PostgreSQL database)'
    : null;
if (missing) console.warn(`worker-kill.int-spec skipped: ${missing}`);
const describeIf = missing ? describe.skip : describe;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ShardRow {
  shard: string;
  status: string;
  attempts: number | string;
}

describeIf('a worker process killed mid-shard (PostgreSQL + Redis)', () => {
  const prefix = `shelfcast-kill-${process.pid}-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  const workers: ChildProcess[] = [];
  let output = '';

  beforeAll(async () => {
    t = await createTestApp(
      testTraining({
        queue: 'redis',
        redisUrl: REDIS_URL,
        queuePrefix: prefix,
        shards: 3,
        // Many epochs of the global neural model: the global step lasts long enough to be killed in.
        neural: true,
        epochs: 150,
        shardAttempts: 3,
        shardBackoffMs: 200,
      }),
    );
    await seedPanel(t.db.dataSource, { stores: 3, products: 2, days: 120 });
  });

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t?.close();
    const queue = new Queue(SHARD_QUEUE, {
      connection: redisConnection(REDIS_URL),
      prefix,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });

  function startWorker(): ChildProcess {
    const worker = spawnTrainingWorker(t, {
      redisUrl: REDIS_URL,
      queuePrefix: prefix,
      workers: 1,
      onOutput: (text) => {
        output = (output + text).slice(-20_000);
      },
    });
    workers.push(worker);
    return worker;
  }

  async function waitForWorkers(n: number): Promise<void> {
    const queue = new Queue(SHARD_QUEUE, {
      connection: redisConnection(REDIS_URL),
      prefix,
    });
    try {
      const until = Date.now() + 180_000;
      while ((await queue.getWorkersCount()) < n) {
        if (Date.now() > until)
          throw new Error(`${n} worker(s) did not connect: ${output}`);
        await sleep(250);
      }
    } finally {
      await queue.close();
    }
  }

  /** CPU ticks (user + system, all threads) of a process, from /proc/<pid>/stat. */
  const cpuTicks = (pid: number): number => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };

  /** The worker that used the most CPU over 1.5 s: the one running a job. */
  async function busiest(ps: ChildProcess[]): Promise<ChildProcess> {
    const before = ps.map((p) => cpuTicks(p.pid as number));
    await sleep(1500);
    const used = ps.map((p, i) => cpuTicks(p.pid as number) - before[i]);
    return ps[used.indexOf(Math.max(...used))];
  }

  const shards = async (runId: string): Promise<ShardRow[]> =>
    (
      await t.query<ShardRow>(
        'SELECT shard, status, attempts FROM run_shards WHERE run_id = ? ORDER BY shard',
        [runId],
      )
    ).map((r) => ({ ...r, attempts: Number(r.attempts) }));

  it('hands the killed worker’s shard to the other worker; the run ends whole', async () => {
    const first = startWorker();
    const second = startWorker();
    await waitForWorkers(2);
    const lifecycle = t.app.get(TrainingRunLifecycle);
    const { id } = await lifecycle.trigger({});
    // The global step runs first, in one of the two workers: once it is started and unfinished,
    // the worker burning CPU is the one in the middle of it.
    let inFlight: ShardRow[] = [];
    for (let i = 0; i < 2400 && inFlight.length < 1; i++) {
      inFlight = (await shards(id)).filter(
        (s) =>
          s.shard === 'global' &&
          s.status !== 'done' &&
          Number(s.attempts) === 1,
      );
      if (inFlight.length < 1) await sleep(100);
    }
    expect(inFlight).toHaveLength(1);
    const busy = await busiest([first, second]);
    const exited = new Promise((r) => busy.once('exit', r));
    busy.kill('SIGKILL');
    await exited;

    let run: RunDetail = await t.app.get(TrainingRunQueries).get(id);
    for (let i = 0; i < 2400 && !isRunFinished(run.status); i++) {
      await sleep(250);
      run = await t.app.get(TrainingRunQueries).get(id);
    }
    await lifecycle.waitForIdle();
    run = await t.app.get(TrainingRunQueries).get(id);
    expect(['promoted', 'rejected']).toContain(run.status);
    expect(run).toMatchObject({ seriesDone: SERIES, seriesFailed: 0 });
    const after = await shards(id);
    expect(after.every((s) => s.status === 'done')).toBe(true);
    // The killed worker's job was started again, by the only worker left.
    const retried = inFlight.filter(
      (s) => Number(after.find((a) => a.shard === s.shard)?.attempts) >= 2,
    );
    expect(retried.length).toBeGreaterThanOrEqual(1);
    const [values] = await t.query<{ n: number | string; d: number | string }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT store_id || '/' || product_id || '/' || date) AS d
         FROM forecast_values WHERE run_id = ?`,
      [id],
    );
    expect(Number(values.n)).toBe(SERIES * HORIZON);
    expect(Number(values.d)).toBe(SERIES * HORIZON);
    const [series] = await t.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM forecast_run_series WHERE run_id = ?',
      [id],
    );
    expect(Number(series.n)).toBe(SERIES);
  });
});
