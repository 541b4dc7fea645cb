import { type FactoryDb, idOf, insertRows } from './factory-db';

export interface StoreSeed {
  code: string;
  name?: string;
  region?: string;
  timezone?: string;
  /** Default 'lost-sales' (the column's default). */
  unmetDemand?: 'lost-sales' | 'backorder';
}

export interface SupplierSeed {
  code: string;
  name?: string;
  leadTimeMeanDays?: number;
  leadTimeSdDays?: number;
  reviewPeriodDays?: number;
}

export interface ProductSeed {
  sku: string;
  name?: string;
  /** Default 'dairy/milk'. */
  category?: string;
  brand?: string | null;
  regularPrice?: number;
  unitCost?: number;
  casePack?: number;
  moq?: number;
  shelfLifeDays?: number | null;
  /** Supplier code (must exist). */
  supplier?: string | null;
}

const seeds = <T>(items: readonly (string | T)[], key: (code: string) => T) =>
  items.map((i) => (typeof i === 'string' ? key(i) : i));

/** Stores by code (name = code, region 'north' unless given); returns code → id. */
export async function createStores(
  t: FactoryDb,
  stores: readonly (string | StoreSeed)[],
): Promise<Record<string, number>> {
  const rows = seeds(stores, (code): StoreSeed => ({ code }));
  await insertRows(
    t,
    'stores',
    ['code', 'name', 'region', 'timezone', 'unmet_demand'],
    rows.map((s) => [
      s.code,
      s.name ?? s.code,
      s.region ?? 'north',
      s.timezone ?? 'UTC',
      s.unmetDemand ?? 'lost-sales',
    ]),
  );
  return idsOf(
    t,
    'stores',
    'code',
    rows.map((s) => s.code),
  );
}

export async function createSuppliers(
  t: FactoryDb,
  suppliers: readonly (string | SupplierSeed)[],
): Promise<Record<string, number>> {
  const rows = seeds(suppliers, (code): SupplierSeed => ({ code }));
  await insertRows(
    t,
    'suppliers',
    [
      'code',
      'name',
      'lead_time_mean_days',
      'lead_time_sd_days',
      'review_period_days',
    ],
    rows.map((s) => [
      s.code,
      s.name ?? s.code,
      s.leadTimeMeanDays ?? 5,
      s.leadTimeSdDays ?? 1,
      s.reviewPeriodDays ?? 7,
    ]),
  );
  return idsOf(
    t,
    'suppliers',
    'code',
    rows.map((s) => s.code),
  );
}

/** Products by SKU (price 2, cost 1, category dairy/milk unless given); returns sku → id. */
export async function createProducts(
  t: FactoryDb,
  products: readonly (string | ProductSeed)[],
): Promise<Record<string, number>> {
  const rows = seeds(products, (sku): ProductSeed => ({ sku }));
  const supplierIds: (number | null)[] = [];
  for (const p of rows)
    supplierIds.push(
      p.supplier ? await idOf(t, 'suppliers', 'code', p.supplier) : null,
    );
  await insertRows(
    t,
    'products',
    [
      'sku',
      'name',
      'category_path',
      'brand',
      'regular_price',
      'unit_cost',
      'case_pack',
      'moq',
      'shelf_life_days',
      'supplier_id',
    ],
    rows.map((p, i) => [
      p.sku,
      p.name ?? p.sku,
      p.category ?? 'dairy/milk',
      p.brand ?? null,
      p.regularPrice ?? 2,
      p.unitCost ?? 1,
      p.casePack ?? 1,
      p.moq ?? 0,
      p.shelfLifeDays ?? null,
      supplierIds[i],
    ]),
  );
  return idsOf(
    t,
    'products',
    'sku',
    rows.map((p) => p.sku),
  );
}

/** The store carries the products (store_products rows, daily grain unless given). */
export async function carry(
  t: FactoryDb,
  store: string,
  skus: readonly string[],
  grain: 'day' | 'week' | 'month' = 'day',
): Promise<void> {
  const storeId = await idOf(t, 'stores', 'code', store);
  const rows = [];
  for (const sku of skus)
    rows.push([storeId, await idOf(t, 'products', 'sku', sku), grain]);
  await insertRows(
    t,
    'store_products',
    ['store_id', 'product_id', 'grain'],
    rows,
  );
}

async function idsOf(
  t: FactoryDb,
  table: 'stores' | 'products' | 'suppliers',
  column: 'code' | 'sku',
  keys: readonly string[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of keys) out[key] = await idOf(t, table, column, key);
  return out;
}

/** Supplier SUP1 (5-day lead time, no spread, weekly review) delivers every product, in cases of 12 with no MOQ. */
export async function supplyAllFromSup1(t: FactoryDb): Promise<void> {
  await t.query(
    "INSERT INTO suppliers (code, name, lead_time_mean_days, lead_time_sd_days, review_period_days) VALUES ('SUP1', 'Dairy Co', 5, 0, 7)",
  );
  await t.query(
    "UPDATE products SET case_pack = 12, moq = 0, supplier_id = (SELECT id FROM suppliers WHERE code = 'SUP1')",
  );
}
