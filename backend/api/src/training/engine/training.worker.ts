import { parentPort, workerData } from 'node:worker_threads';
import { runShard } from './shard-runner';
import type { WorkerInput, WorkerMessage } from './shard-task';
import { useWriteLockMemory } from '../../database/sqlite-write-lock';
import { lowerThreadPriority } from './thread-priority';

/**
 * Entry of a training worker thread: trains the shard in workerData and posts progress and the
 * outcome. Built as its own webpack entry (dist/backend/api/training-worker.js); from source
 * (tests, CLI) the pool loads it through ts-node.
 */
const port = parentPort;
if (port) {
  const post = (m: WorkerMessage) => port.postMessage(m);
  const { task, nice, writeLock } = workerData as WorkerInput;
  lowerThreadPriority(nice);
  useWriteLockMemory(writeLock);
  runShard(task, (progress) => post({ type: 'progress', progress }))
    .then((outcome) => post({ type: 'done', outcome }))
    .catch((e: unknown) =>
      post({
        type: 'error',
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
      }),
    );
}
