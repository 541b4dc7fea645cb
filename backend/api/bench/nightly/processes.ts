import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { BENCH_SMOKE } from '../../../tools/bench-smoke';

export const ROOT = resolve(__dirname, '../../../..');
const REGISTER = join(ROOT, 'backend/tools/register.js');
export const WORKER_JS = join(ROOT, 'dist/backend/api/worker.js');

/** Every child still running: killed when the bench exits, so no worker outlives it. */
const children = new Set<ChildProcess>();
const track = (child: ChildProcess): ChildProcess => {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => process.exit(130));

/** What every product process of one bench run shares: database, queue and data directory. */
export interface ProductEnv {
  databaseUrl: string;
  dataDir: string;
  /** Set for QUEUE=redis runs. */
  redis: { url: string; prefix: string } | null;
}

/** The product's configuration for the bench (only documented variables; defaults otherwise). */
export function productEnv(p: ProductEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: p.databaseUrl,
    DATA_DIR: p.dataDir,
    DASHBOARD_DIR: '',
    SEED_DEMO: 'never',
    JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'warn',
    // No cron of its own: the bench fires the cron handler once, by hand.
    TRAINING_ENABLED: 'false',
    ...(p.redis
      ? {
          QUEUE: 'redis',
          REDIS_URL: p.redis.url,
          QUEUE_PREFIX: p.redis.prefix,
        }
      : { QUEUE: 'threads' }),
    // Smoke mode checks the bench still works on a shared CI machine: the baseline models only.
    ...(BENCH_SMOKE
      ? {
          TRAINING_NEURAL: 'false',
          TRAINING_ORIGINS: '1',
          TRAINING_HORIZON_DAYS: '14',
        }
      : {}),
  };
}

/** A TypeScript child of the bench (from source, like `npm run bench:*` itself). */
export function spawnTs(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  return track(
    spawn(process.execPath, ['-r', REGISTER, join(__dirname, file), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
}

/** A training worker process as operators start it (`node dist/backend/api/worker.js`). */
export function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return track(
    spawn(process.execPath, [WORKER_JS], {
      cwd: ROOT,
      // One training thread per worker process: the worker count is the only parallelism.
      env: { ...env, TRAINING_WORKERS: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
}

/** Builds the API (and its worker entry) once when a run needs worker processes. */
export function ensureWorkerBuild(): void {
  if (existsSync(WORKER_JS) && process.env['NIGHTLY_SKIP_BUILD'] === '1')
    return;
  execFileSync('npx', ['nx', 'build', 'api'], { cwd: ROOT, stdio: 'inherit' });
}

/** Resolves with the child's last stdout line parsed as JSON when it exits 0. */
export function resultOf<T>(child: ChildProcess): Promise<T> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise<T>((res, rej) => {
    child.once('error', rej);
    child.once('exit', (code, signal) => {
      // The result is the last JSON line (a library may print after it on shutdown).
      const last = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{"'));
      // Parsed here, not thrown from the listener: a bad line must reject, not crash the bench.
      if (code === 0 && last)
        try {
          res(JSON.parse(last) as T);
        } catch (e) {
          rej(e instanceof Error ? e : new Error(String(e)));
        }
      else
        rej(
          new Error(
            `${String(child.spawnargs[3] ?? 'child')} exited ${code ?? signal}`,
          ),
        );
    });
  });
}

/** SIGKILL and wait for the exit (no-op when it already ended). */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** SIGTERM (graceful: the worker drains) and wait, SIGKILL after 20 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
