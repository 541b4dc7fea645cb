import type {
  RecommendationLine,
  RecommendationRisk,
  RecommendationStatus,
} from '@shelfcast/contracts';
import { explanationFactsOf } from './explanation-facts';
import { day, type Row } from './series-inputs';
import { numOrNull, utcTimestamp } from '../database/raw-sql';

/** One recommendation with its store, product and supplier (every line read starts here). */
export const LINE_SELECT = `SELECT r.*, s.code AS store_code, s.name AS store_name, p.sku, p.name AS product_name,
       p.category_path, su.code AS supplier_code, su.name AS supplier_name
  FROM recommendations r
  JOIN stores s ON s.id = r.store_id
  JOIN products p ON p.id = r.product_id
  LEFT JOIN suppliers su ON su.id = r.supplier_id`;

/** A row of {@link LINE_SELECT} (numbers may come back as text from PostgreSQL, dates as Date or text). */
export interface LineRow {
  id: number | string;
  run_id: string;
  store_id: number | string;
  product_id: number | string;
  generated_at: Date | string;
  as_of: Date | string;
  status: RecommendationStatus;
  recommended_qty: number | string;
  final_qty: number | string;
  cases: number | string;
  case_pack: number | string;
  moq: number | string;
  safety_stock: number | string;
  reorder_point: number | string;
  order_up_to: number | string;
  inventory_position: number | string;
  on_hand: number | string;
  inbound: number | string;
  demand_mean: number | string;
  demand_sd: number | string;
  protection_periods: number | string;
  service_kind: string;
  service_level: number | string;
  abc: RecommendationLine['abc'];
  xyz: RecommendationLine['xyz'];
  stockout_date_p50: Date | string | null;
  stockout_date_p90: Date | string | null;
  days_of_cover: number | string | null;
  excess_units: number | string;
  excess_value: number | string;
  expiry_risk: number | string | null;
  unit_cost: number | string;
  explanation: string;
  explanation_json: string | null;
  decided_by_id: number | string | null;
  decided_by: string | null;
  decided_at: Date | string | null;
  reason: string | null;
  approved_by_id: number | string | null;
  approved_by: string | null;
  approved_at: Date | string | null;
  store_code: string;
  store_name: string;
  sku: string;
  product_name: string;
  category_path: string;
  supplier_code: string | null;
  supplier_name: string | null;
}

/** A timestamp column as ISO-8601 (`YYYY-MM-DD HH:MM:SS` text is read as UTC). */
export function iso(v: unknown): string {
  return (utcTimestamp(v) ?? new Date(Number.NaN)).toISOString();
}

function riskOf(r: LineRow): RecommendationRisk {
  if (r.stockout_date_p50 !== null) return 'stockout';
  return Number(r.excess_units) > 0 ? 'excess' : 'none';
}

/** A line read with {@link LINE_SELECT}, as the API returns it. */
export function toLine(row: LineRow | Row): RecommendationLine {
  const r = row as LineRow;
  return {
    id: Number(r.id),
    runId: String(r.run_id),
    generatedAt: iso(r.generated_at),
    asOf: day(r.as_of),
    store: String(r.store_code),
    storeName: String(r.store_name),
    sku: String(r.sku),
    productName: String(r.product_name),
    category: String(r.category_path),
    supplier: r.supplier_code ?? null,
    status: r.status,
    risk: riskOf(r),
    recommendedQty: Number(r.recommended_qty),
    finalQty: Number(r.final_qty),
    cases: Number(r.cases),
    casePack: Number(r.case_pack),
    moq: Number(r.moq),
    safetyStock: Number(r.safety_stock),
    reorderPoint: Number(r.reorder_point),
    orderUpTo: Number(r.order_up_to),
    inventoryPosition: Number(r.inventory_position),
    onHand: Number(r.on_hand),
    inbound: Number(r.inbound),
    demandMean: Number(r.demand_mean),
    demandSd: Number(r.demand_sd),
    protectionPeriods: Number(r.protection_periods),
    serviceKind:
      r.service_kind === 'cycle-service' ? 'cycle-service' : 'fill-rate',
    serviceLevel: Number(r.service_level),
    abc: r.abc,
    xyz: r.xyz,
    stockoutDateP50: r.stockout_date_p50 ? day(r.stockout_date_p50) : null,
    stockoutDateP90: r.stockout_date_p90 ? day(r.stockout_date_p90) : null,
    daysOfCover: numOrNull(r.days_of_cover),
    excessUnits: Number(r.excess_units),
    excessValue: Number(r.excess_value),
    expiryRisk: numOrNull(r.expiry_risk),
    unitCost: Number(r.unit_cost),
    explanation: String(r.explanation),
    explanationFacts: explanationFactsOf(r.explanation_json),
    decidedBy: r.decided_by ?? null,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    reason: r.reason ?? null,
    approvedBy: r.approved_by ?? null,
    approvedAt: r.approved_at ? iso(r.approved_at) : null,
  };
}
