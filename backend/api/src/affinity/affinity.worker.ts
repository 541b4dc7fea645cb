import { parentPort, workerData } from 'node:worker_threads';
import { type AffinityInputs, computeAffinity } from './affinity-compute';

/**
 * Entry of the affinity worker thread: computes the results for the inputs in workerData and
 * posts them back. Built as its own webpack entry (dist/backend/api/affinity-worker.js); from
 * source (tests, CLI) it is loaded through ts-node.
 */
const port = parentPort;
if (port) {
  try {
    port.postMessage({
      ok: true,
      out: computeAffinity(workerData as AffinityInputs),
    });
  } catch (e: unknown) {
    port.postMessage({
      ok: false,
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  }
}
