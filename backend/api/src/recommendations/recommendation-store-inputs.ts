import {
  DEFAULT_UNMET_DEMAND,
  type UnmetDemand,
} from '@shelfcast/inventory-policy';
import type { DataSource } from 'typeorm';
import type { RecommendationsConfig } from '../config/recommendations-config';
import { addDays } from '../common/dates';
import {
  isoDay,
  type SqlDate,
  type SqlNumeric,
  sqlQuery,
  sqlQueryThenYield,
} from '../database/raw-sql';
import type { OverrideSpec } from '../overrides/override-math';
import { type OverrideRow, overrideSpec } from '../overrides/override-row';
import type { OpenOrderRow } from './series-inputs';

interface ProductIdRow {
  product_id: number;
}
interface GrainRow extends ProductIdRow {
  grain: string;
}
interface OnHandRow extends ProductIdRow {
  on_hand: number;
}
type OrderRow = ProductIdRow & OpenOrderRow;
type StoreOverrideRow = ProductIdRow & OverrideRow;
interface StoreSettingRow {
  unmet_demand: string | null;
}
interface LastSaleRow {
  d: SqlDate | null;
}
interface RevenueRow extends ProductIdRow {
  revenue: SqlNumeric;
}
interface DailyUnitsRow extends ProductIdRow {
  date: SqlDate;
  units: number;
}

/** The classification window's first day and length. */
export interface ClassificationWindow {
  from: string;
  days: number;
}

export interface StoreInputs {
  /** Products with forecast values in the run, ascending. */
  productIds: number[];
  grains: Map<number, unknown>;
  onHand: Map<number, number>;
  orders: Map<number, OrderRow[]>;
  overrides: Map<number, OverrideSpec[]>;
  /** Revenue per product over the classification window (ABC). */
  revenue: Map<number, number>;
  /** The classification window's first day and length, or null without sales. */
  window: ClassificationWindow | null;
  /** The store's setting: unmet demand lost (default) or backordered. */
  unmetDemand: UnmetDemand;
}

/** One store's per-product inputs, each read followed by a yield to the event loop. */
export async function storeInputs(
  ds: DataSource,
  config: RecommendationsConfig,
  runId: string,
  storeId: number,
): Promise<StoreInputs> {
  const read = <T extends object>(sql: string, params: unknown[]) =>
    sqlQueryThenYield<T>(ds, sql, params);
  const productIds = (
    await read<ProductIdRow>(
      'SELECT DISTINCT product_id FROM forecast_values WHERE run_id = ? AND store_id = ? ORDER BY product_id',
      [runId, storeId],
    )
  ).map((r) => Number(r.product_id));
  const grains = new Map<number, unknown>();
  for (const r of await read<GrainRow>(
    'SELECT product_id, grain FROM store_products WHERE store_id = ?',
    [storeId],
  ))
    grains.set(Number(r.product_id), r.grain);
  const onHand = new Map<number, number>();
  for (const r of await read<OnHandRow>(
    `SELECT x.product_id, x.on_hand FROM inventory_snapshots x
       JOIN (SELECT product_id, MAX(date) AS d FROM inventory_snapshots WHERE store_id = ? GROUP BY product_id) m
         ON m.product_id = x.product_id AND m.d = x.date
      WHERE x.store_id = ?`,
    [storeId, storeId],
  ))
    onHand.set(Number(r.product_id), Number(r.on_hand));
  const orders = groupBy(
    await read<OrderRow>(
      "SELECT product_id, quantity, expected_date FROM purchase_orders WHERE store_id = ? AND status = 'open'",
      [storeId],
    ),
  );
  const overrides = new Map<number, OverrideSpec[]>();
  for (const [pid, rows] of groupBy(
    await read<StoreOverrideRow>(
      'SELECT id, product_id, start_date, end_date, mode, value FROM forecast_overrides WHERE store_id = ?',
      [storeId],
    ),
  ))
    overrides.set(pid, rows.map(overrideSpec));
  // ABC by revenue within the store, XYZ by daily demand variability, over the recent window.
  const [end] = await read<LastSaleRow>(
    'SELECT MAX(date) AS d FROM sales WHERE store_id = ?',
    [storeId],
  );
  const revenue = new Map<number, number>();
  let window: ClassificationWindow | null = null;
  if (end?.d) {
    const days = config.classificationDays;
    window = { from: addDays(isoDay(end.d), -(days - 1)), days };
    for (const r of await read<RevenueRow>(
      'SELECT product_id, SUM(revenue) AS revenue FROM sales WHERE store_id = ? AND date >= ? GROUP BY product_id',
      [storeId, window.from],
    ))
      revenue.set(Number(r.product_id), Number(r.revenue));
  }
  const [setting] = await read<StoreSettingRow>(
    'SELECT unmet_demand FROM stores WHERE id = ?',
    [storeId],
  );
  return {
    productIds,
    grains,
    onHand,
    orders,
    overrides,
    revenue,
    window,
    unmetDemand: unmetDemandOf(setting?.unmet_demand),
  };
}

/** The stored setting, lost sales when unset or unknown. */
export function unmetDemandOf(value: string | null | undefined): UnmetDemand {
  return value === 'backorder' ? 'backorder' : DEFAULT_UNMET_DEMAND;
}

/** Daily units per product of a product-id range over the classification window (XYZ). */
export async function dailyDemand(
  ds: DataSource,
  storeId: number,
  [lo, hi]: number[],
  window: ClassificationWindow | null,
): Promise<Map<number, Float64Array>> {
  const demand = new Map<number, Float64Array>();
  if (!window) return demand;
  const start = Date.parse(`${window.from}T00:00:00Z`);
  for (const r of await sqlQuery<DailyUnitsRow>(
    ds,
    'SELECT product_id, date, units FROM sales WHERE store_id = ? AND product_id BETWEEN ? AND ? AND date >= ?',
    [storeId, lo, hi, window.from],
  )) {
    const pid = Number(r.product_id);
    let d = demand.get(pid);
    if (!d) demand.set(pid, (d = new Float64Array(window.days)));
    const i = (Date.parse(`${isoDay(r.date)}T00:00:00Z`) - start) / 86_400_000;
    if (i >= 0 && i < window.days) d[i] += Number(r.units);
  }
  return demand;
}

/** Rows by their product (in their order). */
export function groupBy<T extends { product_id: SqlNumeric }>(
  rows: readonly T[],
): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = Number(r.product_id);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}
