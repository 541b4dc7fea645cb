import type { DataSource } from 'typeorm';
import { sqlQuery } from '../database/raw-sql';

interface SeriesRow {
  store_id: number;
  product_id: number;
}

/**
 * The `store:product` keys of the series sold by the week (`store_products.grain`); every other
 * series is daily here. Read once per freeze or scoring instead of joined to each point (weekly
 * assortments are the few).
 */
export async function weeklySeries(
  dataSource: DataSource,
): Promise<Set<string>> {
  const rows = await sqlQuery<SeriesRow>(
    dataSource,
    "SELECT store_id, product_id FROM store_products WHERE grain = 'week'",
  );
  return new Set(rows.map((r) => `${r.store_id}:${r.product_id}`));
}
