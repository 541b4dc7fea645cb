import { explain } from './explanation';
import { lineRisk, type RiskReason } from './line-risk';
import { OrderLimit } from './order-quantity';
import { computePolicy, PolicyInput } from './policy';
import {
  addPeriods,
  coverage,
  inboundByPeriod,
  projectStock,
  ProjectionPoint,
} from './projection';
import { periodMoments } from './quantile-moments';
import { DemandDistribution, PeriodUnit, ServiceTarget } from './types';

export interface RecommendationInput extends PolicyInput {
  /** Shelf life in periods; enables the expiry-risk estimate. */
  readonly shelfLife?: number;
  /** Stock above order-up-to plus this many periods of mean demand is excess. Default 28 days or 4 weeks. */
  readonly excessCoverPeriods?: number;
  /** Default 'day'. */
  readonly periodUnit?: PeriodUnit;
  /** ISO date (YYYY-MM-DD) of period 0; turns stock-out periods into dates. */
  readonly asOf?: string;
  /** Length of the projected series. Default: the forecast horizon, at least the protection interval. */
  readonly projectionPeriods?: number;
}

export type Decision = 'order' | 'no-order' | 'blocked-by-max-stock';

/** Every number the sentence uses, so the dashboard can render it in any language. */
export interface RecommendationBreakdown {
  readonly decision: Decision;
  readonly orderQuantity: number;
  readonly cases: number;
  readonly casePack: number;
  readonly moq: number;
  readonly maxStock: number | null;
  readonly limits: readonly OrderLimit[];
  readonly periodUnit: PeriodUnit;
  readonly leadTime: number;
  readonly leadTimeSd: number;
  readonly reviewPeriod: number;
  readonly protectionPeriods: number;
  readonly demandMean: number;
  readonly demandSd: number;
  readonly distribution: DemandDistribution;
  readonly service: ServiceTarget;
  /** Whether unmet demand was planned as lost or backordered; null when the input left the textbook default. */
  readonly unmetDemand: 'lost-sales' | 'backorder' | null;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly orderUpTo: number;
  readonly expectedCycleService: number;
  readonly expectedFillRate: number;
  readonly onHand: number;
  readonly backorders: number;
  readonly inbound: number;
  readonly inboundBeyondProtection: number;
  readonly inventoryPosition: number;
  readonly protectedPosition: number;
  readonly requirement: number;
  readonly stockOutPeriod: number | null;
  readonly stockOutDate: string | null;
  readonly pessimisticStockOutPeriod: number | null;
  readonly pessimisticStockOutDate: string | null;
  readonly coverPeriods: number | null;
  readonly excessStock: number;
  readonly excessCoverPeriods: number;
  readonly shelfLife: number | null;
  /** Units the median forecast will not sell before the newest stock expires; null without shelf life. */
  readonly expiryRisk: number | null;
  /** When the order arrives and when the next one would: the window the risk below covers. */
  readonly arrivalPeriod: number;
  readonly arrivalDate: string | null;
  readonly nextDeliveryPeriod: number;
  readonly nextDeliveryDate: string | null;
  /** First period before the next delivery that the P50 projection with the order cannot serve. */
  readonly riskStockOutPeriod: number | null;
  readonly riskStockOutDate: string | null;
  /** Why the line stays at risk after ordering; null when the order covers P50 demand. */
  readonly riskReason: RiskReason | null;
  /** Expected units lost before the next delivery with the order (all quantiles, lost sales). */
  readonly expectedLostUnits: number;
}

export interface Recommendation {
  readonly orderQuantity: number;
  readonly explanation: string;
  readonly breakdown: RecommendationBreakdown;
  readonly projection: ProjectionPoint[];
}

