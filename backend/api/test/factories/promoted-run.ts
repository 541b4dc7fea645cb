import type { TestApp } from '../support/test-app';

export interface IssuedPoint {
  store: string;
  sku: string;
  date: string;
  p10: number;
  p50: number;
  p90: number;
}

/**
 * Writes a finished run that serves: forecast_runs (with its data end), forecast_values and the
 * backtest WAPE per level, and points the serving row at it. Stores and products must exist (by
 * code and SKU).
 */
export async function insertServingRun(
  t: TestApp,
  run: {
    id: string;
    dataEnd: string;
    points: IssuedPoint[];
    backtest: {
      level: 'overall' | 'store' | 'category';
      key: string;
      wape: number;
    }[];
  },
): Promise<void> {
  const ids = async (table: string, col: string) =>
    new Map(
      (await t.query(`SELECT id, ${col} AS k FROM ${table}`)).map((r) => [
        String(r['k']),
        Number(r['id']),
      ]),
    );
  const stores = await ids('stores', 'code');
  const products = await ids('products', 'sku');
  await t.query(
    "INSERT INTO forecast_runs (id, status, trigger_type, created_at, data_end, finished_at) VALUES (?, 'promoted', 'manual', ?, ?, ?)",
    [run.id, '2026-01-01 00:00:00', run.dataEnd, '2026-01-01 00:00:00'],
  );
  for (const p of run.points)
    await t.query(
      "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES (?, ?, ?, ?, ?, ?, ?, 'ets')",
      [
        run.id,
        stores.get(p.store),
        products.get(p.sku),
        p.date,
        p.p10,
        p.p50,
        p.p90,
      ],
    );
  for (const b of run.backtest)
    await t.query(
      'INSERT INTO run_metrics (run_id, level, level_key, series, wape) VALUES (?, ?, ?, 1, ?)',
      [run.id, b.level, b.key, b.wape],
    );
  await t.query('UPDATE serving SET run_id = ? WHERE id = 1', [run.id]);
}

/** Inserts sales facts by store code and SKU. */
export async function insertSales(
  t: TestApp,
  rows: { store: string; sku: string; date: string; units: number }[],
): Promise<void> {
  for (const r of rows)
    await t.query(
      `INSERT INTO sales (store_id, product_id, date, units, revenue)
       SELECT s.id, p.id, ?, ?, ? FROM stores s, products p WHERE s.code = ? AND p.sku = ?`,
      [r.date, r.units, r.units * 2, r.store, r.sku],
    );
}
