import { createTestApp, TestApp } from '../../test/support/test-app';
import {
  insertSales,
  seedPanel,
  testTraining,
} from '../../test/support/training-fixtures';
import {
  isoDay,
  type Row,
  type SqlDate,
  type SqlNumeric,
} from '../database/raw-sql';
import { runTraining } from '../../test/support/training-runs';

interface IdRow {
  id: number;
}
interface SalesRow {
  store_id: number;
  date: SqlDate;
  units: SqlNumeric;
}

/**
 * Cold start through a real training run: a product new to store S001 (no sales there) gets the
 * level of its content-similar product in S001, scaled by how the two compare in S002 and S003.
 */
describe('cold start in training (integration)', () => {
  let t: TestApp;
  const db = <T extends object = Row>(s: string, params: unknown[] = []) =>
    t.query<T>(s, params);

  beforeAll(async () => {
    t = await createTestApp(testTraining());
  });

  afterAll(async () => {
    await t?.close();
  });

  it('forecasts the new series at the scaled level of its similar product', async () => {
    await seedPanel(t.db.dataSource, { stores: 3, products: 4, days: 120 });
    await db(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('NEW1', 'New milk', 'dairy/milk', 2.1, 1)",
    );
    const id = async (table: string, col: string, v: string) =>
      Number(
        (await db<IdRow>(`SELECT id FROM ${table} WHERE ${col} = ?`, [v]))[0]
          .id,
      );
    const newId = await id('products', 'sku', 'NEW1');
    const donorId = await id('products', 'sku', 'P0001');
    const [s1, s2, s3] = [
      await id('stores', 'code', 'S001'),
      await id('stores', 'code', 'S002'),
      await id('stores', 'code', 'S003'),
    ];
    // Elsewhere the new product sells a quarter of the donor's units, day by day.
    const donorRows = await db<SalesRow>(
      'SELECT store_id, date, units FROM sales WHERE product_id = ? AND store_id IN (?, ?)',
      [donorId, s2, s3],
    );
    await insertSales(
      t.db.dataSource,
      donorRows.map((r) => {
        const date = isoDay(r.date);
        const units = Number(r.units) / 4;
        return [
          Number(r.store_id),
          newId,
          date,
          units,
          units * 2,
          2,
          false,
          false,
        ];
      }),
    );
    for (const store of [s1, s2, s3])
      await db(
        "INSERT INTO store_products (store_id, product_id, grain) VALUES (?, ?, 'day')",
        [store, newId],
      );
    await db(
      "INSERT INTO product_similarities (product_id, rank, neighbour_id, similarity, matches, common_depth, common_words) VALUES (?, 1, ?, 0.9, 'category', 2, 'milk')",
      [newId, donorId],
    );

    const run = await runTraining(t.app);
    expect(run.status).toBe('promoted');

    const recent = await db<{ units: SqlNumeric }>(
      'SELECT units FROM sales WHERE store_id = ? AND product_id = ? ORDER BY date DESC',
      [s1, donorId],
    );
    const donorLevel =
      recent.slice(0, 28).reduce((a, r) => a + Number(r.units), 0) / 28;
    const forecast = await db<{ p50: number }>(
      'SELECT p50 FROM forecast_values WHERE run_id = ? AND store_id = ? AND product_id = ?',
      [run.id, s1, newId],
    );
    expect(forecast.length).toBeGreaterThan(0);
    const mean =
      forecast.reduce((a, r) => a + Number(r.p50), 0) / forecast.length;
    // The category profile shapes the days around the prior; its mean stays near 1.
    expect(mean).toBeGreaterThan(0.75 * (donorLevel / 4));
    expect(mean).toBeLessThan(1.25 * (donorLevel / 4));
  }, 120_000);
});
