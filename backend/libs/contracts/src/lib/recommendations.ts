/** Replenishment recommendations and forecast overrides (issue 6). */

export const RECOMMENDATION_STATUSES = [
  'pending',
  'approved',
  'adjusted',
  'rejected',
  'superseded',
  'pending_approval',
] as const;
/**
 * `superseded`: a pending line of an older run after a newer run was generated.
 * `pending_approval`: an implausible adjustment (far above the suggestion or a large order value)
 * waiting for a second approval by a planner; it is not ordered until then.
 */
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export type AbcClassCode = 'A' | 'B' | 'C';
export type XyzClassCode = 'X' | 'Y' | 'Z';
export type ServiceKind = 'fill-rate' | 'cycle-service';

export const RECOMMENDATION_RISKS = ['stockout', 'excess', 'none'] as const;
/**
 * stockout: the P50 projection with the order still runs out before the next delivery (lines
 * generated before that was stored: the P50 projection without the order runs out within the
 * horizon); excess: stock above order-up-to + cover.
 */
export type RecommendationRisk = (typeof RECOMMENDATION_RISKS)[number];

/**
 * Why a line stays at risk after ordering: the order arrives after the stock-out (lead time), the
 * maximum stock capped it, or the quantity does not last until the next delivery.
 */
export type RiskReason = 'lead-time' | 'max-stock' | 'short-order';

export const RECOMMENDATION_SORTS = [
  'store',
  'sku',
  'recommendedQty',
  'finalQty',
  'excessValue',
  'valueAtRisk',
  'lostUnits',
  'daysOfCover',
  'stockoutDate',
  'abc',
  'status',
] as const;
export type RecommendationSort = (typeof RECOMMENDATION_SORTS)[number];

/** Filters of GET /api/recommendations and POST /api/recommendations/bulk-approve. */
export interface RecommendationFilters {
  /** Store code. */
  store?: string;
  /** Region of the stores (stores.region). */
  region?: string;
  /** Category path prefix, e.g. `dairy` or `dairy/milk`. */
  category?: string;
  abc?: AbcClassCode;
  xyz?: XyzClassCode;
  risk?: RecommendationRisk;
  status?: RecommendationStatus;
  /** Matches SKU, product name or store code (case-insensitive substring). */
  search?: string;
  /** Default: the most recently generated run. */
  runId?: string;
}

export interface RecommendationLine {
  id: number;
  runId: string;
  generatedAt: string;
  asOf: string;
  store: string;
  storeName: string;
  sku: string;
  productName: string;
  category: string;
  supplier: string | null;
  status: RecommendationStatus;
  risk: RecommendationRisk;
  recommendedQty: number;
  finalQty: number;
  cases: number;
  casePack: number;
  moq: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  inventoryPosition: number;
  onHand: number;
  inbound: number;
  /** Demand over the protection interval (lead time + review period). */
  demandMean: number;
  demandSd: number;
  protectionPeriods: number;
  serviceKind: ServiceKind;
  serviceLevel: number;
  abc: AbcClassCode;
  xyz: XyzClassCode;
  stockoutDateP50: string | null;
  stockoutDateP90: string | null;
  daysOfCover: number | null;
  excessUnits: number;
  excessValue: number;
  expiryRisk: number | null;
  unitCost: number;
  /** Expected units lost before the next delivery with the order (null: generated before it existed). */
  expectedLostUnits: number | null;
  /** Those units at the unit margin (price − cost): the value at risk the list sorts by. */
  lostMargin: number | null;
  /** Why the line stays at risk after ordering (null when the order covers P50 demand). */
  riskReason: RiskReason | null;
  /** The explanation in English, as generated (the fallback when `explanationFacts` is null). */
  explanation: string;
  /** The explanation's numbers, so clients can write it in their own language. */
  explanationFacts: ExplanationFacts | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  /** The planner who gave the second approval of a large adjustment (null when none was needed). */
  approvedBy: string | null;
  approvedAt: string | null;
}

/** Every number of a recommendation's explanation (the policy library's breakdown, trimmed). */
export interface ExplanationFacts {
  decision: 'order' | 'no-order' | 'blocked-by-max-stock';
  orderQuantity: number;
  cases: number;
  casePack: number;
  moq: number;
  maxStock: number | null;
  /** Which limits changed the quantity: 'moq', 'max-stock' (others may be added). */
  limits: string[];
  periodUnit: 'day' | 'week';
  leadTime: number;
  protectionPeriods: number;
  demandMean: number;
  demandSd: number;
  service: { kind: ServiceKind; level: number };
  /** Whether the line was sized for lost sales or backorders (null: lines sized before the setting). */
  unmetDemand?: 'lost-sales' | 'backorder' | null;
  safetyStock: number;
  reorderPoint: number;
  onHand: number;
  backorders: number;
  inbound: number;
  inboundBeyondProtection: number;
  protectedPosition: number;
  requirement: number;
  stockOutPeriod: number | null;
  stockOutDate: string | null;
  excessStock: number;
  excessCoverPeriods: number;
  shelfLife: number | null;
  expiryRisk: number | null;
  /** The after-order risk (absent on lines generated before it existed). */
  riskReason?: RiskReason | null;
  riskStockOutPeriod?: number | null;
  riskStockOutDate?: string | null;
  nextDeliveryPeriod?: number | null;
  nextDeliveryDate?: string | null;
}

