import { EventEmitter2 } from '@nestjs/event-emitter';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { testTraining } from '../../test/support/training-fixtures';
import { type Row } from '../database/raw-sql';
import { TrainingRetention } from './training-retention.service';
import {
  TRAINING_RUN_FINISHED,
  type TrainingRunFinishedEvent,
} from '../common/training-events';

interface IdRow {
  id: number;
}

const NOW = new Date('2026-11-28T03:00:00Z');
const daysAgo = (n: number) =>
  new Date(NOW.getTime() - n * 86_400_000)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 23);

/** Runs by the reason they are kept or pruned with a 60-day retention. */
const RUNS = {
  serving: { status: 'promoted', finished: daysAgo(100), pruned: false },
  behindRecommendations: {
    status: 'promoted',
    finished: daysAgo(80),
    pruned: false,
  },
  oldChampion: { status: 'promoted', finished: daysAgo(120), pruned: true },
  oldRejected: { status: 'rejected', finished: daysAgo(90), pruned: true },
  oldFailed: { status: 'failed', finished: daysAgo(61), pruned: true },
  recentRejected: { status: 'rejected', finished: daysAgo(5), pruned: false },
  active: { status: 'training', finished: null, pruned: false },
} as const;
type RunName = keyof typeof RUNS;

describe('training retention (integration)', () => {
  let t: TestApp;
  const db = <T extends object = Row>(s: string, params: unknown[] = []) =>
    t.query<T>(s, params);
  const count = async (table: string, run: RunName | 'late') =>
    Number(
      (
        await db(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`, [run])
      )[0]['n'],
    );

  beforeAll(async () => {
    t = await createTestApp(testTraining({ retainDays: 60 }));
    for (const code of ['S1', 'S2'])
      await db(
        "INSERT INTO stores (code, name, region) VALUES (?, ?, 'north')",
        [code, code],
      );
    await db(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('P1', 'P1', 'dairy', 2, 1)",
    );
    const stores = (await db<IdRow>('SELECT id FROM stores')).map((r) => r.id);
    const [product] = (await db<IdRow>('SELECT id FROM products')).map(
      (r) => r.id,
    );
    for (const [id, run] of Object.entries(RUNS)) {
      await db(
        "INSERT INTO forecast_runs (id, status, trigger_type, created_at, data_end, finished_at) VALUES (?, ?, 'nightly', ?, '2026-08-01', ?)",
        [id, run.status, run.finished ?? daysAgo(0), run.finished],
      );
      for (const store of stores) {
        await db(
          "INSERT INTO forecast_run_series (run_id, store_id, product_id, model, kind, wape, volume) VALUES (?, ?, ?, 'ets', 'trained', 0.2, 10)",
          [id, store, product],
        );
        for (const date of ['2026-08-02', '2026-08-03', '2026-08-04']) {
          await db(
            "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES (?, ?, ?, ?, 1, 2, 3, 'ets')",
            [id, store, product, date],
          );
          await db(
            "INSERT INTO run_backtests (run_id, store_id, product_id, date, origin, p10, p50, p90) VALUES (?, ?, ?, ?, '2026-07-20', 1, 2, 3)",
            [id, store, product, date],
          );
        }
      }
    }
    await db("UPDATE serving SET run_id = 'serving' WHERE id = 1");
    await db(
      `INSERT INTO recommendations (run_id, store_id, product_id, generated_at, as_of, status, recommended_qty,
         final_qty, safety_stock, reorder_point, order_up_to, inventory_position, on_hand, inbound, demand_mean,
         demand_sd, protection_periods, service_kind, service_level, abc, xyz, excess_value, explanation, explanation_json)
       VALUES (?, ?, ?, ?, '2026-08-01', 'pending', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'fill-rate', 0.95, 'A', 'X', 0, 'test', '{}')`,
      ['behindRecommendations', stores[0], product, daysAgo(1)],
    );
  });

  afterAll(() => t?.close());

  it('deletes the forecast values and backtests of runs ended before the window, and nothing else', async () => {
    const result = await t.app.get(TrainingRetention).prune(NOW);
    expect([...result.runs].sort()).toEqual(
      (Object.keys(RUNS) as RunName[]).filter((r) => RUNS[r].pruned).sort(),
    );
    for (const run of Object.keys(RUNS) as RunName[]) {
      const left = RUNS[run].pruned ? 0 : 6;
      expect({ run, values: await count('forecast_values', run) }).toEqual({
        run,
        values: left,
      });
      expect({ run, backtests: await count('run_backtests', run) }).toEqual({
        run,
        backtests: left,
      });
      // The run's record and per-series scores stay for the run history.
      expect(await count('forecast_run_series', run)).toBe(2);
      expect(
        (await db('SELECT status FROM forecast_runs WHERE id = ?', [run]))[0][
          'status'
        ],
      ).toBe(RUNS[run].status);
    }
  });

  it('finds nothing left to prune the next time', async () => {
    expect((await t.app.get(TrainingRetention).prune(NOW)).runs).toEqual([]);
  });

  it('prunes after a run ends (the run-finished event)', async () => {
    const [store] = (await db<IdRow>('SELECT id FROM stores')).map((r) => r.id);
    const [product] = (await db<IdRow>('SELECT id FROM products')).map(
      (r) => r.id,
    );
    await db(
      "INSERT INTO forecast_runs (id, status, trigger_type, created_at, data_end, finished_at) VALUES ('late', 'cancelled', 'manual', ?, '2026-08-01', ?)",
      [daysAgo(400), daysAgo(400)],
    );
    await db(
      "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES ('late', ?, ?, '2026-08-02', 1, 2, 3, 'ets')",
      [store, product],
    );
    t.app.get(EventEmitter2).emit(TRAINING_RUN_FINISHED, {
      runId: 'recentRejected',
      status: 'rejected',
      trigger: 'manual',
    } satisfies TrainingRunFinishedEvent);
    const deadline = Date.now() + 10_000;
    while ((await count('forecast_values', 'late')) > 0) {
      if (Date.now() > deadline) throw new Error('the run was not pruned');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await count('forecast_values', 'serving')).toBe(6);
  });
});
