import type { DataSource } from 'typeorm';
import { isoDay, sqlQuery, type SqlDate } from '../database/raw-sql';
import { stockoutRiskSql } from '../database/stockout-risk-sql';
import type { AlertInput } from './alert-types';

interface AtRiskRow {
  store_id: number;
  code: string;
  sku: string;
  stockout_date_p50: SqlDate | null;
  risk_reason: string | null;
}

const LISTED = 5;

/**
 * One alert per store with A-class items flagged "stock-out risk" in the latest recommendations:
 * the flag the inventory list shows (stored by the generator and on each decision, read through
 * {@link stockoutRiskSql}), so the alert and the list name the same lines.
 */
export async function stockoutRiskAlerts(
  dataSource: DataSource,
  today: string,
): Promise<AlertInput[]> {
  const rows = await sqlQuery<AtRiskRow>(
    dataSource,
    `SELECT r.store_id, st.code, p.sku, r.stockout_date_p50, r.risk_reason
       FROM recommendations r
       JOIN stores st ON st.id = r.store_id
       JOIN products p ON p.id = r.product_id
      WHERE r.run_id = (SELECT run_id FROM recommendations ORDER BY generated_at DESC, id DESC LIMIT 1)
        AND r.abc = 'A' AND ${stockoutRiskSql('r')} = 1
      ORDER BY r.store_id, COALESCE(r.lost_margin, 0) DESC, p.sku`,
  );
  const byStore = new Map<number, { code: string; items: string[] }>();
  for (const r of rows) {
    const store = Number(r.store_id);
    const entry = byStore.get(store) ?? { code: r.code, items: [] };
    const out =
      r.stockout_date_p50 === null ? null : isoDay(r.stockout_date_p50);
    const why = [out && `out ${out}`, r.risk_reason].filter(Boolean).join('; ');
    entry.items.push(why ? `${r.sku} (${why})` : r.sku);
    byStore.set(store, entry);
  }
  return [...byStore].map(([storeId, { code, items }]) => ({
    type: 'stockout_risk',
    dedupeKey: `stockout:${storeId}:${today}`,
    storeId,
    severity: 'critical',
    title: `${items.length} A-class item${items.length === 1 ? '' : 's'} at store ${code} may run out before the next delivery`,
    body: `Flagged "stock-out risk" in the latest recommendations (the order does not cover demand before the next delivery): ${items.slice(0, LISTED).join(', ')}${items.length > LISTED ? ` and ${items.length - LISTED} more` : ''}. Consider an expedited order or a transfer.`,
    link: `/inventory?store=${encodeURIComponent(code)}`,
    data: { storeId, items: items.length },
  }));
}
