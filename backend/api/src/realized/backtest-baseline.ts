import type { DataSource } from 'typeorm';
import { sqlQuery } from '../database/raw-sql';

interface BacktestRow {
  level: string;
  level_key: string;
  wape: number | null;
}

interface StoreCodeRow {
  id: number;
  code: string;
}

/**
 * The serving run's backtest WAPE at chain, store and category level, keyed
 * `<realized level>\u0000<scope key>` like the realized sums (stores by id, not code); null when
 * nothing serves.
 */
export async function servingBacktestWapes(
  dataSource: DataSource,
): Promise<Map<string, number> | null> {
  const rows = await sqlQuery<BacktestRow>(
    dataSource,
    `SELECT m.level, m.level_key, m.wape FROM run_metrics m
       JOIN serving s ON s.run_id = m.run_id AND s.id = 1`,
  );
  if (!rows.length) return null;
  const stores = new Map(
    (
      await sqlQuery<StoreCodeRow>(dataSource, 'SELECT id, code FROM stores')
    ).map((s) => [s.code, String(s.id)]),
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.wape === null) continue;
    if (r.level === 'overall') out.set('chain\u0000', Number(r.wape));
    else if (r.level === 'store')
      out.set(
        `store\u0000${stores.get(r.level_key) ?? r.level_key}`,
        Number(r.wape),
      );
    else if (r.level === 'category')
      out.set(`category\u0000${r.level_key}`, Number(r.wape));
  }
  return out;
}
