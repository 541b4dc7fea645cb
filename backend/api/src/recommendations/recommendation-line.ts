import type {
  AbcClassCode,
  RecommendationLine,
  RecommendationRisk,
  RecommendationStatus,
  XyzClassCode,
} from '@shelfcast/contracts';
import { explanationFactsOf, riskReasonOf } from './explanation-facts';
import type { LineFigures } from './generated-line';
import {
  isoDay,
  numOrNull,
  type Row,
  type SqlDate,
  utcTimestamp,
} from '../database/raw-sql';

/** One recommendation with its store, product and supplier (every line read starts here). */
export const LINE_SELECT = `SELECT r.*, s.code AS store_code, s.name AS store_name, p.sku, p.name AS product_name,
       p.category_path, p.regular_price, su.code AS supplier_code, su.name AS supplier_name
  FROM recommendations r
  JOIN stores s ON s.id = r.store_id
  JOIN products p ON p.id = r.product_id
  LEFT JOIN suppliers su ON su.id = r.supplier_id`;

/**
 * A row of {@link LINE_SELECT}: every recommendations column and the joined names. (A type alias,
 * not an interface, so it stays assignable to the untyped `Row` some callers still cast it to.)
 * The {@link LineFigures} are the columns it shares, type for type, with a generated line.
 */
export type RecommendationRow = LineFigures & {
  id: number;
  generated_at: SqlDate;
  as_of: SqlDate;
  status: RecommendationStatus;
  abc: AbcClassCode;
  xyz: XyzClassCode;
  stockout_date_p50: SqlDate | null;
  stockout_date_p90: SqlDate | null;
  decided_by_id: number | null;
  decided_by: string | null;
  decided_at: SqlDate | null;
  reason: string | null;
  approved_by_id: number | null;
  approved_by: string | null;
  approved_at: SqlDate | null;
  store_code: string;
  store_name: string;
  sku: string;
  product_name: string;
  category_path: string;
  regular_price: number | null;
  supplier_code: string | null;
  supplier_name: string | null;
};

/** A timestamp column as ISO-8601 (`YYYY-MM-DD HH:MM:SS` text is read as UTC). */
export function iso(v: unknown): string {
  return (utcTimestamp(v) ?? new Date(Number.NaN)).toISOString();
}

/** The same row under the name the decision code uses. */
export type LineRow = RecommendationRow;

/** The rule of database/stockout-risk-sql.ts: the stored after-order flag, else the old P50 date. */
function riskOf(r: RecommendationRow): RecommendationRisk {
  const flagged =
    r.stockout_risk === null
      ? r.stockout_date_p50 !== null
      : Number(r.stockout_risk) === 1;
  if (flagged) return 'stockout';
  return Number(r.excess_units) > 0 ? 'excess' : 'none';
}

export function toLine(r: RecommendationRow): RecommendationLine;
/** @deprecated An untyped row, for callers not yet reading {@link RecommendationRow}. */
export function toLine(r: Row): RecommendationLine;
export function toLine(row: RecommendationRow | Row): RecommendationLine {
  const r = row as RecommendationRow;
  return {
    id: Number(r.id),
    runId: String(r.run_id),
    generatedAt: iso(r.generated_at),
    asOf: isoDay(r.as_of),
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
    stockoutDateP50: r.stockout_date_p50 ? isoDay(r.stockout_date_p50) : null,
    stockoutDateP90: r.stockout_date_p90 ? isoDay(r.stockout_date_p90) : null,
    daysOfCover: numOrNull(r.days_of_cover),
    excessUnits: Number(r.excess_units),
    excessValue: Number(r.excess_value),
    expiryRisk: numOrNull(r.expiry_risk),
    unitCost: Number(r.unit_cost),
    expectedLostUnits: numOrNull(r.expected_lost_units),
    lostMargin: numOrNull(r.lost_margin),
    riskReason: riskReasonOf(r.risk_reason),
    explanation: String(r.explanation),
    explanationFacts: explanationFactsOf(r.explanation_json),
    decidedBy: r.decided_by ?? null,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    reason: r.reason ?? null,
    approvedBy: r.approved_by ?? null,
    approvedAt: r.approved_at ? iso(r.approved_at) : null,
  };
}
