import type { OverviewResponse, Role } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { type Row } from '../database/raw-sql';
import { addDays } from '../common/dates';

const AS_OF = '2026-11-27';
/** Daily units of store s (1–3) × product p (1–2): 10·s + p; chain total 129 a day. */
const units = (s: number, p: number) => 10 * s + p;

describe('GET /api/overview (integration)', () => {
  let t: TestApp;
  const db = <T extends object = Row>(s: string, params: unknown[] = []) =>
    t.query<T>(s, params);
  const get = async (role: Role, qs = '') => {
    const res = await fetch(`${t.url}/api/overview${qs}`, {
      headers: await t.as(role),
    });
    return {
      status: res.status,
      body: (await res.json()) as OverviewResponse & { message?: string },
    };
  };
  const ok = async (role: Role, qs = '') => {
    const res = await get(role, qs);
    expect(res.status).toBe(200);
    return res.body;
  };
  const ids: Record<string, number> = {};

  const insertValues = async (
    runId: string,
    dates: string[],
    p50: (s: number, p: number) => number,
  ) => {
    for (let s = 1; s <= 3; s++)
      for (let p = 1; p <= 2; p++)
        for (const date of dates)
          await db(
            "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES (?, ?, ?, ?, ?, ?, ?, 'test')",
            [
              runId,
              ids[`S${s}`],
              ids[`P${p}`],
              date,
              p50(s, p) * 0.5,
              p50(s, p),
              p50(s, p) * 1.5,
            ],
          );
  };
  const insertRun = (
    id: string,
    status: string,
    dataEnd: string,
    finishedAt: string,
  ) =>
    db(
      "INSERT INTO forecast_runs (id, status, trigger_type, created_at, data_end, finished_at) VALUES (?, ?, 'manual', ?, ?, ?)",
      [id, status, finishedAt, dataEnd, finishedAt],
    );
  const insertLine = (
    runId: string,
    store: string,
    product: string,
    generatedAt: string,
    line: { status: string; stockout: string | null; excessValue: number },
  ) =>
    db(
      `INSERT INTO recommendations (run_id, store_id, product_id, generated_at, as_of, status, recommended_qty,
         final_qty, safety_stock, reorder_point, order_up_to, inventory_position, on_hand, inbound, demand_mean,
         demand_sd, protection_periods, service_kind, service_level, abc, xyz, stockout_date_p50, excess_value,
         explanation, explanation_json)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'fill-rate', 0.95, 'A', 'X', ?, ?, 'test', '{}')`,
      [
        runId,
        ids[store],
        ids[product],
        generatedAt,
        AS_OF,
        line.status,
        line.stockout,
        line.excessValue,
      ],
    );
  const dates = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const [code, region] of [
      ['S1', 'north'],
      ['S2', 'north'],
      ['S3', 'south'],
    ])
      await db('INSERT INTO stores (code, name, region) VALUES (?, ?, ?)', [
        code,
        code,
        region,
      ]);
    for (const [sku, cat] of [
      ['P1', 'dairy/milk'],
      ['P2', 'bakery/bread'],
    ])
      await db(
        'INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES (?, ?, ?, 2, 1)',
        [sku, sku, cat],
      );
    for (const r of await db<{ id: number; code: string }>(
      'SELECT id, code FROM stores',
    ))
      ids[r.code] = Number(r.id);
    for (const r of await db<{ id: number; sku: string }>(
      'SELECT id, sku FROM products',
    ))
      ids[r.sku] = Number(r.id);
    const rows: unknown[][] = [];
    for (let s = 1; s <= 3; s++)
      for (let p = 1; p <= 2; p++) {
        const series = [ids[`S${s}`], ids[`P${p}`]];
        // The last 28 days, and one large day just before them that no window may count.
        for (const d of dates(addDays(AS_OF, -27), AS_OF))
          rows.push([...series, d, units(s, p), 2 * units(s, p)]);
        rows.push([...series, addDays(AS_OF, -28), 1000, 1000]);
        // Last year: 1 unit a day over the same weekdays 364 days back.
        for (const d of dates(addDays(AS_OF, -27 - 364), addDays(AS_OF, -364)))
          rows.push([...series, d, 1, 3]);
      }
    for (const r of rows)
      await db(
        'INSERT INTO sales (store_id, product_id, date, units, revenue) VALUES (?, ?, ?, ?, ?)',
        r,
      );

    // R1 served the last 14 days (data end AS_OF − 14): exact except S1/P1, 2 units too high.
    // R1-old has the same data end but finished earlier (superseded); R0 was rejected.
    // R2 is serving now (data end AS_OF) with 10 days of P50 = 5 per series.
    const served = dates(addDays(AS_OF, -13), AS_OF);
    await insertRun(
      'R1',
      'promoted',
      addDays(AS_OF, -14),
      '2026-11-13 03:00:00',
    );
    await insertValues('R1', served, (s, p) =>
      s === 1 && p === 1 ? units(s, p) + 2 : units(s, p),
    );
    await insertRun(
      'R1-old',
      'promoted',
      addDays(AS_OF, -14),
      '2026-11-13 02:00:00',
    );
    await insertValues('R1-old', served, () => 0);
    await insertRun(
      'R0',
      'rejected',
      addDays(AS_OF, -20),
      '2026-11-07 02:00:00',
    );
    await insertValues('R0', dates(addDays(AS_OF, -19), AS_OF), () => 999);
    await insertRun('R2', 'promoted', AS_OF, '2026-11-28 02:00:00');
    await insertValues(
      'R2',
      dates(addDays(AS_OF, 1), addDays(AS_OF, 10)),
      () => 5,
    );
    await db("UPDATE serving SET run_id = 'R2' WHERE id = 1");
    // Backtest of R2 for two series: WAPE 0.2 on 100 units, 0.4 on 300 units.
    for (const [store, product, wape, bias, volume] of [
      ['S1', 'P1', 0.2, 0.1, 100],
      ['S2', 'P1', 0.4, -0.1, 300],
    ] as const)
      await db(
        "INSERT INTO forecast_run_series (run_id, store_id, product_id, model, kind, wape, bias, volume) VALUES ('R2', ?, ?, 'ets', 'smooth', ?, ?, ?)",
        [ids[store], ids[product], wape, bias, volume],
      );

    const now = '2026-11-28 03:00:00';
    await insertLine('R2', 'S1', 'P1', now, {
      status: 'pending',
      stockout: '2026-12-01',
      excessValue: 0,
    });
    await insertLine('R2', 'S1', 'P2', now, {
      status: 'approved',
      stockout: null,
      excessValue: 50,
    });
    await insertLine('R2', 'S2', 'P1', now, {
      status: 'pending',
      stockout: '2026-12-03',
      excessValue: 0,
    });
    await insertLine('R2', 'S3', 'P2', now, {
      status: 'pending',
      stockout: null,
      excessValue: 25.5,
    });
    // An older generation, not counted.
    await insertLine('R1', 'S3', 'P1', '2026-11-14 03:00:00', {
      status: 'superseded',
      stockout: '2026-11-20',
      excessValue: 999,
    });
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
