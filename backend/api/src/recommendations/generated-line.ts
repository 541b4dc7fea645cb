import type {
  BulkColumn,
  BulkColumnType,
  BulkValue,
} from '../database/bulk/bulk-writer';

/**
 * The columns of a recommendation line that have one type whether generated or read back: all
 * but the dates and classes (text when written; read as the driver returns them, see
 * `RecommendationRow`). A type alias, not an interface, so rows built on it stay assignable to `Row`.
 */
export type LineFigures = {
  run_id: string;
  store_id: number;
  product_id: number;
  supplier_id: number | null;
  recommended_qty: number;
  final_qty: number;
  cases: number;
  case_pack: number;
  moq: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  inventory_position: number;
  on_hand: number;
  inbound: number;
  demand_mean: number;
  demand_sd: number;
  protection_periods: number;
  service_kind: string;
  service_level: number;
  days_of_cover: number | null;
  excess_units: number;
  excess_value: number;
  expiry_risk: number | null;
  unit_cost: number;
  /** The after-order risk (inventory-policy lineRisk); null on lines generated before it existed. */
  expected_lost_units: number | null;
  lost_margin: number | null;
  /** 1: the P50 projection with the order runs out before the next delivery. */
  stockout_risk: number | null;
  risk_reason: string | null;
  explanation: string;
  explanation_json: string;
};

/** One generated recommendation line, named by its column (generated_at and status are set by the merge). */
export interface GeneratedLine extends LineFigures {
  as_of: string;
  abc: string;
  xyz: string;
  stockout_date_p50: string | null;
  stockout_date_p90: string | null;
}

/**
 * The bulk writer's column types of a line, in the order it writes them. `satisfies` makes the
 * compiler check this list against {@link GeneratedLine}: no column missing, none extra.
 */
const COLUMN_TYPES = {
  run_id: 'text',
  store_id: 'int',
  product_id: 'int',
  supplier_id: 'int',
  as_of: 'date',
  recommended_qty: 'float',
  final_qty: 'float',
  cases: 'int',
  case_pack: 'int',
  moq: 'int',
  safety_stock: 'float',
  reorder_point: 'float',
  order_up_to: 'float',
  inventory_position: 'float',
  on_hand: 'float',
  inbound: 'float',
  demand_mean: 'float',
  demand_sd: 'float',
  protection_periods: 'float',
  service_kind: 'text',
  service_level: 'float',
  abc: 'text',
  xyz: 'text',
  stockout_date_p50: 'date',
  stockout_date_p90: 'date',
  days_of_cover: 'float',
  excess_units: 'float',
  excess_value: 'float',
  expiry_risk: 'float',
  unit_cost: 'float',
  expected_lost_units: 'float',
  lost_margin: 'float',
  stockout_risk: 'int',
  risk_reason: 'text',
  explanation: 'text',
  explanation_json: 'text',
} as const satisfies Record<keyof GeneratedLine, BulkColumnType>;

const NAMES = Object.keys(COLUMN_TYPES) as (keyof GeneratedLine)[];

/** Columns written per line, in the bulk writer's order. */
export const LINE_COLUMNS: readonly BulkColumn[] = NAMES.map((name) => ({
  name,
  type: COLUMN_TYPES[name],
}));

/** A line's values in {@link LINE_COLUMNS}' order (the bulk writer takes positions). */
export function linePositions(line: GeneratedLine): BulkValue[] {
  return NAMES.map((name) => line[name]);
}
