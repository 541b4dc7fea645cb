import { intervalDemand } from './interval-demand';
import {
  LostSalesLevels,
  lostSalesLevels,
  lostSalesLevelsFromQuantiles,
} from './lost-sales';
import { OrderConstraints, roundOrder, RoundedOrder } from './order-quantity';
import { QuantileDistribution, quantileWindows } from './quantile-distribution';
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
  /**
   * How a lost-sales fill-rate decision reads demand. Default 'shape': the
   * fitted normal/lognormal/count distribution. 'quantiles': directly from the
   * forecast's quantiles (quantile-distribution.ts), worth it when the
   * forecast passes many levels. Needs whole-period lead time and review, no
   * lead-time sd and no error correlation; otherwise the shape is used.
   */
  readonly lostSalesDemand?: 'shape' | 'quantiles';
}

/** Demand before the order arrives and from its arrival to the next delivery, from the quantiles. */
export interface QuantileDemand {
  readonly leadTime: QuantileDistribution | null;
  readonly review: QuantileDistribution;
}

export interface PolicyLevels {
  /** Lead time + review period, in periods. */
  readonly protectionPeriods: number;
  readonly moments: PeriodMoments;
  readonly protectionDemand: IntervalDemand;
  readonly leadTimeDemand: IntervalDemand;
  readonly levels: StockLevels;
  /** Whether the stock levels were computed from the fitted shape or from the quantiles themselves. */
  readonly demandReading: 'shape' | 'quantiles';
  /** Lead-time and review-cycle demand read from the quantiles (null when the shape was used). */
  readonly quantileDemand: QuantileDemand | null;
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
  let protectionDemand =
    distribution === 'lognormal'
      ? intervalDemand(moments, protectionPeriods, shaped)
      : normalProtection;
  let leadTimeDemand = intervalDemand(moments, leadTime, shaped);
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
  let demandReading: 'shape' | 'quantiles' = 'shape';
  let quantileDemand: QuantileDemand | null = null;
  const lostSalesFillRate =
    input.unmetDemand === 'lost-sales' && input.service.kind === 'fill-rate';
  const fromQuantiles =
    lostSalesFillRate &&
    input.lostSalesDemand === 'quantiles' &&
    input.forecast.levels.length >= 2 &&
    Number.isInteger(leadTime) &&
    Number.isInteger(protectionPeriods) &&
    protectionPeriods > leadTime &&
    options.leadTimeSd === 0 &&
    options.errorCorrelation === 0;
  if (fromQuantiles) {
    const q = quantileLevels(
      input.forecast,
      leadTime,
      protectionPeriods,
      protectedPosition,
      input.service.level,
    );
    demandReading = 'quantiles';
    quantileDemand = q.demand;
    protectionDemand = q.protectionDemand;
    leadTimeDemand = q.leadTimeDemand;
    levels = {
      ...levels,
      reorderPoint: q.lost.reorderPoint,
      safetyStock: Math.max(0, q.lost.reorderPoint - protectionDemand.mean),
      expectedCycleService: q.cycleService,
      expectedFillRate: q.lost.expectedFillRate,
    };
    baseLevel =
      q.lost.order > 0 ? protectedPosition + q.lost.order : q.lost.reorderPoint;
  } else if (lostSalesFillRate) {
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
    demandReading,
    quantileDemand,
    orderUpTo,
    inbound,
    inboundBeyondProtection,
    inventoryPosition,
    protectedPosition,
    requirement,
    order,
  };
}

/** Midpoints in probability of D_L when P(D_L + D_R ≤ s) is averaged over it. */
const CYCLE_NODES = 64;

/** Lost-sales fill-rate levels with lead-time and cycle demand read from the quantiles of each period. */
function quantileLevels(
  forecast: QuantileForecast,
  leadTime: number,
  protectionPeriods: number,
  available: number,
  level: number,
): {
  lost: LostSalesLevels;
  leadTimeDemand: IntervalDemand;
  protectionDemand: IntervalDemand;
  cycleService: number;
  demand: QuantileDemand;
} {
  const { leadTime: lead, review } = quantileWindows(
    forecast,
    leadTime,
    protectionPeriods,
  );
  const lost = lostSalesLevelsFromQuantiles({
    leadTime: lead,
    review,
    available,
    level,
  });
  const leadMean = lead?.mean ?? 0;
  const leadVar = lead?.variance ?? 0;
  const mean = leadMean + review.mean;
  let cycleService = 1 - review.tail(lost.reorderPoint);
  if (lead) {
    cycleService = 0;
    for (let i = 0; i < CYCLE_NODES; i++) {
      const d = lead.quantile((i + 0.5) / CYCLE_NODES);
      cycleService += (1 - review.tail(lost.reorderPoint - d)) / CYCLE_NODES;
    }
  }
  return {
    lost,
    leadTimeDemand: {
      length: leadTime,
      mean: leadMean,
      sd: Math.sqrt(leadVar),
      meanPerPeriod: leadTime > 0 ? leadMean / leadTime : 0,
    },
    protectionDemand: {
      length: protectionPeriods,
      mean,
      sd: Math.sqrt(leadVar + review.variance),
      meanPerPeriod: mean / protectionPeriods,
    },
    cycleService,
    demand: { leadTime: lead, review },
  };
}
