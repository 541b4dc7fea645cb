import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Runs lowerThreadPriority in a real worker thread and reports what each thread's nice value is. */
function inWorker(nice: number): Promise<{ returned: number | null }> {
  const register = join(__dirname, '../../../../tools/register.js');
  const source = join(__dirname, 'thread-priority.ts');
  const code = `
    require(${JSON.stringify(register)});
    const { lowerThreadPriority } = require(${JSON.stringify(source)});
    const { parentPort } = require('node:worker_threads');
    parentPort.postMessage({ returned: lowerThreadPriority(${nice}) });
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', (m: { returned: number | null }) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const linux = process.platform === 'linux';

describe('lowerThreadPriority', () => {
  (linux ? it : it.skip)(
    'raises the nice value of the worker thread only, not of the process',
    async () => {
      const before = getPriority();
      // Under `nice -n 19` the thread cannot go lower: it keeps 19.
      const target = Math.min(19, Math.max(10, before + 1));
      const { returned } = await inWorker(target);
      expect(returned).toBe(target);
      // The main thread (the API's event loop) keeps its priority.
      expect(getPriority()).toBe(before);
    },
  );

  it('does nothing for nice 0', async () => {
    const { returned } = await inWorker(0);
    expect(returned).toBeNull();
  });
});