/** One day of the projected-stock chart. */
export interface ProjectedStockPoint {
  date: string | null;
  /** Closing stock with the line's final quantity ordered. */
  onHand: number;
  onHandWithoutOrder: number;
  inbound: number;
  recommendedArrival: number;
  forecast: number;
  forecastP90: number;
  reorderPoint: number;
  safetyStock: number;
}

export interface RecommendationDetail extends RecommendationLine {
  /** The library's breakdown (every number of the explanation, decision and limit codes). */
  breakdown: Record<string, unknown>;
  projection: ProjectedStockPoint[];
  /** The projection with the line's final quantity, to the next delivery. */
  afterOrder: AfterOrderRisk;
}

/** What the final quantity leaves at risk (computed when the detail is read, from the run's forecast). */
export interface AfterOrderRisk {
  orderQuantity: number;
  /** The day the order arrives (lead time) and the day the next one would. */
  arrivalDate: string;
  nextDeliveryDate: string;
  /** First day before the next delivery whose P50 demand the stock with the order cannot serve. */
  stockOutDate: string | null;
  reason: RiskReason | null;
  expectedLostUnits: number;
  lostMargin: number;
  /** Lead time in days. */
  leadTimeDays: number;
}

export interface RegenerateResult {
  runId: string | null;
  /** true: generation continues in the background (large sets); progress is logged. */
  async: boolean;
  lines: number;
  superseded: number;
  durationMs: number | null;
}

export const DECISION_ACTIONS = [
  'approve',
  'reject',
  'adjust',
  'bulk_approve',
  'second_approval',
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** One change of a line's decision (GET /api/recommendations/:id/history), oldest first. */
export interface DecisionHistoryEntry {
  id: number;
  action: DecisionAction;
  fromStatus: RecommendationStatus;
  toStatus: RecommendationStatus;
  fromQty: number;
  toQty: number;
  actor: string | null;
  at: string;
  reason: string | null;
}

/**
 * The plausibility limits of adjustments: above `maxMultiple` × the suggestion (at least one case
 * pack or the MOQ) or an order value above `maxOrderValue`, an adjustment needs a reason and a
 * second approval by a planner. Sent in the details of a `reason_required` error.
 */
export interface AdjustmentLimits {
  maxMultiple: number;
  maxOrderValue: number;
}

export interface DecisionResult {
  updated: number;
  ids: number[];
}

/** GET /api/recommendations/:id/what-if: the policy replayed on the series' own history. */
export interface WhatIfResult {
  serviceLevel: number;
  serviceKind: ServiceKind;
  periods: number;
  fillRate: number;
  cycleServiceLevel: number;
  averageOnHand: number;
  orders: number;
  orderedUnits: number;
  /** The decision today at that service level (same inputs as the line). */
  reorderPoint: number;
  safetyStock: number;
  orderQuantity: number;
}

export const OVERRIDE_MODES = ['per_period', 'total'] as const;
/** per_period: the value replaces each period's forecast; total: spread over the range like the baseline. */
export type OverrideMode = (typeof OVERRIDE_MODES)[number];

export interface CreateOverrideRequest {
  store: string;
  sku: string;
  startDate: string;
  endDate: string;
  mode: OverrideMode;
  value: number;
  reason: string;
}

export interface ForecastOverrideDto {
  id: number;
  store: string;
  sku: string;
  startDate: string;
  endDate: string;
  mode: OverrideMode;
  value: number;
  reason: string;
  user: string | null;
  createdAt: string;
  runId: string | null;
  baselineTotal: number;
  finalTotal: number;
  /** Per date: the captured baseline P50 and the final value. */
  periods: { date: string; baseline: number; final: number }[];
}

/** Forecast value added of one user's overrides in one store (positive: the overrides helped). */
export interface ValueAddedRow {
  user: string | null;
  store: string;
  overrides: number;
  /** Override days with actual sales. */
  evaluatedPeriods: number;
  actual: number;
  wapeBaseline: number | null;
  wapeFinal: number | null;
  /** wapeBaseline − wapeFinal. */
  valueAdded: number | null;
}
