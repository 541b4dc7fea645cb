import type { RecommendationRow } from '../../recommendations/recommendation-line';
import type {
  ReportColumn,
  ReportRow,
} from '../../common/tabular/report-types';
import { day, num, when } from './report-context';

/** A recommendation line as the report sections read it: the line, its names and its store's region. */
export interface ReportLineRow extends RecommendationRow {
  region: string;
}

/** One recommendation line as a report row, and its columns. */
export const LINE_COLUMNS: ReportColumn[] = [
  { key: 'store', header: 'store_code', type: 'text' },
  { key: 'storeName', header: 'store_name', type: 'text', width: 22 },
  { key: 'region', header: 'region', type: 'text' },
  { key: 'sku', header: 'sku', type: 'text' },
  { key: 'product', header: 'product_name', type: 'text', width: 26 },
  { key: 'category', header: 'category', type: 'text', width: 22 },
  { key: 'supplier', header: 'supplier_code', type: 'text' },
  { key: 'abc', header: 'abc', type: 'text', width: 6 },
  { key: 'xyz', header: 'xyz', type: 'text', width: 6 },
  { key: 'status', header: 'status', type: 'text' },
  { key: 'asOf', header: 'as_of', type: 'date' },
  { key: 'onHand', header: 'on_hand', type: 'number' },
  { key: 'inbound', header: 'inbound', type: 'number' },
  { key: 'reorderPoint', header: 'reorder_point', type: 'number' },
  { key: 'safetyStock', header: 'safety_stock', type: 'number' },
  { key: 'recommended', header: 'recommended_qty', type: 'number' },
  { key: 'final', header: 'final_qty', type: 'number' },
  { key: 'cases', header: 'cases', type: 'integer' },
  { key: 'unitCost', header: 'unit_cost', type: 'number', money: true },
  { key: 'value', header: 'order_value', type: 'number', money: true },
  {
    key: 'serviceLevel',
    header: 'service_level',
    type: 'number',
    numFmt: '0.0%',
  },
  { key: 'stockout', header: 'stockout_date_p50', type: 'date' },
  { key: 'cover', header: 'days_of_cover', type: 'number', numFmt: '0.0' },
  { key: 'excessUnits', header: 'excess_units', type: 'number' },
  { key: 'excessValue', header: 'excess_value', type: 'number', money: true },
  { key: 'decidedBy', header: 'decided_by', type: 'text', width: 24 },
  { key: 'decidedAt', header: 'decided_at', type: 'datetime', width: 18 },
  { key: 'reason', header: 'reason', type: 'text', width: 30 },
];

export function lineRow(r: ReportLineRow): ReportRow {
  const finalQty = num(r.final_qty) ?? 0;
  const unitCost = num(r.unit_cost) ?? 0;
  return [
    String(r.store_code),
    String(r.store_name),
    String(r.region ?? ''),
    String(r.sku),
    String(r.product_name),
    String(r.category_path),
    r.supplier_code ?? null,
    String(r.abc),
    String(r.xyz),
    String(r.status),
    day(r.as_of),
    num(r.on_hand),
    num(r.inbound),
    num(r.reorder_point),
    num(r.safety_stock),
    num(r.recommended_qty),
    finalQty,
    num(r.cases),
    unitCost,
    finalQty * unitCost,
    num(r.service_level),
    day(r.stockout_date_p50),
    num(r.days_of_cover),
    num(r.excess_units),
    num(r.excess_value),
    r.decided_by ?? null,
    when(r.decided_at),
    r.reason ?? null,
  ];
}

/** The purchase-order layout: supplier first, one line per store × product to order. */
export const PO_COLUMNS: ReportColumn[] = [
  { key: 'supplier', header: 'supplier_code', type: 'text' },
  { key: 'supplierName', header: 'supplier_name', type: 'text', width: 24 },
  { key: 'store', header: 'store_code', type: 'text' },
  { key: 'storeName', header: 'store_name', type: 'text', width: 22 },
  { key: 'sku', header: 'sku', type: 'text' },
  { key: 'product', header: 'product_name', type: 'text', width: 26 },
  { key: 'quantity', header: 'quantity', type: 'number' },
  { key: 'cases', header: 'cases', type: 'integer' },
  { key: 'casePack', header: 'case_pack', type: 'integer' },
  { key: 'unitCost', header: 'unit_cost', type: 'number', money: true },
  { key: 'value', header: 'line_value', type: 'number', money: true },
  { key: 'status', header: 'status', type: 'text' },
  { key: 'approvedBy', header: 'approved_by', type: 'text', width: 24 },
  { key: 'approvedAt', header: 'approved_at', type: 'datetime', width: 18 },
  { key: 'reason', header: 'reason', type: 'text', width: 30 },
];

export function poRow(r: ReportLineRow): ReportRow {
  const q = num(r.final_qty) ?? 0;
  const cost = num(r.unit_cost) ?? 0;
  return [
    r.supplier_code ?? null,
    r.supplier_name ?? null,
    String(r.store_code),
    String(r.store_name),
    String(r.sku),
    String(r.product_name),
    q,
    num(r.cases),
    num(r.case_pack),
    cost,
    q * cost,
    String(r.status),
    r.decided_by ?? null,
    when(r.decided_at),
    r.reason ?? null,
  ];
}
