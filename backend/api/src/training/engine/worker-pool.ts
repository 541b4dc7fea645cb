import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../common/worker-entry';
import { runShard } from './shard-runner';
import {
  releaseWriteLockOf,
  writeLockMemory,
} from '../../database/sqlite-write-lock';
import type {
  ShardOutcome,
  ShardProgress,
  ShardTask,
  WorkerInput,
  WorkerMessage,
} from './shard-task';

/** How much of a dying worker's stderr its error message quotes. */
const STDERR_TAIL = 1000;

export interface ShardExecution {
  promise: Promise<ShardOutcome>;
  /** Terminates the worker thread (the promise rejects with "cancelled"). */
  cancel(): void;
}

/**
 * A bounded pool of training worker threads: at most `size` shards train at once, each in a
 * fresh thread (tfjs and the model memory are released when it exits), so training never runs
 * on the API's event loop. `inThread` (tests only) runs the shard on the calling thread.
 */
export class WorkerPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly size: number,
    private readonly inThread = false,
    private readonly threadNice = 0,
  ) {}

  run(task: ShardTask, onProgress: (p: ShardProgress) => void): ShardExecution {
    let cancelled = false;
    let worker: Worker | null = null;
    const promise = this.slot().then(
      () =>
        new Promise<ShardOutcome>((resolve, reject) => {
          if (cancelled) {
            this.free();
            return reject(new Error('cancelled'));
          }
          const finish = (fn: () => void) => {
            this.free();
            fn();
          };
          if (this.inThread) {
            runShard(task, onProgress).then(
              (o) =>
                finish(() =>
                  cancelled ? reject(new Error('cancelled')) : resolve(o),
                ),
              (e: unknown) => finish(() => reject(e)),
            );
            return;
          }
          const entry = workerEntry(
            __dirname,
            'training-worker.js',
            'training.worker.ts',
            'engine',
          );
          const workerData: WorkerInput = {
            task,
            nice: this.threadNice,
            writeLock: writeLockMemory(),
          };
          // The thread's stderr is read here (and passed on) so a death carries its last words.
          const w = entry.evalCode
            ? new Worker(entry.evalCode, {
                eval: true,
                workerData,
                stderr: true,
              })
            : new Worker(entry.filename, { workerData, stderr: true });
          worker = w;
          let lastOutput = '';
          w.stderr.on('data', (chunk: Buffer) => {
            process.stderr.write(chunk);
            lastOutput = (lastOutput + chunk.toString()).slice(-STDERR_TAIL);
          });
          let settled = false;
          const settle = (fn: () => void) => {
            if (settled) return;
            settled = true;
            finish(fn);
          };
          w.on('message', (m: WorkerMessage) => {
            if (m.type === 'progress') onProgress(m.progress);
            else if (m.type === 'done') {
              settle(() => resolve(m.outcome));
              void w.terminate();
            } else {
              settle(() => reject(new Error(m.message)));
              void w.terminate();
            }
          });
          w.on('error', (e) => settle(() => reject(e)));
          const thread = w.threadId;
          w.on('exit', (code) => {
            // A worker terminated inside a write transaction must not keep the lock.
            releaseWriteLockOf(thread);
            settle(() =>
              reject(
                new Error(
                  cancelled
                    ? 'cancelled'
                    : `training worker exited with code ${code} before reporting its shard${
                        lastOutput.trim()
                          ? `; its last output: ${lastOutput.trim()}`
                          : ''
                      }`,
                ),
              ),
            );
          });
        }),
    );
    return {
      promise,
      cancel: () => {
        cancelled = true;
        if (worker) void worker.terminate();
      },
    };
  }

  private slot(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running++;
        resolve();
      }),
    );
  }

  private free(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
