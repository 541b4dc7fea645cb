import { parseIsoDate } from './calendar';

export interface DemoOptions {
  /** Number of stores (S001..), default 20. */
  stores?: number;
  /** Number of products (P0001..), default 200. */
  products?: number;
  /** Days of sales history ending at endDate, default 730. */
  days?: number;
  /** PRNG seed (integer), default 1. */
  seed?: number;
  /** Last day of sales history, ISO yyyy-mm-dd, default 2026-11-27. */
  endDate?: string;
  /** Days of end-of-day inventory snapshots (ending at endDate), default 60. */
  inventoryDays?: number;
  /** Days of future signal values and events after endDate, default 90. */
  futureDays?: number;
}

export type ResolvedDemoOptions = Required<DemoOptions>;

export const DEFAULT_DEMO_OPTIONS: ResolvedDemoOptions = {
  stores: 20,
  products: 200,
  days: 730,
  seed: 1,
  endDate: '2026-11-27',
  inventoryDays: 60,
  futureDays: 90,
};

export function resolveDemoOptions(
  options: DemoOptions = {},
): ResolvedDemoOptions {
  const resolved: ResolvedDemoOptions = { ...DEFAULT_DEMO_OPTIONS };
  for (const key of Object.keys(options) as (keyof DemoOptions)[]) {
    const value = options[key];
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  const { stores, products, days, seed, inventoryDays, futureDays } = resolved;
  if (!Number.isInteger(stores) || stores < 1 || stores > 999)
    throw new Error('stores must be an integer in 1..999');
  if (!Number.isInteger(products) || products < 1 || products > 9999)
    throw new Error('products must be an integer in 1..9999');
  if (!Number.isInteger(days) || days < 28)
    throw new Error('days must be an integer >= 28');
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (
    !Number.isInteger(inventoryDays) ||
    inventoryDays < 1 ||
    inventoryDays > days
  )
    throw new Error('inventoryDays must be in 1..days');
  if (!Number.isInteger(futureDays) || futureDays < 0)
    throw new Error('futureDays must be an integer >= 0');
  parseIsoDate(resolved.endDate);
  return resolved;
}
