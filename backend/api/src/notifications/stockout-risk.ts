import type { DataSource } from 'typeorm';
import { addDays } from '../common/dates';
import { isoDay, sqlQuery, type SqlDate } from '../database/raw-sql';
import type { AlertInput } from './alert-types';

interface AtRiskRow {
  store_id: number;
  code: string;
  sku: string;
  as_of: SqlDate;
  stockout_date_p50: SqlDate;
  lead_days: number | null;
}

/** Lead time assumed for products without a supplier. */
const DEFAULT_LEAD_DAYS = 7;
const LISTED = 5;

/**
 * One alert per store whose A-class items are expected (P50) to run out before an order placed
 * today could arrive (the recommendation's as-of day plus the supplier's mean lead time), from the
 * latest recommendations.
 */
export async function stockoutRiskAlerts(
  dataSource: DataSource,
  today: string,
): Promise<AlertInput[]> {
  const rows = await sqlQuery<AtRiskRow>(
    dataSource,
    `SELECT r.store_id, st.code, p.sku, r.as_of, r.stockout_date_p50, su.lead_time_mean_days AS lead_days
       FROM recommendations r
       JOIN stores st ON st.id = r.store_id
       JOIN products p ON p.id = r.product_id
       LEFT JOIN suppliers su ON su.id = r.supplier_id
      WHERE r.run_id = (SELECT run_id FROM recommendations ORDER BY generated_at DESC, id DESC LIMIT 1)
        AND r.abc = 'A' AND r.stockout_date_p50 IS NOT NULL
      ORDER BY r.store_id, r.stockout_date_p50, p.sku`,
  );
  const byStore = new Map<number, { code: string; items: string[] }>();
  for (const r of rows) {
    const stockout = isoDay(r.stockout_date_p50);
    const delivery = addDays(
      isoDay(r.as_of),
      Math.ceil(Number(r.lead_days ?? DEFAULT_LEAD_DAYS)),
    );
    if (stockout >= delivery) continue;
    const store = Number(r.store_id);
    const entry = byStore.get(store) ?? { code: r.code, items: [] };
    entry.items.push(`${r.sku} (out ${stockout})`);
    byStore.set(store, entry);
  }
  return [...byStore].map(([storeId, { code, items }]) => ({
    type: 'stockout_risk',
    dedupeKey: `stockout:${storeId}:${today}`,
    storeId,
    severity: 'critical',
    title: `${items.length} A-class item${items.length === 1 ? '' : 's'} at store ${code} may run out before the next delivery`,
    body: `Expected to run out before an order placed today arrives: ${items.slice(0, LISTED).join(', ')}${items.length > LISTED ? ` and ${items.length - LISTED} more` : ''}. Consider an expedited order or a transfer.`,
    link: `/inventory?store=${encodeURIComponent(code)}`,
    data: { storeId, items: items.length },
  }));
}
