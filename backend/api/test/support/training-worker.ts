import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TestApp } from './test-app';

const ROOT = resolve(__dirname, '../../../..');

/**
 * Starts a BullMQ training worker as a child process (`worker.main.ts` from source, in-thread
 * training) on the test app's PostgreSQL database — the QUEUE=redis mode shares one database.
 * Everything it prints (stdout and stderr) goes to `onOutput`.
 */
export function spawnTrainingWorker(
  t: TestApp,
  o: {
    redisUrl: string;
    queuePrefix: string;
    /** TRAINING_WORKERS: the jobs it takes at once. */
    workers: number;
    onOutput: (text: string) => void;
  },
): ChildProcess {
  const db = t.db.config;
  if (db.type !== 'postgres') throw new Error('expected PostgreSQL');
  const worker = spawn(
    process.execPath,
    [
      '-r',
      join(ROOT, 'backend/tools/register.js'),
      join(ROOT, 'backend/api/src/worker.main.ts'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        QUEUE: 'redis',
        REDIS_URL: o.redisUrl,
        QUEUE_PREFIX: o.queuePrefix,
        TRAINING_WORKERS: String(o.workers),
        TRAINING_IN_THREAD: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (b: Buffer) => o.onOutput(b.toString());
  worker.stdout?.on('data', keep);
  worker.stderr?.on('data', keep);
  return worker;
}
