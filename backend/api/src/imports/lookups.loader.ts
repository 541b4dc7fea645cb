import type { ImportKind, SalesGrain } from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import { LOOKUP_NEEDS, Lookups } from './kinds';
import { seriesKey } from './kinds/kind-importer';

/** Loads the code → id maps an import kind needs, before its transaction starts. */
export async function loadLookups(
  dataSource: DataSource,
  kind: ImportKind,
): Promise<Lookups> {
  const needs = new Set(LOOKUP_NEEDS[kind]);
  const codes = async (sql: string) => {
    const rows: { code: string; id: number }[] = await dataSource.query(sql);
    return new Map(rows.map((r) => [r.code, Number(r.id)]));
  };
  const lookups: Lookups = {
    stores: needs.has('stores')
      ? await codes('SELECT code, id FROM stores')
      : new Map(),
    products: needs.has('products')
      ? await codes('SELECT sku AS code, id FROM products')
      : new Map(),
    suppliers: needs.has('suppliers')
      ? await codes('SELECT code, id FROM suppliers')
      : new Map(),
    seriesGrains: new Map(),
  };
  if (needs.has('seriesGrains')) {
    const rows: { store_id: number; product_id: number; grain: SalesGrain }[] =
      await dataSource.query(
        'SELECT store_id, product_id, grain FROM store_products',
      );
    lookups.seriesGrains = new Map(
      rows.map((r) => [
        seriesKey(Number(r.store_id), Number(r.product_id)),
        r.grain,
      ]),
    );
  }
  return lookups;
}
