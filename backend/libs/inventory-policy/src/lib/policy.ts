import { intervalDemand } from './interval-demand';
import { lostSalesLevels } from './lost-sales';
import { OrderConstraints, roundOrder, RoundedOrder } from './order-quantity';
import { periodMoments } from './quantile-moments';
import {
  chooseDistribution,
  protectionCdf,
  stockLevels,
  StockLevels,
} from './stock-levels';
import {
  DistributionChoice,
  IntervalDemand,
  PeriodMoments,
  PurchaseOrder,
  QuantileForecast,
  ServiceTarget,
} from './types';

export interface PolicyInput extends OrderConstraints {
  readonly forecast: QuantileForecast;
  readonly onHand: number;
  readonly backorders?: number;
  readonly openOrders?: readonly PurchaseOrder[];
  /** Mean lead time in periods. */
  readonly leadTime: number;
  /** Standard deviation of the lead time in periods. Default 0. */
  readonly leadTimeSd?: number;
  /** Periods between two order opportunities. */
  readonly reviewPeriod: number;
  readonly service: ServiceTarget;
  /** Default 'auto': count distribution below slowMoverMean units over the protection interval. */
  readonly distribution?: DistributionChoice;
  readonly slowMoverMean?: number;
  /** Correlation of forecast errors between periods. Default 0. */
  readonly errorCorrelation?: number;
  /** Extra periods of average demand added on top of the reorder point to form the order-up-to level. Default 0. */
  readonly orderCoverPeriods?: number;
  /**
   * What happens to demand that finds no stock. Default 'backorder' (the
   * textbook formulas). 'lost-sales' sizes fill-rate orders for the stock that
   * is really left when the order arrives (see lost-sales.ts).
   */
  readonly unmetDemand?: 'backorder' | 'lost-sales';
}

export interface PolicyLevels {
  /** Lead time + review period, in periods. */
  readonly protectionPeriods: number;
  readonly moments: PeriodMoments;
  readonly protectionDemand: IntervalDemand;
  readonly leadTimeDemand: IntervalDemand;
  readonly levels: StockLevels;
  readonly orderUpTo: number;
  /** Open orders arriving before the protection interval ends. */
  readonly inbound: number;
  /** Open orders arriving later: they cannot prevent a stock-out in this interval. */
  readonly inboundBeyondProtection: number;
  /** On hand + all open orders − backorders (textbook definition). */
  readonly inventoryPosition: number;
  /** On hand + inbound within the protection interval − backorders: what the decision uses. */
  readonly protectedPosition: number;
  /** Order-up-to minus protected position when below the reorder point, else 0. */
  readonly requirement: number;
  readonly order: RoundedOrder;
}

/**
 * Periodic-review (R, s, S) decision: reorder point s = mean demand over the
 * protection interval + safety stock, S = s + orderCoverPeriods × mean demand;
 * when the protected position is below s, order S − position, then apply MOQ,
 * case pack and maximum stock.
 */
export function computePolicy(input: PolicyInput): PolicyLevels {
  const leadTime = Math.max(0, input.leadTime);
  const protectionPeriods = leadTime + Math.max(0, input.reviewPeriod);
  const moments = periodMoments(input.forecast, protectionPeriods);
  const options = {
    leadTimeSd: input.leadTimeSd ?? 0,
    errorCorrelation: input.errorCorrelation ?? 0,
  };
  const normalProtection = intervalDemand(moments, protectionPeriods, options);
  const distribution = chooseDistribution(
    input.distribution ?? 'auto',
    normalProtection,
    input.slowMoverMean,
    moments,
  );
  const shaped = {
    ...options,
    shape: distribution === 'lognormal' ? 'lognormal' : 'normal',
  } as const;
  const protectionDemand =
    distribution === 'lognormal'
      ? intervalDemand(moments, protectionPeriods, shaped)
      : normalProtection;
  const leadTimeDemand = intervalDemand(moments, leadTime, shaped);
  const reviewDemand = Math.max(0, protectionDemand.mean - leadTimeDemand.mean);
  let inbound = 0;
  let inboundBeyondProtection = 0;
  for (const po of input.openOrders ?? []) {
    if (po.arrivesInPeriods < protectionPeriods) inbound += po.quantity;
    else inboundBeyondProtection += po.quantity;
  }
  const backorders = input.backorders ?? 0;
  const protectedPosition = input.onHand + inbound - backorders;
  const inventoryPosition = protectedPosition + inboundBeyondProtection;

  let levels = stockLevels({
    protection: protectionDemand,
    leadTime: leadTimeDemand,
    reviewDemand,
    service: input.service,
    distribution,
  });
  // Order-up-to before the extra cover; under lost sales it depends on the position.
  let baseLevel = levels.reorderPoint;
  if (
    input.unmetDemand === 'lost-sales' &&
    input.service.kind === 'fill-rate'
  ) {
    const lost = lostSalesLevels({
      leadTime: leadTimeDemand,
      // Independent periods: the review cycle's variance is the rest of the interval's.
      review: {
        length: protectionPeriods - leadTime,
        mean: reviewDemand,
        sd: Math.sqrt(
          Math.max(0, protectionDemand.sd ** 2 - leadTimeDemand.sd ** 2),
        ),
        meanPerPeriod: protectionDemand.meanPerPeriod,
      },
      distribution,
      available: protectedPosition,
      level: input.service.level,
    });
    levels = {
      ...levels,
      reorderPoint: lost.reorderPoint,
      safetyStock: Math.max(0, lost.reorderPoint - protectionDemand.mean),
      expectedCycleService: protectionCdf(
        protectionDemand,
        distribution,
        lost.reorderPoint,
      ),
      expectedFillRate: lost.expectedFillRate,
    };
    baseLevel =
      lost.order > 0 ? protectedPosition + lost.order : lost.reorderPoint;
  }
  const orderUpTo =
    baseLevel +
    Math.max(0, input.orderCoverPeriods ?? 0) * protectionDemand.meanPerPeriod;
  const requirement =
    protectedPosition < levels.reorderPoint - 1e-9
      ? orderUpTo - protectedPosition
      : 0;
  const order = roundOrder(requirement, inventoryPosition, input);
  return {
    protectionPeriods,
    moments,
    protectionDemand,
    leadTimeDemand,
    levels,
    orderUpTo,
    inbound,
    inboundBeyondProtection,
    inventoryPosition,
    protectedPosition,
    requirement,
    order,
  };
}
