import type {
  BacktestPoint,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { seedPanel, testTraining } from '../../test/support/training-fixtures';
import { runTraining } from '../../test/support/training-runs';

/**
 * Backtest forecasts against actuals: a real (statistical, in-thread) training run stores the
 * chosen model's most recent backtest window per series, and GET /api/forecasts/series returns the
 * serving run's points for the selection, store-scoped for store managers.
 */
describe('GET /api/forecasts/series: backtest points after a training run (integration)', () => {
  let t: TestApp;
  const H = 14;
  const backtestCount = async (runId: string) =>
    Number(
      (
        await t.query<{ n: number | string }>(
          'SELECT COUNT(*) AS n FROM run_backtests WHERE run_id = ?',
          [runId],
        )
      )[0].n,
    );
  const get = (qs: string, role: 'planner' | 'store_manager' = 'planner') =>
    t.get<SeriesForecastResponse>(`/api/forecasts/series?${qs}`, role);
  const ok = async (qs: string, role?: 'planner' | 'store_manager') => {
    const res = await get(qs, role);
    expect(res.status).toBe(200);
    return res.body;
  };
  const runToEnd = (scope?: { scope: 'store'; key: string }) =>
    runTraining(t.app, scope);
  const sumP50 = (points: BacktestPoint[]) =>
    points.reduce((s, p) => s + p.p50, 0);

  beforeAll(async () => {
    t = await createTestApp(testTraining({ horizonDays: H }));
    await seedPanel(t.db.dataSource, { stores: 2, products: 2, days: 120 });
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves the last horizon of history as backtest points with finite, ordered, non-negative values', async () => {
    const run = await runToEnd();
    expect(run.status).toBe('promoted');
    expect(await backtestCount(run.id)).toBe(4 * H);

    const r = await ok('store=S001&sku=P0001&historyDays=120');
    expect(r.runId).toBe(run.id);
    const points = r.backtestPoints;
    expect(points).toHaveLength(H);
    const historyDates = r.history.map((h) => h.date);
    const first = historyDates[0];
    const last = historyDates[historyDates.length - 1];
    expect(last).toBe('2026-11-27');
    // The most recent origin's window: the last H days of history, inside it.
    expect(points[0].date).toBe('2026-11-14');
    expect(points[H - 1].date).toBe(last);
    const units = new Map(r.history.map((h) => [h.date, h.units]));
    for (const p of points) {
      expect(p.date >= first && p.date <= last).toBe(true);
      expect(p.origin).toBe('2026-11-14');
      for (const v of [p.p10, p.p50, p.p90]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      // Actuals are the series' own sales that day.
      expect(p.actual).toBe(units.get(p.date));
    }
    // A real forecast of a weekly pattern, not a constant: the levels follow the data.
    expect(new Set(points.map((p) => p.p50)).size).toBeGreaterThan(1);
    const actualSum = points.reduce((s, p) => s + (p.actual ?? 0), 0);
    expect(sumP50(points)).toBeGreaterThan(actualSum * 0.5);
    expect(sumP50(points)).toBeLessThan(actualSum * 1.5);
  });

  it('aggregates sum the series and store managers see their stores only', async () => {
    const series = await Promise.all(
      ['S001', 'S002'].flatMap((s) =>
        ['P0001', 'P0002'].map((p) => ok(`store=${s}&sku=${p}`)),
      ),
    );
    const chain = await ok('level=chain');
    expect(chain.backtestPoints).toHaveLength(H);
    expect(sumP50(chain.backtestPoints)).toBeCloseTo(
      series.reduce((s, r) => s + sumP50(r.backtestPoints), 0),
      6,
    );
    const s1 = series[0].backtestPoints.map((p, i) => ({
      date: p.date,
      p50: p.p50 + series[1].backtestPoints[i].p50,
    }));

    await t.assignStores(['S001']);
    const managerChain = await ok('level=chain', 'store_manager');
    expect(
      managerChain.backtestPoints.map((p) => ({ date: p.date, p50: p.p50 })),
    ).toEqual(s1.map((p) => ({ date: p.date, p50: expect.closeTo(p.p50, 6) })));
    expect((await get('store=S002&sku=P0001', 'store_manager')).status).toBe(
      403,
    );
  });

  it('a store-scoped run carries the other stores’ backtests over with their forecasts', async () => {
    const before = await ok('store=S002&sku=P0002');
    const run = await runToEnd({ scope: 'store', key: 'S001' });
    expect(run.status).toBe('promoted');
    const after = await ok('store=S002&sku=P0002');
    expect(after.runId).toBe(run.id);
    expect(after.backtestPoints).toEqual(before.backtestPoints);
    expect(await backtestCount(run.id)).toBe(4 * H);
  });
});
