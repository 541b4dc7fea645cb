import type { SeriesForecastResponse } from '@shelfcast/contracts';
import { ShardExecutor } from '../../src/training/engine/shard-executor';
import type { ShardTask } from '../../src/training/engine/shard-task';
import { runTraining } from '../support/training-runs';
import { createTestApp, TestApp } from '../support/test-app';
import { seedPanel, testTraining } from '../support/training-fixtures';

/**
 * Fault: a training worker dies mid-shard. The shard's attempt fails and it is retried once; a
 * shard that dies twice fails only its own series, with the real cause, while the other shard's
 * forecasts are written, the run's log records the retries, and the champion keeps serving.
 * The deaths are injected at the executor (the worker pool's boundary): a death is an attempt
 * whose promise rejects with the pool's message.
 */
const DEATH =
  'training worker exited with code 134 before reporting its shard; its last output: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp(testTraining({ shards: 2 }));
  await seedPanel(t.db.dataSource, { stores: 2, products: 3, days: 120 });
});
afterAll(async () => {
  await t.close();
});

async function runToEnd() {
  return runTraining(t.app);
}

async function servedRun(store: string, sku: string): Promise<string | null> {
  const res = await fetch(
    `${t.url}/api/forecasts/series?store=${store}&sku=${sku}`,
    { headers: await t.as('planner') },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as SeriesForecastResponse).runId;
}

/** Makes the executor's attempts of the shards matching `dies` die `times` times each. */
function injectDeaths(dies: (task: ShardTask) => number): () => void {
  const executor = t.app.get(ShardExecutor);
  const run = executor.run.bind(executor);
  const attempts = new Map<string, number>();
  executor.run = (task, onProgress) => {
    const n = (attempts.get(task.shard) ?? 0) + 1;
    attempts.set(task.shard, n);
    if (n <= dies(task))
      return {
        promise: Promise.reject(new Error(DEATH)),
        cancel: () => undefined,
      };
    return run(task, onProgress);
  };
  return () => {
    executor.run = run;
  };
}

describe('a training worker that dies', () => {
  it('is retried once; a shard that dies twice fails only its own series with the cause, and the champion keeps serving', async () => {
    const champion = await runToEnd();
    expect(champion.status).toBe('promoted');
    expect(champion.shardsTotal).toBe(2);
    expect(await servedRun('S002', 'P0001')).toBe(champion.id);

    // Shards are ranges of series keys (store, product): r00001 holds store 1's three series,
    // r00002 store 2's. The first dies once (retried, then succeeds); the second dies on both
    // attempts. The run's global step does not die.
    const restore = injectDeaths((task) =>
      task.shard === 'r00001' ? 1 : task.shard === 'r00002' ? 2 : 0,
    );
    let run;
    try {
      run = await runToEnd();
    } finally {
      restore();
    }
    expect(run.seriesDone).toBe(3);
    expect(run.seriesFailed).toBe(3);
    const shardError = run.errors.find((e) => e.series.startsWith('shard '));
    expect(shardError?.message).toBe(DEATH);
    expect(run.log).toMatch(
      /shard r00001 attempt 1 failed, retrying: training worker exited with code 134/,
    );
    expect(run.log).toMatch(/shard r00002 attempt 1 failed, retrying/);
    expect(run.log).toMatch(
      /shard r00002 failed after 2 attempts: training worker exited/,
    );
    expect(run.log).not.toMatch(/shard r00001 failed after/);
    // Store 1's forecasts of this run were written; store 2 is still served (the champion's
    // forecasts, directly or carried over): the dead shard took nothing down with it.
    const [{ n }] = await t.query(
      'SELECT COUNT(DISTINCT product_id) AS n FROM forecast_values WHERE run_id = ? AND store_id = 1',
      [run.id],
    );
    expect(Number(n)).toBe(3);
    expect(await servedRun('S002', 'P0001')).not.toBeNull();
    expect(await servedRun('S001', 'P0001')).not.toBeNull();
  });
});
