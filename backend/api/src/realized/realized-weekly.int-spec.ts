import {
  insertSales,
  insertServingRun,
} from '../../test/factories/promoted-run';
import { createTestApp, TestApp } from '../../test/support/test-app';
import type { RealizedAccuracyRow } from './dto/realized.dto';
import { FrozenForecastsService } from './frozen-forecasts.service';
import { RealizedScoringService } from './realized-scoring.service';

/** Week starts are Thursdays here (as in the Dominick's demo data); 2026-10-29 is one. */
const ORIGIN = '2026-10-29';
const day = (from: string, days: number) =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);

describe('realized accuracy of weekly series (integration)', () => {
  let t: TestApp;

  const realized = async (query: string): Promise<RealizedAccuracyRow[]> => {
    const res = await fetch(`${t.url}/api/accuracy/realized?${query}`, {
      headers: await t.as('planner'),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as RealizedAccuracyRow[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.query(
      "INSERT INTO stores (code, name, region) VALUES ('S1', 'S1', 'north')",
    );
    await t.query(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('W1', 'Weekly', 'dairy', 2, 1), ('D1', 'Daily', 'dairy', 2, 1)",
    );
    // W1 is sold by the week (one row per week start); D1 has no assortment row: daily.
    await t.query(
      `INSERT INTO store_products (store_id, product_id, grain)
       SELECT s.id, p.id, 'week' FROM stores s, products p WHERE p.sku = 'W1'`,
    );
    // 8 week totals up to the origin, alternating 10 and 14: the naive week-on-week MAE is 4.
    await insertSales(
      t,
      Array.from({ length: 8 }, (_, k) => ({
        store: 'S1',
        sku: 'W1',
        date: day(ORIGIN, -7 * (7 - k)),
        units: k % 2 === 0 ? 10 : 14,
      })),
    );
    const week = (n: number, p50: number) => ({
      store: 'S1',
      sku: 'W1',
      date: day(ORIGIN, 7 * n),
      p10: p50 - 5,
      p50,
      p90: p50 + 5,
    });
    await insertServingRun(t, {
      id: 'run-weekly',
      dataEnd: ORIGIN,
      points: [
        week(1, 12),
        week(2, 12),
        week(3, 12),
        week(5, 12),
        {
          store: 'S1',
          sku: 'D1',
          date: day(ORIGIN, 7),
          p10: 1,
          p50: 2,
          p90: 4,
        },
      ],
      backtest: [],
    });
    await t.app.get(FrozenForecastsService).freeze('run-weekly');
    await insertSales(t, [
      { store: 'S1', sku: 'W1', date: day(ORIGIN, 7), units: 16 },
      { store: 'S1', sku: 'D1', date: day(ORIGIN, 7), units: 3 },
      { store: 'S1', sku: 'W1', date: day(ORIGIN, 14), units: 12 },
      { store: 'S1', sku: 'W1', date: day(ORIGIN, 21), units: 8 },
    ]);
    await t.app
      .get(RealizedScoringService)
      .score(day(ORIGIN, 1), day(ORIGIN, 21));
  });

  afterAll(async () => {
    await t.close();
  });

  it('scales a weekly series on its week totals', async () => {
    const scales = await t.query('SELECT scale FROM frozen_scales');
    expect(scales.map((r) => Number(r['scale']))).toEqual([4]);
  });

  it('buckets a weekly series in weeks ahead and keeps daily series in days', async () => {
    const series = await realized('level=series&bucket=all');
    expect(series.map((r) => r.points)).toEqual([1, 1, 1, 1]);
    const bucket = async (b: string) =>
      (await realized(`level=chain&bucket=${encodeURIComponent(b)}`)).map(
        (r) => ({
          week: r.week,
          points: r.points,
          wape: r.wape,
          mase: r.mase,
        }),
      );
    // Week 1 (starts 11-05): |12 − 16| / 16, MASE 4 / 4.
    expect(await bucket('1w')).toEqual([
      { week: '2026-11-02', points: 1, wape: 0.25, mase: 1 },
    ]);
    expect(await bucket('2w')).toEqual([
      { week: '2026-11-09', points: 1, wape: 0, mase: 0 },
    ]);
    // Week 3 (11-19): |12 − 8| / 8; week 5 (12-03) has no actuals yet.
    expect(await bucket('3-4w')).toEqual([
      { week: '2026-11-16', points: 1, wape: 0.5, mase: 1 },
    ]);
    expect(await bucket('5w+')).toEqual([]);
    // The daily product issued for the same day: 1–7 days ahead, no scale (no history).
    expect(await bucket('1-7')).toEqual([
      { week: '2026-11-02', points: 1, wape: 1 / 3, mase: null },
    ]);
    expect(await bucket('8-14')).toEqual([]);
  });
});
