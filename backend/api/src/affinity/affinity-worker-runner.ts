import { Worker } from 'node:worker_threads';
import { workerEntry } from '../common/worker-entry';
import type { AffinityInputs, AffinityOutputs } from './affinity-compute';

/**
 * Runs {@link computeAffinity} on a worker thread, so a large co-occurrence count never blocks
 * the API's event loop. Inputs and results cross by structured clone.
 */
export function computeAffinityInWorker(
  inputs: AffinityInputs,
  dir: string = __dirname,
): Promise<AffinityOutputs> {
  const { filename, evalCode } = workerEntry(
    dir,
    'affinity-worker.js',
    'affinity.worker.ts',
    'affinity',
  );
  return new Promise((resolve, reject) => {
    const worker = evalCode
      ? new Worker(evalCode, { eval: true, workerData: inputs })
      : new Worker(filename, { workerData: inputs });
    let settled = false;
    worker.once(
      'message',
      (
        m: { ok: true; out: AffinityOutputs } | { ok: false; message: string },
      ) => {
        settled = true;
        if (m.ok) resolve(m.out);
        else reject(new Error(`affinity worker failed: ${m.message}`));
        void worker.terminate();
      },
    );
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled)
        reject(new Error(`affinity worker exited with code ${code}`));
    });
  });
}
