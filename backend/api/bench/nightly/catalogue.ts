import { NOT_CARRIED_SHARE } from '@shelfcast/demo-data';

/** Days of daily sales history of the bench catalogue. */
export const HISTORY_DAYS = 365;

export interface CatalogueSize {
  stores: number;
  products: number;
  days: number;
  seed: number;
}

/**
 * The demo generator scaled to about `series` store × product series: up to 500 products (a
 * mid-size chain's range), then as many stores as needed. Every store but the first leaves out
 * NOT_CARRIED_SHARE of the range, so the carried count is slightly off `series`; the bench
 * records the real count.
 */
export function catalogueFor(series: number): CatalogueSize {
  const products = Math.min(500, Math.max(10, Math.ceil(Math.sqrt(series))));
  const carriedPerStore = products * (1 - NOT_CARRIED_SHARE);
  const stores = Math.max(
    1,
    Math.round((series - products) / carriedPerStore) + 1,
  );
  return { stores, products, days: HISTORY_DAYS, seed: 1 };
}