/** Full recommendation for one store × product: decision, explanation, chart series. */
export function recommendOrder(input: RecommendationInput): Recommendation {
  const policy = computePolicy(input);
  const unit = input.periodUnit ?? 'day';
  const openOrders = input.openOrders ?? [];
  const backorders = input.backorders ?? 0;
  const horizon = Math.max(
    input.projectionPeriods ?? input.forecast.values[0].length,
    Math.ceil(policy.protectionPeriods),
    1,
  );
  const moments =
    policy.moments.p50.length >= horizon
      ? policy.moments
      : periodMoments(input.forecast, horizon);
  const inbound = inboundByPeriod(openOrders, horizon);
  const available = input.onHand - backorders;
  const expected = coverage(available, inbound, moments.p50);
  const pessimistic = coverage(available, inbound, moments.p90);
  const order = policy.order;
  const arrivalPeriod = Math.round(Math.max(0, input.leadTime));
  const excessCoverPeriods =
    input.excessCoverPeriods ?? (unit === 'week' ? 4 : 28);
  const excessStock = Math.max(
    0,
    policy.inventoryPosition -
      (policy.orderUpTo +
        excessCoverPeriods * policy.protectionDemand.meanPerPeriod),
  );
  const dateOf = (t: number | null): string | null =>
    t === null || !input.asOf ? null : addPeriods(input.asOf, t, unit);
  const decision: Decision =
    order.quantity > 0
      ? 'order'
      : order.limits.includes('max-stock-below-moq')
        ? 'blocked-by-max-stock'
        : 'no-order';

  const risk = lineRisk({
    forecast: input.forecast,
    onHand: input.onHand,
    backorders,
    openOrders,
    orderQuantity: order.quantity,
    leadTime: input.leadTime,
    reviewPeriod: input.reviewPeriod,
    limits: order.limits,
    policy,
  });

  const breakdown: RecommendationBreakdown = {
    decision,
    orderQuantity: order.quantity,
    cases: order.cases,
    casePack: Math.max(1, input.casePack ?? 1),
    moq: input.moq ?? 0,
    maxStock: input.maxStock ?? null,
    limits: order.limits,
    periodUnit: unit,
    leadTime: input.leadTime,
    leadTimeSd: input.leadTimeSd ?? 0,
    reviewPeriod: input.reviewPeriod,
    protectionPeriods: policy.protectionPeriods,
    demandMean: policy.protectionDemand.mean,
    demandSd: policy.protectionDemand.sd,
    distribution: policy.levels.distribution,
    service: input.service,
    unmetDemand: input.unmetDemand ?? null,
    safetyStock: policy.levels.safetyStock,
    reorderPoint: policy.levels.reorderPoint,
    orderUpTo: policy.orderUpTo,
    expectedCycleService: policy.levels.expectedCycleService,
    expectedFillRate: policy.levels.expectedFillRate,
    onHand: input.onHand,
    backorders,
    inbound: policy.inbound,
    inboundBeyondProtection: policy.inboundBeyondProtection,
    inventoryPosition: policy.inventoryPosition,
    protectedPosition: policy.protectedPosition,
    requirement: policy.requirement,
    stockOutPeriod: expected.stockOutPeriod,
    stockOutDate: dateOf(expected.stockOutPeriod),
    pessimisticStockOutPeriod: pessimistic.stockOutPeriod,
    pessimisticStockOutDate: dateOf(pessimistic.stockOutPeriod),
    coverPeriods: expected.coverPeriods,
    excessStock,
    excessCoverPeriods,
    shelfLife: input.shelfLife ?? null,
    expiryRisk:
      input.shelfLife === undefined
        ? null
        : expiryRisk(
            policy.inventoryPosition + backorders + order.quantity,
            moments.p50,
            (order.quantity > 0 ? arrivalPeriod : 0) + input.shelfLife,
          ),
    arrivalPeriod: risk.arrivalPeriod,
    arrivalDate: dateOf(risk.arrivalPeriod),
    nextDeliveryPeriod: risk.nextDeliveryPeriod,
    nextDeliveryDate: dateOf(risk.nextDeliveryPeriod),
    riskStockOutPeriod: risk.stockOutPeriod,
    riskStockOutDate: dateOf(risk.stockOutPeriod),
    riskReason: risk.reason,
    expectedLostUnits: risk.expectedLostUnits,
  };
  const projection = projectStock({
    moments,
    periods: horizon,
    onHand: input.onHand,
    backorders,
    openOrders,
    orderQuantity: order.quantity,
    orderArrivalPeriod: arrivalPeriod,
    reorderPoint: policy.levels.reorderPoint,
    safetyStock: policy.levels.safetyStock,
    asOf: input.asOf,
    periodUnit: unit,
  });
  return {
    orderQuantity: order.quantity,
    explanation: explain(breakdown),
    breakdown,
    projection,
  };
}

/**
 * Stock (on hand + all inbound + the order) that cumulative P50 demand will not
 * absorb within `window` periods. Assumes first-in-first-out and that the
 * newest delivery sets the deadline; ages of stock on hand are not known here.
 */
function expiryRisk(stock: number, p50: Float64Array, window: number): number {
  let demand = 0;
  for (let t = 0; t < window; t++) {
    const w = Math.min(1, window - t);
    demand += w * p50[Math.min(t, p50.length - 1)];
  }
  return Math.max(0, stock - demand);
}
