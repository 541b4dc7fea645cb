import { parentPort, workerData } from 'node:worker_threads';
import { reconcileLevels } from './level-reconcile';
import type { LevelWorkerInputs } from './level-worker-runner';

/**
 * Entry of the levels worker thread: reconciles the panel in workerData and posts the result
 * back. Built as its own webpack entry (dist/backend/api/levels-worker.js); from source (tests,
 * CLI) it is loaded through ts-node.
 */
const port = parentPort;
if (port) {
  const { panel, options } = workerData as LevelWorkerInputs;
  reconcileLevels(panel, options).then(
    (out) => port.postMessage({ ok: true, out }),
    (e: unknown) =>
      port.postMessage({
        ok: false,
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
      }),
  );
}
