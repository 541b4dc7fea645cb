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

jest.setTimeout(420_000);

/**
 * A real crash: the API runs from source (ts-node) in a child process, starts a training run and
 * is killed with SIGKILL once the run has recorded a training phase. A new instance on the same
 * database must mark the stale run failed, have the lock free, keep serving the champion, and run
 * a new training to its end.
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
          TRAINING_HORIZON_DAYS: '14',
          TRAINING_ORIGINS: '2',
          TRAINING_NEURAL: slow ? 'true' : 'false',
          TRAINING_EPOCHS: slow ? '500' : '1',
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
    await seedPanel(db.dataSource, { stores: 1, products: 2, days: 120 });
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
    expect(outcome.seriesDone).toBe(2);
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
      seriesTotal: 2,
      seriesDone: 2,
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

  it('marks the stale run failed, frees the lock, keeps the champion serving and trains again', async () => {
    const first = await startApi(true);
    const started = await first.call<RunDetail>('/api/training/runs', 'POST');
    expect(started.status).toBe(202);
    const runId = started.body.id;
    let status = started.body.status as string;
    for (
      let i = 0;
      i < 1200 && !['training', 'forecasting'].includes(status);
      i++
    ) {
      expect(['queued', 'loading', 'backtesting']).toContain(status);
      await sleep(100);
      status = (await first.call<RunDetail>(`/api/training/runs/${runId}`)).body
        .status;
    }
    expect(['training', 'forecasting']).toContain(status);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;

    const second = await startApi(false);
    const stale = await second.call<RunDetail>(`/api/training/runs/${runId}`);
    expect(stale.body).toMatchObject({ status: 'failed', serving: false });
    expect(stale.body.message).toContain('died');
    const series = await second.call<SeriesForecastResponse>(
      '/api/forecasts/series?store=S001&sku=P0001',
    );
    expect(series.status).toBe(200);
    expect(series.body.runId).toBe(CHAMPION);

    const again = await second.call<RunDetail>('/api/training/runs', 'POST');
    expect(again.status).toBe(202);
    let run = again.body;
    for (let i = 0; i < 600 && !run.finishedAt; i++) {
      await sleep(250);
      run = (await second.call<RunDetail>(`/api/training/runs/${run.id}`)).body;
    }
    expect(['promoted', 'rejected']).toContain(run.status);
    expect(run.seriesDone).toBe(2);
  });
});
