import type { FieldReader } from '../csv/field-reader';
import type { Lookups } from './kind-importer';

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
    r.fail('store', store, 'unknown_store', `store "${store}" is not imported`);
  }
  if (sku !== null && productId === undefined) {
    r.fail('sku', sku, 'unknown_product', `product "${sku}" is not imported`);
  }
  return storeId === undefined || productId === undefined
    ? null
    : [storeId, productId];
}
