import type { OverviewScope } from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import {
  assertStoreInScope,
  type StoreScope,
  storeScopeSql,
} from '../common/identity/store-scope';
import { AuthException } from '../common/identity/auth.exception';
import { sqlQuery } from '../database/raw-sql';
import { OverviewException } from './overview.exception';

/**
 * A resolved scope as a WHERE fragment over any table with `store_id` and `product_id` columns
 * (sales, forecast_values, forecast_run_series, recommendations), the reader's stores included.
 */
export interface ScopeFilter {
  /** `AND …` for the table aliased `alias`. */
  sql(alias: string): string;
  params: readonly unknown[];
}

function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (c) => `!${c}`);
}

export async function resolveScope(
  ds: DataSource,
  scope: OverviewScope,
  key: string,
  reader: StoreScope,
): Promise<ScopeFilter> {
  if (scope === 'chain') {
    if (key)
      throw new OverviewException(
        'invalid',
        'key is not used with scope=chain (leave it out)',
      );
    return {
      sql: (a) => `AND ${storeScopeSql(`${a}.store_id`, reader)}`,
      params: [],
    };
  }
  if (!key)
    throw new OverviewException(
      'invalid',
      `scope=${scope} needs key (${scope === 'region' ? 'a region name' : scope === 'store' ? 'a store code' : 'a category path'})`,
    );
  if (scope === 'store') {
    const [s] = await sqlQuery(ds, 'SELECT id FROM stores WHERE code = ?', [
      key,
    ]);
    if (!s) throw new OverviewException('not_found', `Unknown store ${key}`);
    const id = Number(s['id']);
    assertStoreInScope(reader, id);
    return { sql: (a) => `AND ${a}.store_id = ?`, params: [id] };
  }
  if (scope === 'region') {
    const stores = await sqlQuery(
      ds,
      'SELECT id FROM stores WHERE region = ?',
      [key],
    );
    if (!stores.length)
      throw new OverviewException('not_found', `Unknown region ${key}`);
    const visible = stores
      .map((s) => Number(s['id']))
      .filter((id) => reader.kind === 'all' || reader.storeIds.includes(id));
    if (!visible.length)
      throw new AuthException(
        'forbidden',
        `No store of region ${key} is assigned to you`,
      );
    return {
      sql: (a) =>
        `AND ${a}.store_id IN (SELECT id FROM stores WHERE region = ?) AND ${storeScopeSql(`${a}.store_id`, reader)}`,
      params: [key],
    };
  }
  const like = `${escapeLike(key)}/%`;
  const [n] = await sqlQuery(
    ds,
    "SELECT COUNT(*) AS n FROM products WHERE category_path = ? OR category_path LIKE ? ESCAPE '!'",
    [key, like],
  );
  if (Number(n?.['n'] ?? 0) === 0)
    throw new OverviewException('not_found', `Unknown category ${key}`);
  return {
    sql: (a) =>
      `AND ${a}.product_id IN (SELECT id FROM products WHERE category_path = ? OR category_path LIKE ? ESCAPE '!') AND ${storeScopeSql(`${a}.store_id`, reader)}`,
    params: [key, like],
  };
}

/** Stores the filter covers (for the "n stores" line). */
export async function storeCount(
  ds: DataSource,
  scope: OverviewScope,
  key: string,
  reader: StoreScope,
): Promise<number> {
  const where = [storeScopeSql('s.id', reader)];
  const params: unknown[] = [];
  if (scope === 'store' || scope === 'region') {
    where.push(scope === 'store' ? 's.code = ?' : 's.region = ?');
    params.push(key);
  }
  const [r] = await sqlQuery(
    ds,
    `SELECT COUNT(*) AS n FROM stores s WHERE ${where.join(' AND ')}`,
    params,
  );
  return Number(r?.['n'] ?? 0);
}
