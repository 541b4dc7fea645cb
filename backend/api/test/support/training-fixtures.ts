import type { DataSource } from 'typeorm';
import type { AppConfigValues } from '../../src/config/app-config';
import type { TrainingConfig } from '../../src/config/training-config';
import { loadConfig } from '../../src/config/app-config';

export interface PanelSize {
  stores: number;
  products: number;
  days: number;
  /** Last sales date (default 2026-11-27). */
  end?: string;
}

/** Training settings for tests: no neural model, short horizon, one shard, no schedule. */
export function testTraining(
  overrides: Partial<TrainingConfig> = {},
): Partial<AppConfigValues> {
  return {
    training: {
      ...loadConfig({ NODE_ENV: 'test' }).training,
      neural: false,
      horizonDays: 14,
      origins: 2,
      workers: 1,
      shards: 1,
      inThread: true,
      lockLeaseMs: 1500,
      ...overrides,
    },
  };
}

const sqlFor = (ds: DataSource, sql: string) => {
  if (ds.options.type !== 'postgres') return sql;
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

/**
 * A small deterministic panel written directly: stores S001…, products P0001… in two categories,
 * daily sales with a weekly pattern, a few promotions and one stock-out per series.
 */
export async function seedPanel(
  ds: DataSource,
  size: PanelSize,
): Promise<void> {
  const end = Date.parse(size.end ?? '2026-11-27');
  for (let s = 1; s <= size.stores; s++)
    await ds.query(
      sqlFor(ds, 'INSERT INTO stores (code, name, region) VALUES (?, ?, ?)'),
      [code('S', s, 3), `Store ${s}`, s % 2 ? 'north' : 'south'],
    );
  for (let p = 1; p <= size.products; p++)
    await ds.query(
      sqlFor(
        ds,
        'INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES (?, ?, ?, ?, ?)',
      ),
      [
        code('P', p, 4),
        `Product ${p}`,
        p % 2 ? 'dairy/milk' : 'bakery/bread',
        2 + p / 10,
        1,
      ],
    );
  const stores: { id: number }[] = await ds.query(
    'SELECT id FROM stores ORDER BY id',
  );
  const products: { id: number }[] = await ds.query(
    'SELECT id FROM products ORDER BY id',
  );
  for (const st of stores)
    for (const pr of products)
      await ds.query(
        sqlFor(
          ds,
          'INSERT INTO store_products (store_id, product_id, grain) VALUES (?, ?, ?)',
        ),
        [st.id, pr.id, 'day'],
      );
  const rows: (string | number | boolean)[][] = [];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (const st of stores)
    for (const pr of products) {
      const level = 5 + ((st.id * 7 + pr.id * 3) % 11);
      for (let d = size.days - 1; d >= 0; d--) {
        const date = new Date(end - d * 86_400_000);
        const dow = date.getUTCDay();
        const promo = d % 29 === 3;
        const units = Math.max(
          0,
          Math.round(
            level *
              (dow === 6 ? 1.6 : dow === 0 ? 0.7 : 1) *
              (promo ? 1.5 : 1) +
              (rand() - 0.5) * 3,
          ),
        );
        rows.push([
          st.id,
          pr.id,
          date.toISOString().slice(0, 10),
          units,
          units * 2,
          promo ? 1.5 : 2,
          promo,
          d === 40,
        ]);
      }
    }
  await insertSales(ds, rows);
}

export async function insertSales(
  ds: DataSource,
  rows: (string | number | boolean)[][],
): Promise<void> {
  const pg = ds.options.type === 'postgres';
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const params: (string | number | boolean)[] = [];
    const tuples = chunk.map((r) => {
      params.push(
        ...r.map((v) => (typeof v === 'boolean' && !pg ? (v ? 1 : 0) : v)),
      );
      return '(?, ?, ?, ?, ?, ?, ?, ?)';
    });
    await ds.query(
      sqlFor(
        ds,
        `INSERT INTO sales (store_id, product_id, date, units, revenue, price, on_promo, stockout) VALUES ${tuples.join(', ')}
         ON CONFLICT (store_id, product_id, date) DO UPDATE SET units = excluded.units`,
      ),
      params,
    );
  }
}

function code(prefix: string, n: number, width: number): string {
  return `${prefix}${String(n).padStart(width, '0')}`;
}
