import { expectedLostUnits, expectedLostUnitsFromShape } from './lost-sales';
import type { OrderLimit } from './order-quantity';
import type { PolicyLevels } from './policy';
import { coverage, inboundByPeriod } from './projection';
import { quantileWindows } from './quantile-distribution';
import { periodMoments } from './quantile-moments';
import type { PurchaseOrder, QuantileForecast } from './types';

/**
 * Why a line still runs out after ordering: the order arrives after the stock-out (lead time),
 * the maximum stock capped or blocked it, or the quantity does not last to the next delivery.
 */
export type RiskReason = 'lead-time' | 'max-stock' | 'short-order';

export interface LineRiskInput {
  readonly forecast: QuantileForecast;
  readonly onHand: number;
  readonly backorders?: number;
  readonly openOrders: readonly PurchaseOrder[];
  /** The quantity ordered now (the recommendation or the planner's adjustment). */
  readonly orderQuantity: number;
  /** Mean lead time in periods; the order arrives after round(leadTime) periods. */
  readonly leadTime: number;
  /** Periods to the next order opportunity; the next delivery after this one comes that much later. */
  readonly reviewPeriod: number;
  /** The limits that shaped the order (a max-stock cap explains a remaining risk). */
  readonly limits?: readonly OrderLimit[];
  /**
   * The decision this order came from: its quantile reading of the same windows when it read
   * the quantiles (not computed again), else its fitted shape. Without it the windows are read
   * from the forecast's quantiles here (a sum of independent periods: the costly part).
   */
  readonly policy?: PolicyLevels;
}

export interface LineRisk {
  /** Period the order arrives in. */
  readonly arrivalPeriod: number;
  /** Period the next delivery (of the next review's order) arrives in: the end of the risk window. */
  readonly nextDeliveryPeriod: number;
  /** First period before the next delivery whose P50 demand the stock after ordering cannot meet. */
  readonly stockOutPeriod: number | null;
  /** Whether the order leaves the line short before the next delivery (stockOutPeriod is set). */
  readonly atRisk: boolean;
  readonly reason: RiskReason | null;
  /** Expected units lost before the next delivery, over the whole forecast distribution. */
  readonly expectedLostUnits: number;
}

/**
 * The risk an order leaves on a line up to the next delivery. The flag reads the P50 projection
 * with the order (coverage: a period whose demand exceeds the stock is a stock-out, stock used up
 * exactly is not); the expected lost units read the whole demand distribution, with unmet demand
 * lost (the sum of {@link expectedLostUnits}), so lines that are not flagged still rank by their
 * tail risk.
 */
export function lineRisk(input: LineRiskInput): LineRisk {
  const arrivalPeriod = Math.round(Math.max(0, input.leadTime));
  const nextDeliveryPeriod =
    arrivalPeriod + Math.max(1, Math.round(input.reviewPeriod));
  const order = Math.max(0, input.orderQuantity);
  const inbound = inboundByPeriod(input.openOrders, nextDeliveryPeriod);
  inbound[arrivalPeriod] += order;
  const p50 = periodMoments(input.forecast, nextDeliveryPeriod).p50;
  const available = input.onHand - (input.backorders ?? 0);
  const { stockOutPeriod } = coverage(available, inbound, p50);

  let reason: RiskReason | null = null;
  if (stockOutPeriod !== null) {
    const capped = (input.limits ?? []).some(
      (l) => l === 'max-stock' || l === 'max-stock-below-moq',
    );
    reason =
      stockOutPeriod < arrivalPeriod
        ? 'lead-time'
        : capped
          ? 'max-stock'
          : 'short-order';
  }
  let openUnits = 0;
  for (const po of input.openOrders) {
    if (po.arrivesInPeriods < nextDeliveryPeriod) openUnits += po.quantity;
  }
  const lost = lostUnits(input, arrivalPeriod, nextDeliveryPeriod, {
    available: available + openUnits,
    order,
  });
  return {
    arrivalPeriod,
    nextDeliveryPeriod,
    stockOutPeriod,
    atRisk: stockOutPeriod !== null,
    reason,
    expectedLostUnits: lost.leadTime + lost.cycle,
  };
}

/** Lost margin: lost units times the unit margin (price − cost), never negative. */
export function lostMargin(
  lostUnits: number,
  unitPrice: number,
  unitCost: number,
): number {
  return Math.max(0, lostUnits) * Math.max(0, unitPrice - unitCost);
}

function lostUnits(
  input: LineRiskInput,
  arrival: number,
  next: number,
  stock: { available: number; order: number },
): { leadTime: number; cycle: number } {
  const policy = input.policy;
  if (policy && !policy.quantileDemand) {
    // The fitted shape the decision was sized on; the review cycle is the rest of the interval.
    const lead = policy.leadTimeDemand;
    const all = policy.protectionDemand;
    return expectedLostUnitsFromShape({
      leadTime: lead,
      review: {
        length: all.length - lead.length,
        mean: Math.max(0, all.mean - lead.mean),
        sd: Math.sqrt(Math.max(0, all.sd ** 2 - lead.sd ** 2)),
        meanPerPeriod: all.meanPerPeriod,
      },
      distribution: policy.levels.distribution,
      ...stock,
    });
  }
  const demand =
    policy?.quantileDemand ?? quantileWindows(input.forecast, arrival, next);
  return expectedLostUnits({ ...demand, ...stock });
}
