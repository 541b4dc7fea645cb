import type { RunDetail, SeriesForecastResponse } from '@shelfcast/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runShard } from '../src/training/engine/shard-runner';
import { ForecastRun } from '../src/training/entities';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { seedPanel } from './support/training-fixtures';

const ROOT = resolve(__dirname, '../../..');
const ADMIN = { email: 'crash@test.shelfcast', password: 'crash-password-123' };
const CHAMPION = '00000000-0000-4000-8000-00000000c0de';

jest.setTimeout(600_000);

interface ShardRow {
  shard: string;
  status: string;
  attempts: number | string;
  finished_at: string | null;
}

/**
 * A real crash: the API runs from source (ts-node) in a child process, starts a training run of
 * three shards (one store each, trained one at a time) and is killed with SIGKILL once a shard
 * has finished. A new instance on the same database must resume the run from its finished
 * shards (not trained again, no duplicate rows), serve the champion until the resumed run ends,
 * and record the interruption in the run's history.
 */
describe('training after a kill -9 of the API (integration, child processes)', () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];

  const freePort = () =>
    new Promise<number>((res, rej) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => res(typeof a === 'object' && a ? a.port : 0));
      });
      s.on('error', rej);
    });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** One API process; `slow` trains the neural model for many epochs (a long training phase). */
  const startApi = async (slow: boolean) => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, 'backend/tools/register.js'),
        join(ROOT, 'backend/api/src/main.ts'),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          PATH: process.env['PATH'],
          NODE_ENV: 'production',
          PORT: String(port),
          DATABASE_URL:
            db.config.type === 'sqlite'
              ? `sqlite:${db.config.path}`
              : db.config.url,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'shelfcast-crash-')),
          DASHBOARD_DIR: '',
          SEED_DEMO: 'never',
          JWT_SECRET: 'crash-test-secret-0123456789abcdef0123456789',
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          LOG_LEVEL: 'error',
          TRAINING_ENABLED: 'false',
          TRAINING_WORKERS: '1',
          TRAINING_SHARDS: '3',
          TRAINING_HORIZON_DAYS: '14',
          TRAINING_ORIGINS: '2',
          TRAINING_NEURAL: slow ? 'true' : 'false',
          TRAINING_EPOCHS: slow ? '200' : '1',
          TRAINING_LOCK_LEASE_MS: '1500',
        },
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null)
        throw new Error(`API exited (${child.exitCode}): ${stderr}`);
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(500);
    }
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
    };
    const call = async <T>(path: string, method = 'GET') => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: method === 'POST' ? '{}' : undefined,
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    return { child, call };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedPanel(db.dataSource, { stores: 3, products: 2, days: 120 });
    // The champion: real shard output under a promoted run, served through the serving row.
    const outcome = await runShard({
      runId: CHAMPION,
      shard: 'all',
      db: db.config,
      storeIds: null,
      category: null,
      options: {
        horizonDays: 14,
        origins: 2,
        neural: false,
        epochs: 1,
        seed: 42,
      },
    });
    expect(outcome.seriesDone).toBe(6);
    const now = new Date();
    await db.dataSource.getRepository(ForecastRun).insert({
      id: CHAMPION,
      status: 'promoted',
      trigger: 'manual',
      triggerKey: null,
      scopeType: 'all',
      scopeKey: '',
      requestedBy: null,
      mode: 'threads',
      seriesTotal: 6,
      seriesDone: 6,
      phases: {},
      errors: [],
      log: '',
      dataEnd: outcome.dataEnd,
      createdAt: now,
      startedAt: now,
      finishedAt: now,
    });
    await db.dataSource.query(
      `UPDATE serving SET run_id = '${CHAMPION}' WHERE id = 1`,
    );
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await db?.drop();
  });

  const sql = (text: string) => {
    let n = 0;
    return db.config.type === 'postgres'
      ? text.replace(/\?/g, () => `$${++n}`)
      : text;
  };
  const shardRows = async (runId: string): Promise<ShardRow[]> =>
    (
      (await db.dataSource.query(
        sql(
          'SELECT shard, status, attempts, finished_at FROM run_shards WHERE run_id = ? ORDER BY shard',
        ),
        [runId],
      )) as ShardRow[]
    ).map((r) => ({ ...r, attempts: Number(r.attempts) }));

  it('resumes the killed run from its finished shards while the champion keeps serving', async () => {
    const first = await startApi(true);
    const started = await first.call<RunDetail>('/api/training/runs', 'POST');
    expect(started.status).toBe(202);
    const runId = started.body.id;
    // The run's global step is a row of its own ('global'); kill once a series shard is done.
    const seriesShards = (rows: ShardRow[]) =>
      rows.filter((r) => r.shard !== 'global');
    let finished: ShardRow[] = [];
    for (let i = 0; i < 3000 && seriesShards(finished).length === 0; i++) {
      await sleep(100);
      finished = (await shardRows(runId)).filter((r) => r.status === 'done');
    }
    expect(seriesShards(finished).length).toBeGreaterThanOrEqual(1);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    const [{ status: killedIn }]: { status: string }[] =
      await db.dataSource.query(
        sql('SELECT status FROM forecast_runs WHERE id = ?'),
        [runId],
      );
    // Killed mid-run: not every shard was done, and nothing was evaluated or promoted.
    expect(['loading', 'backtesting', 'training', 'forecasting']).toContain(
      killedIn,
    );
    finished = (await shardRows(runId)).filter((r) => r.status === 'done');
    expect(seriesShards(finished).length).toBeLessThan(3);

    const second = await startApi(false);
    const champion = () =>
      second.call<SeriesForecastResponse>(
        '/api/forecasts/series?store=S001&sku=P0001',
      );
    let run = (await second.call<RunDetail>(`/api/training/runs/${runId}`))
      .body;
    for (let i = 0; i < 1200 && !run.finishedAt; i++) {
      // Until the resumed run ends, the champion answers.
      const served = await champion();
      const now = (await second.call<RunDetail>(`/api/training/runs/${runId}`))
        .body;
      if (!now.finishedAt) {
        expect(served.status).toBe(200);
        expect(served.body.runId).toBe(CHAMPION);
      }
      run = now;
      if (!run.finishedAt) await sleep(250);
    }
    expect(['promoted', 'rejected']).toContain(run.status);
    expect(run.seriesDone).toBe(6);
    expect(run.shardsDone).toBe(3);
    expect(run.history.map((h) => h.kind)).toEqual([
      'started',
      'interrupted',
      'resumed',
    ]);
    expect(run.history[1].note).toContain(
      `${finished.length} of 4 shard(s) had finished`,
    );
    expect((await champion()).body.runId).toBe(
      run.status === 'promoted' ? runId : CHAMPION,
    );

    // The shards finished before the kill were not trained again.
    const after = await shardRows(runId);
    expect(after.every((r) => r.status === 'done')).toBe(true);
    for (const done of finished)
      expect(after.find((r) => r.shard === done.shard)).toEqual(done);
    // One row per series and day, one outcome per series: nothing duplicated.
    const [values]: { n: number | string; d: number | string }[] =
      await db.dataSource.query(
        sql(
          `SELECT COUNT(*) AS n, COUNT(DISTINCT store_id || '/' || product_id || '/' || date) AS d
             FROM forecast_values WHERE run_id = ?`,
        ),
        [runId],
      );
    expect(Number(values.n)).toBe(6 * 14);
    expect(Number(values.d)).toBe(6 * 14);
    const [series]: { n: number | string }[] = await db.dataSource.query(
      sql('SELECT COUNT(*) AS n FROM forecast_run_series WHERE run_id = ?'),
      [runId],
    );
    expect(Number(series.n)).toBe(6);
  });
});
