import { computePolicy, PolicyInput, PolicyLevels } from './policy';
import { OrderConstraints } from './order-quantity';
import { PurchaseOrder, QuantileForecast, ServiceTarget } from './types';

/**
 * Quantile levels the nightly run stores per forecast date and the served policy reads: the
 * nine levels the policy replay validated (bench/policy-replay.ts), so the lost-sales sizing
 * sees the tails and not only P10/P50/P90.
 */
export const SERVED_QUANTILE_LEVELS: readonly number[] = [
  0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98,
];

/** What happens to demand that finds the shelf empty. Retail default: it is lost. */
export type UnmetDemand = 'lost-sales' | 'backorder';

export const DEFAULT_UNMET_DEMAND: UnmetDemand = 'lost-sales';

/** One store × product decision as the product serves it and the replay re-plays it. */
export interface ServedDecision extends OrderConstraints {
  readonly forecast: QuantileForecast;
  readonly onHand: number;
  readonly backorders?: number;
  readonly openOrders?: readonly PurchaseOrder[];
  /** Mean lead time in periods. */
  readonly leadTime: number;
  readonly leadTimeSd?: number;
  readonly reviewPeriod: number;
  readonly service: ServiceTarget;
  readonly unmetDemand: UnmetDemand;
}

/**
 * The served policy's inputs: one place fixes how a decision is sized, so the recommendation
 * generator and the replay cannot drift apart. Under lost sales a fill-rate target is sized
 * for the stock really left when the order arrives, reading demand directly from the
 * forecast's quantiles (computePolicy falls back to the fitted shape when the lead time is
 * not a whole number of periods or has a spread).
 */
export function servedPolicyInput(decision: ServedDecision): PolicyInput {
  return { ...decision, lostSalesDemand: 'quantiles' };
}

/** The served policy's decision for one store × product: what the generator and the replay both call. */
export function servedPolicy(decision: ServedDecision): PolicyLevels {
  return computePolicy(servedPolicyInput(decision));
}
