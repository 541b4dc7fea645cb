import { carry } from './catalog';
import {
  daysEnding,
  type FactoryDb,
  idOf,
  insertRows,
  type SqlValue,
} from './factory-db';

export interface SaleSeed {
  store: string;
  sku: string;
  date: string;
  units: number;
  /** Default units × price (or × 2 without a price). */
  revenue?: number;
  /** The day's paid unit price (null: unknown). */
  price?: number | null;
  onPromo?: boolean;
  stockout?: boolean;
}

/** Sales rows by store code and SKU (both must exist). */
export async function createSales(
  t: FactoryDb,
  sales: readonly SaleSeed[],
): Promise<void> {
  const ids = new Map<string, number>();
  const id = async (table: 'stores' | 'products', key: string) => {
    const k = `${table}:${key}`;
    if (!ids.has(k))
      ids.set(
        k,
        await idOf(t, table, table === 'stores' ? 'code' : 'sku', key),
      );
    return ids.get(k) as number;
  };
  const rows: SqlValue[][] = [];
  for (const s of sales)
    rows.push([
      await id('stores', s.store),
      await id('products', s.sku),
      s.date,
      s.units,
      s.revenue ?? s.units * (s.price ?? 2),
      s.price ?? null,
      s.onPromo ?? false,
      s.stockout ?? false,
    ]);
  await insertRows(
    t,
    'sales',
    [
      'store_id',
      'product_id',
      'date',
      'units',
      'revenue',
      'price',
      'on_promo',
      'stockout',
    ],
    rows,
  );
}

export interface DailySalesSeed {
  store: string;
  sku: string;
  /** Last day (default 2026-11-27). */
  end?: string;
  days: number;
  /** Units on day i (0 = the oldest day); default a weekly pattern around 10. */
  units?: (i: number, date: string) => number;
  /** Paid price on day i (default none). */
  price?: (i: number, date: string) => number | null;
  onPromo?: (i: number, date: string) => boolean;
}

/** A daily series ending at `end`; the store is marked as carrying the product. */
export async function createDailySales(
  t: FactoryDb,
  seed: DailySalesSeed,
): Promise<void> {
  const dates = daysEnding(seed.end ?? '2026-11-27', seed.days);
  const units =
    seed.units ??
    ((_: number, date: string) =>
      new Date(`${date}T00:00:00Z`).getUTCDay() === 6 ? 16 : 10);
  await carry(t, seed.store, [seed.sku]);
  await createSales(
    t,
    dates.map((date, i) => ({
      store: seed.store,
      sku: seed.sku,
      date,
      units: units(i, date),
      price: seed.price?.(i, date) ?? null,
      onPromo: seed.onPromo?.(i, date) ?? false,
    })),
  );
}
