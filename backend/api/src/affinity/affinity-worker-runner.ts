import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AffinityInputs, AffinityOutputs } from './affinity-compute';

/** The built worker next to main.js, else the TypeScript entry through the workspace's ts-node hook. */
function entry(dir: string): { filename: string; evalCode: string | null } {
  const built = join(dir, 'affinity-worker.js');
  if (existsSync(built)) return { filename: built, evalCode: null };
  const source = [
    join(dir, 'affinity.worker.ts'),
    join(dir, 'affinity', 'affinity.worker.ts'),
  ].find((f) => existsSync(f));
  if (!source)
    throw new Error(`affinity worker script not found next to ${dir}`);
  const register = join(
    source.slice(0, source.lastIndexOf(join('backend', 'api'))),
    'backend',
    'tools',
    'register.js',
  );
  return {
    filename: source,
    evalCode: `require(${JSON.stringify(register)}); require(${JSON.stringify(source)});`,
  };
}

/**
 * Runs {@link computeAffinity} on a worker thread, so a large co-occurrence count never blocks
 * the API's event loop. Inputs and results cross by structured clone.
 */
export function computeAffinityInWorker(
  inputs: AffinityInputs,
  dir: string = __dirname,
): Promise<AffinityOutputs> {
  const { filename, evalCode } = entry(dir);
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
