import { OrderConstraints } from '../order-quantity';
import { computePolicy, PolicyLevels } from '../policy';
import { servedPolicyInput } from '../served-policy';
import { DistributionChoice, PurchaseOrder, ServiceTarget } from '../types';
import { forecastContext, Forecaster, SeriesHistory } from './forecaster';

export interface ReplayParams extends OrderConstraints {
  readonly service: ServiceTarget;
  /** Whole periods between placing an order and having it on the shelf. Default 1. */
  readonly leadTime?: number;
  /** Periods between order opportunities. Default 1. */
  readonly reviewPeriod?: number;
  /** First simulated period; earlier history only feeds the forecaster. */
  readonly start: number;
  /** Period after the last simulated one. Default: end of history. */
  readonly end?: number;
  /** Stock at the start. Default: the first decision's order-up-to level. */
  readonly initialOnHand?: number;
  readonly distribution?: DistributionChoice;
  readonly slowMoverMean?: number;
  readonly errorCorrelation?: number;
  /**
   * Demand model the policy plans with. Default 'lost-sales', which is what
   * the replay simulates; 'backorder' shows what the textbook formula does here.
   */
  readonly policyUnmetDemand?: 'backorder' | 'lost-sales';
  /** See PolicyInput.lostSalesDemand. Default 'shape'. */
  readonly lostSalesDemand?: 'shape' | 'quantiles';
  /** Keep per-period arrays in the result (for the what-if chart). */
  readonly keepTrace?: boolean;
  /** The service target the decision at period t uses (default: `service` as is). */
  readonly serviceAt?: (t: number, service: ServiceTarget) => ServiceTarget;
}

export interface ReplayTrace {
  readonly demand: Float64Array;
  readonly sales: Float64Array;
  /** Closing stock per period. */
  readonly onHand: Float64Array;
  /** Quantity ordered in the period (arrives leadTime periods later). */
  readonly ordered: Float64Array;
}

export interface ReplayResult {
  readonly periods: number;
  readonly totalDemand: number;
  readonly totalSales: number;
  /** Units sold / units demanded; 1 without demand. */
  readonly fillRate: number;
  /** Share of review cycles without a lost sale. */
  readonly cycleServiceLevel: number;
  /** Mean closing stock per period. */
  readonly averageOnHand: number;
  readonly orders: number;
  readonly orderedUnits: number;
  readonly trace?: ReplayTrace;
}

/**
 * Replays the policy on real demand: each period, receive due orders; at a
 * review, forecast from the history before the period and order; then
 * demand consumes stock and unmet demand is lost. The forecaster always sees
 * true demand (not the censored sales), as history is recorded demand here.
 */
export function replayPolicy(
  history: SeriesHistory,
  forecaster: Forecaster,
  params: ReplayParams,
): ReplayResult {
  const leadTime = Math.max(0, Math.round(params.leadTime ?? 1));
  const review = Math.max(1, Math.round(params.reviewPeriod ?? 1));
  const start = params.start;
  const end = Math.min(
    params.end ?? history.demand.length,
    history.demand.length,
  );
  const periods = Math.max(0, end - start);
  const arrivals = new Float64Array(periods + leadTime + 1);
  const trace: ReplayTrace = {
    demand: new Float64Array(periods),
    sales: new Float64Array(periods),
    onHand: new Float64Array(periods),
    ordered: new Float64Array(periods),
  };
  const decide = (t: number, onHand: number): PolicyLevels => {
    const open: PurchaseOrder[] = [];
    for (let k = 1; k <= leadTime; k++) {
      const i = t - start + k;
      if (arrivals[i] > 0)
        open.push({ quantity: arrivals[i], arrivesInPeriods: k });
    }
    const protection = leadTime + review;
    // The served policy's inputs (servedPolicyInput), with the replay's research knobs on top.
    return computePolicy({
      ...servedPolicyInput({
        forecast: forecaster.forecast(forecastContext(history, t), protection),
        onHand,
        openOrders: open,
        leadTime,
        reviewPeriod: review,
        service: params.serviceAt
          ? params.serviceAt(t, params.service)
          : params.service,
        casePack: params.casePack,
        moq: params.moq,
        maxStock: params.maxStock,
        unmetDemand: params.policyUnmetDemand ?? 'lost-sales',
      }),
      distribution: params.distribution,
      slowMoverMean: params.slowMoverMean,
      errorCorrelation: params.errorCorrelation,
      lostSalesDemand: params.lostSalesDemand ?? 'shape',
    });
  };

  let onHand = params.initialOnHand ?? NaN;
  let totalDemand = 0;
  let totalSales = 0;
  let orders = 0;
  let orderedUnits = 0;
  let cycles = 0;
  let cyclesOk = 0;
  let cycleOk = true;
  let stockSum = 0;
  for (let t = start; t < end; t++) {
    const i = t - start;
    if (Number.isNaN(onHand)) {
      // Start with what an empty shelf would be filled up to (under lost sales that is the reorder point).
      const first = decide(t, 0);
      onHand = Math.ceil(Math.max(first.orderUpTo, first.levels.reorderPoint));
    }
    onHand += arrivals[i];
    if (i % review === 0) {
      if (i > 0) {
        cycles++;
        if (cycleOk) cyclesOk++;
      }
      cycleOk = true;
      const q = decide(t, onHand).order.quantity;
      if (q > 0) {
        orders++;
        orderedUnits += q;
        trace.ordered[i] = q;
        if (leadTime === 0) onHand += q;
        else arrivals[i + leadTime] += q;
      }
    }
    const demand = history.demand[t];
    const sales = Math.min(onHand, demand);
    onHand -= sales;
    if (sales < demand - 1e-9) cycleOk = false;
    totalDemand += demand;
    totalSales += sales;
    stockSum += onHand;
    trace.demand[i] = demand;
    trace.sales[i] = sales;
    trace.onHand[i] = onHand;
  }
  if (periods > 0) {
    cycles++;
    if (cycleOk) cyclesOk++;
  }
  return {
    periods,
    totalDemand,
    totalSales,
    fillRate: totalDemand > 0 ? totalSales / totalDemand : 1,
    cycleServiceLevel: cycles > 0 ? cyclesOk / cycles : 1,
    averageOnHand: periods > 0 ? stockSum / periods : 0,
    orders,
    orderedUnits,
    trace: params.keepTrace ? trace : undefined,
  };
}
