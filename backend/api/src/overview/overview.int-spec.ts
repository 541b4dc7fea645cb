import type { OverviewResponse, Role } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { createProducts, createStores } from '../../test/factories/catalog';
import { daysEnding } from '../../test/factories/factory-db';
import { createRecommendations } from '../../test/factories/recommendations';
import {
  createForecastValues,
  createRun,
  createRunSeries,
  serveRun,
} from '../../test/factories/runs';
import { createSales, type SaleSeed } from '../../test/factories/sales';
import { addDays } from '../common/dates';

const AS_OF = '2026-11-27';
/** Daily units of store s (1–3) × product p (1–2): 10·s + p; chain total 129 a day. */
const units = (s: number, p: number) => 10 * s + p;

describe('GET /api/overview (integration)', () => {
  let t: TestApp;
  const get = (role: Role, qs = '') =>
    t.get<OverviewResponse & { message?: string }>(`/api/overview${qs}`, role);
  const ok = async (role: Role, qs = '') => {
    const res = await get(role, qs);
    expect(res.status).toBe(200);
    return res.body;
  };
  const STORES = [1, 2, 3];
  const PRODUCTS = [1, 2];

  /** Values of a run on `days` consecutive days from `start` for every series: P10/P90 = ½/1½ P50. */
  const createValues = (
    runId: string,
    start: string,
    days: number,
    p50: (s: number, p: number) => number,
  ) =>
    createForecastValues(
      t,
      runId,
      STORES.flatMap((s) =>
        PRODUCTS.map((p) => ({
          store: `S${s}`,
          sku: `P${p}`,
          start,
          days,
          p10: () => p50(s, p) * 0.5,
          p50: () => p50(s, p),
          p90: () => p50(s, p) * 1.5,
          model: 'test',
        })),
      ),
    );
  const run = (
    id: string,
    status: 'promoted' | 'rejected',
    dataEnd: string,
    finishedAt: string,
  ) => createRun(t, { id, status, dataEnd, createdAt: finishedAt, finishedAt });

  beforeAll(async () => {
    t = await createTestApp();
    await createStores(t, ['S1', 'S2', { code: 'S3', region: 'south' }]);
    await createProducts(t, [
      { sku: 'P1', category: 'dairy/milk' },
      { sku: 'P2', category: 'bakery/bread' },
    ]);
    const sales: SaleSeed[] = [];
    for (const s of STORES)
      for (const p of PRODUCTS) {
        const series = { store: `S${s}`, sku: `P${p}` };
        // The last 28 days, and one large day just before them that no window may count.
        for (const date of daysEnding(AS_OF, 28))
          sales.push({
            ...series,
            date,
            units: units(s, p),
            revenue: 2 * units(s, p),
          });
        sales.push({
          ...series,
          date: addDays(AS_OF, -28),
          units: 1000,
          revenue: 1000,
        });
        // Last year: 1 unit a day over the same weekdays 364 days back.
        for (const date of daysEnding(addDays(AS_OF, -364), 28))
          sales.push({ ...series, date, units: 1, revenue: 3 });
      }
    await createSales(t, sales);

    // R1 served the last 14 days (data end AS_OF − 14): exact except S1/P1, 2 units too high.
    // R1-old has the same data end but finished earlier (superseded); R0 was rejected.
    // R2 is serving now (data end AS_OF) with 10 days of P50 = 5 per series.
    const served = addDays(AS_OF, -13);
    await run('R1', 'promoted', addDays(AS_OF, -14), '2026-11-13 03:00:00');
    await createValues('R1', served, 14, (s, p) =>
      s === 1 && p === 1 ? units(s, p) + 2 : units(s, p),
    );
    await run('R1-old', 'promoted', addDays(AS_OF, -14), '2026-11-13 02:00:00');
    await createValues('R1-old', served, 14, () => 0);
    await run('R0', 'rejected', addDays(AS_OF, -20), '2026-11-07 02:00:00');
    await createValues('R0', addDays(AS_OF, -19), 20, () => 999);
    await run('R2', 'promoted', AS_OF, '2026-11-28 02:00:00');
    await createValues('R2', addDays(AS_OF, 1), 10, () => 5);
    await serveRun(t, 'R2');
    // Backtest of R2 for two series: WAPE 0.2 on 100 units, 0.4 on 300 units.
    await createRunSeries(t, 'R2', [
      { store: 'S1', sku: 'P1', wape: 0.2, bias: 0.1, volume: 100 },
      { store: 'S2', sku: 'P1', wape: 0.4, bias: -0.1, volume: 300 },
    ]);

    await createRecommendations(t, [
      { runId: 'R2', store: 'S1', sku: 'P1', stockoutDate: '2026-12-01' },
      {
        runId: 'R2',
        store: 'S1',
        sku: 'P2',
        status: 'approved',
        excessValue: 50,
      },
      { runId: 'R2', store: 'S2', sku: 'P1', stockoutDate: '2026-12-03' },
      { runId: 'R2', store: 'S3', sku: 'P2', excessValue: 25.5 },
      // An older generation, not counted.
      {
        runId: 'R1',
        store: 'S3',
        sku: 'P1',
        generatedAt: '2026-11-14 03:00:00',
        status: 'superseded',
        stockoutDate: '2026-11-20',
        excessValue: 999,
      },
    ]);
    await t.assignStores(['S1']);
  }, 120_000);

  afterAll(() => t?.close());

  it('sums the chain: sales against last year, forecast, inventory, default asOf from the data', async () => {
    const o = await ok('planner');
    expect(o).toMatchObject({
      scope: 'chain',
      key: '',
      asOf: AS_OF,
      asOfFromData: true,
      stores: 3,
    });
    expect(o.sales7).toEqual({
      days: 7,
      from: '2026-11-21',
      to: AS_OF,
      units: 7 * 129,
      revenue: 7 * 258,
      lastYearUnits: 7 * 6,
      lastYearRevenue: 7 * 18,
      lastYearDays: 7,
    });
    expect(o.sales28).toMatchObject({
      units: 28 * 129,
      lastYearUnits: 28 * 6,
      lastYearDays: 28,
    });
    expect(o.forecast7).toEqual({
      days: 7,
      from: '2026-11-28',
      to: '2026-12-04',
      units: 7 * 30,
      coveredDays: 7,
    });
    expect(o.forecast28).toMatchObject({
      units: 10 * 30,
      coveredDays: 10,
      to: '2026-12-25',
    });
    expect(o.inventory).toEqual({
      runId: 'R2',
      stockoutRisk: 2,
      excessValue: 75.5,
      pendingApprovals: 3,
    });
    expect(o.trend.sales).toHaveLength(28);
    expect(o.trend.sales[27]).toEqual({ date: AS_OF, units: 129 });
    expect(o.trend.lastYear[27]).toEqual({
      date: addDays(AS_OF, -364),
      units: 6,
    });
    expect(o.trend.forecast.map((f) => f.units)).toEqual(
      new Array(10).fill(30),
    );
  });

  it('scores the last 4 weeks against the forecasts that were serving then', async () => {
    const { accuracy } = await ok('viewer');
    // Only R1 (latest finished of the runs ending AS_OF − 14) served days AS_OF − 13 … AS_OF:
    // |error| 2 a day on S1/P1 over 14 days = 28 against 14 × 129 actual units.
    expect(accuracy.source).toBe('served');
    expect(accuracy.runId).toBe('R1');
    expect(accuracy.from).toBe(addDays(AS_OF, -13));
    expect(accuracy.to).toBe(AS_OF);
    expect(accuracy.series).toBe(6);
    expect(accuracy.wape).toBeCloseTo(28 / (14 * 129), 12);
    expect(accuracy.bias).toBeCloseTo(28 / (14 * 129), 12);
    expect(accuracy.weekly.map((w) => w.wape)).toEqual([
      null,
      null,
      expect.closeTo(14 / (7 * 129), 12),
      expect.closeTo(14 / (7 * 129), 12),
    ]);
    const bread = await ok('viewer', '?scope=category&key=bakery');
    expect(bread.accuracy).toMatchObject({
      source: 'served',
      wape: 0,
      bias: 0,
      series: 3,
    });
  });

  it('falls back to the serving run backtest when no served forecast covers the window', async () => {
    const early = addDays(AS_OF, -20);
    const o = await ok('planner', `?asOf=${early}`);
    expect(o.asOf).toBe(early);
    expect(o.asOfFromData).toBe(false);
    expect(o.accuracy).toMatchObject({
      source: 'backtest',
      runId: 'R2',
      series: 2,
      from: null,
      weekly: [],
    });
    expect(o.accuracy.wape).toBeCloseTo((0.2 * 100 + 0.4 * 300) / 400, 12);
    expect(o.accuracy.bias).toBeCloseTo((0.1 * 100 - 0.1 * 300) / 400, 12);
    // The 28 days up to AS_OF − 20 hold 8 ordinary days and the 1,000-unit day per series.
    expect(o.sales28?.units).toBe(8 * 129 + 6 * 1000);
    const bread = await ok(
      'planner',
      `?asOf=${early}&scope=category&key=bakery/bread`,
    );
    expect(bread.accuracy).toMatchObject({
      source: 'none',
      wape: null,
      series: 0,
    });
  });

  it('filters by region, store and category', async () => {
    const north = await ok('planner', '?scope=region&key=north');
    expect(north.stores).toBe(2);
    expect(north.sales7?.units).toBe(7 * 66);
    expect(north.inventory).toMatchObject({
      stockoutRisk: 2,
      excessValue: 50,
      pendingApprovals: 2,
    });
    const s3 = await ok('planner', '?scope=store&key=S3');
    expect(s3.sales28?.units).toBe(28 * 63);
    expect(s3.forecast7?.units).toBe(7 * 10);
    expect(s3.inventory).toMatchObject({
      stockoutRisk: 0,
      excessValue: 25.5,
      pendingApprovals: 1,
    });
    const dairy = await ok('planner', '?scope=category&key=dairy');
    expect(dairy.sales7?.units).toBe(7 * 63);
    expect(dairy.inventory).toMatchObject({
      stockoutRisk: 2,
      excessValue: 0,
      pendingApprovals: 2,
    });
  });

  it('limits a store manager to the assigned stores', async () => {
    const chain = await ok('store_manager');
    expect(chain.stores).toBe(1);
    expect(chain.sales7?.units).toBe(7 * 23);
    expect(chain.accuracy.wape).toBeCloseTo(28 / (14 * 23), 12);
    expect(chain.inventory).toMatchObject({
      stockoutRisk: 1,
      excessValue: 50,
      pendingApprovals: 1,
    });
    const north = await ok('store_manager', '?scope=region&key=north');
    expect(north.sales7?.units).toBe(7 * 23);
    expect((await get('store_manager', '?scope=store&key=S3')).status).toBe(
      403,
    );
    expect((await get('store_manager', '?scope=region&key=south')).status).toBe(
      403,
    );
  });

  it.each([
    ['?scope=planet', 400, 'scope'],
    ['?scope=store', 400, 'needs key'],
    ['?scope=chain&key=S1', 400, 'key is not used'],
    ['?asOf=2026-02-30', 400, 'not a date'],
    ['?asOf=yesterday', 400, 'YYYY-MM-DD'],
    ['?limit=5', 400, 'limit'],
    ['?scope=store&key=S9', 404, 'Unknown store S9'],
    ['?scope=region&key=west', 404, 'Unknown region west'],
    ['?scope=category&key=toys', 404, 'Unknown category toys'],
  ])('refuses %s with %i', async (qs, status, message) => {
    const res = await get('planner', qs);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toContain(message);
  });
});
