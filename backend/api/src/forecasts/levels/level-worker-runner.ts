import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../common/worker-entry';
import type { LevelPanel } from './level-data';
import type { LevelOptions, ReconciledLevels } from './level-reconcile';

/** What the levels worker receives in workerData (structured clone: typed arrays and Maps). */
export interface LevelWorkerInputs {
  panel: LevelPanel;
  options: LevelOptions;
}

type LevelWorkerMessage =
  | { ok: true; out: ReconciledLevels }
  | { ok: false; message: string };

/**
 * Runs {@link reconcileLevels} on a worker thread, so the engine on the aggregates and the sample
 * paths never block the API's event loop (seconds of CPU on the demo data). The panel goes in and
 * the result comes back by structured clone.
 */
export function reconcileLevelsInWorker(
  panel: LevelPanel,
  options: LevelOptions,
  dir: string = __dirname,
): Promise<ReconciledLevels> {
  const { filename, evalCode } = workerEntry(
    dir,
    'levels-worker.js',
    'levels.worker.ts',
    'forecasts/levels',
  );
  const workerData: LevelWorkerInputs = { panel, options };
  return new Promise((resolve, reject) => {
    const worker = evalCode
      ? new Worker(evalCode, { eval: true, workerData })
      : new Worker(filename, { workerData });
    let settled = false;
    worker.once('message', (m: LevelWorkerMessage) => {
      settled = true;
      if (m.ok) resolve(m.out);
      else reject(new Error(`levels worker failed: ${m.message}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(new Error(`levels worker failed: ${e.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`levels worker exited with code ${code}`));
    });
  });
}
