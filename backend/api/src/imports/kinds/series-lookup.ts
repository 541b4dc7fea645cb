import type { FieldReader } from '../csv/field-reader';
import type { ColumnTypes } from '../../database/bulk/upsert-target';
import type { Lookups, SeriesDayKeys } from './kind-importer';
import { seriesKey } from './kind-importer';
import { clip } from '../csv/import-errors';

/** The key columns of every per-series daily fact (sales, inventory snapshots). */
export const SERIES_DATE_COLUMNS: ColumnTypes = {
  store_id: 'int',
  product_id: 'int',
  date: 'date',
};

/** Records the (series, day) pair; false (and an error on the row) when the file repeats it. */
export function claimSeriesDay(
  r: FieldReader,
  keys: SeriesDayKeys,
  ids: [number, number],
  day: number,
  date: string,
): boolean {
  if (keys.add(seriesKey(ids[0], ids[1]), day)) return true;
  r.fail(
    null,
    `${r.raw('store')},${r.raw('sku')},${date}`,
    'duplicate_key',
    'store, sku and date appear more than once in this file',
  );
  return false;
}

/** Resolves the store and sku columns to ids, reporting unknown codes. */
export function resolveSeries(
  r: FieldReader,
  lookups: Lookups,
): [number, number] | null {
  const store = r.text('store', { required: true });
  const sku = r.text('sku', { required: true });
  const storeId = store === null ? undefined : lookups.stores.get(store);
  const productId = sku === null ? undefined : lookups.products.get(sku);
  if (store !== null && storeId === undefined) {
    r.fail(
      'store',
      store,
      'unknown_store',
      `store "${clip(store)}" is not imported`,
    );
  }
  if (sku !== null && productId === undefined) {
    r.fail(
      'sku',
      sku,
      'unknown_product',
      `product "${clip(sku)}" is not imported`,
    );
  }
  return storeId === undefined || productId === undefined
    ? null
    : [storeId, productId];
}
