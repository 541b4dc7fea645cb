import { EventEmitter2 } from '@nestjs/event-emitter';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { createProducts, createStores } from '../../test/factories/catalog';
import { createRecommendations } from '../../test/factories/recommendations';
import {
  createBacktests,
  createForecastValues,
  createRun,
  createRunSeries,
  serveRun,
} from '../../test/factories/runs';
import { testTraining } from '../../test/support/training-fixtures';
import { TrainingRetention } from './training-retention.service';
import {
  TRAINING_RUN_FINISHED,
  type TrainingRunFinishedEvent,
} from '../common/training-events';

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
  const count = async (table: string, run: RunName | 'late') =>
    Number(
      (
        await t.query<{ n: number | string }>(
          `SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`,
          [run],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await createTestApp(testTraining({ retainDays: 60 }));
    await createStores(t, ['S1', 'S2']);
    await createProducts(t, [{ sku: 'P1', category: 'dairy' }]);
    const days = { start: '2026-08-02', days: 3 };
    const values = { p10: () => 1, p50: () => 2, p90: () => 3 };
    for (const [id, run] of Object.entries(RUNS)) {
      await createRun(t, {
        id,
        status: run.status,
        trigger: 'nightly',
        createdAt: run.finished ?? daysAgo(0),
        finishedAt: run.finished,
        dataEnd: '2026-08-01',
      });
      const series = ['S1', 'S2'].map((store) => ({ store, sku: 'P1' }));
      await createRunSeries(
        t,
        id,
        series.map((s) => ({ ...s, kind: 'trained', wape: 0.2, volume: 10 })),
      );
      await createForecastValues(
        t,
        id,
        series.map((s) => ({ ...s, ...days, ...values })),
      );
      await createBacktests(
        t,
        id,
        series.map((s) => ({ ...s, ...days, ...values, origin: '2026-07-20' })),
      );
    }
    await serveRun(t, 'serving');
    await createRecommendations(t, [
      {
        runId: 'behindRecommendations',
        store: 'S1',
        sku: 'P1',
        generatedAt: daysAgo(1),
        asOf: '2026-08-01',
      },
    ]);
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
        (
          await t.query<{ status: string }>(
            'SELECT status FROM forecast_runs WHERE id = ?',
            [run],
          )
        )[0].status,
      ).toBe(RUNS[run].status);
    }
  });

  it('finds nothing left to prune the next time', async () => {
    expect((await t.app.get(TrainingRetention).prune(NOW)).runs).toEqual([]);
  });

  it('prunes after a run ends (the run-finished event)', async () => {
    await createRun(t, {
      id: 'late',
      status: 'cancelled',
      createdAt: daysAgo(400),
      finishedAt: daysAgo(400),
      dataEnd: '2026-08-01',
    });
    await createForecastValues(t, 'late', [
      {
        store: 'S1',
        sku: 'P1',
        start: '2026-08-02',
        days: 1,
        p10: () => 1,
        p50: () => 2,
        p90: () => 3,
      },
    ]);
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
