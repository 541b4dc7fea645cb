import type { RecommendationStatus } from '@shelfcast/contracts';
import { type FactoryDb, idOf, insertRows, type SqlValue } from './factory-db';

export interface RecommendationSeed {
  runId: string;
  store: string;
  sku: string;
  /** Default '2026-11-28 03:00:00'. */
  generatedAt?: string;
  /** Default '2026-11-27'. */
  asOf?: string;
  /** Default 'pending'. */
  status?: RecommendationStatus;
  /** The P50 stock-out day (default none). */
  stockoutDate?: string | null;
  /** Default 0. */
  excessValue?: number;
}

const COLUMNS = [
  'run_id',
  'store_id',
  'product_id',
  'generated_at',
  'as_of',
  'status',
  'stockout_date_p50',
  'excess_value',
  // The policy's figures: all zero (one protection period, 95 % fill rate, class A/X).
  'recommended_qty',
  'final_qty',
  'safety_stock',
  'reorder_point',
  'order_up_to',
  'inventory_position',
  'on_hand',
  'inbound',
  'demand_mean',
  'demand_sd',
  'protection_periods',
  'service_kind',
  'service_level',
  'abc',
  'xyz',
  'explanation',
  'explanation_json',
];
const ZERO_POLICY: SqlValue[] = [
  ...Array<number>(10).fill(0),
  1,
  'fill-rate',
  0.95,
  'A',
  'X',
  'test',
  '{}',
];

/** Recommendation lines by store code and SKU, with a zero policy (quantities and stock 0). */
export async function createRecommendations(
  t: FactoryDb,
  lines: readonly RecommendationSeed[],
): Promise<void> {
  const rows: SqlValue[][] = [];
  for (const l of lines)
    rows.push([
      l.runId,
      await idOf(t, 'stores', 'code', l.store),
      await idOf(t, 'products', 'sku', l.sku),
      l.generatedAt ?? '2026-11-28 03:00:00',
      l.asOf ?? '2026-11-27',
      l.status ?? 'pending',
      l.stockoutDate ?? null,
      l.excessValue ?? 0,
      ...ZERO_POLICY,
    ]);
  await insertRows(t, 'recommendations', COLUMNS, rows);
}
