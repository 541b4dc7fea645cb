import { PeriodMoments, PeriodUnit, PurchaseOrder } from './types';

export interface ProjectionPoint {
  /** 0 = the decision period. */
  readonly period: number;
  /** ISO date of the period when an asOf date was given. */
  readonly date: string | null;
  /** Projected closing stock if the recommended order is placed (lost sales: never below 0). */
  readonly onHand: number;
  /** Same without the recommended order. */
  readonly onHandWithoutOrder: number;
  /** Open purchase orders arriving in the period. */
  readonly inbound: number;
  /** The recommended order, in the period it arrives. */
  readonly recommendedArrival: number;
  readonly forecast: number;
  readonly forecastP90: number;
  readonly reorderPoint: number;
  readonly safetyStock: number;
}

export interface ProjectionInput {
  readonly moments: PeriodMoments;
  readonly periods: number;
  readonly onHand: number;
  readonly backorders: number;
  readonly openOrders: readonly PurchaseOrder[];
  readonly orderQuantity: number;
  readonly orderArrivalPeriod: number;
  readonly reorderPoint: number;
  readonly safetyStock: number;
  readonly asOf?: string;
  readonly periodUnit: PeriodUnit;
}

export function inboundByPeriod(
  openOrders: readonly PurchaseOrder[],
  periods: number,
): Float64Array {
  const inbound = new Float64Array(periods);
  for (const po of openOrders) {
    const t = Math.max(0, Math.round(po.arrivesInPeriods));
    if (t < periods) inbound[t] += po.quantity;
  }
  return inbound;
}

/** Adds whole periods (days or 7-day weeks) to an ISO date, in UTC. */
export function addPeriods(
  asOf: string,
  periods: number,
  unit: PeriodUnit,
): string {
  const ms = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`invalid ISO date: ${asOf}`);
  const days = unit === 'week' ? periods * 7 : periods;
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}

export function projectStock(input: ProjectionInput): ProjectionPoint[] {
  const { moments, periods } = input;
  const inbound = inboundByPeriod(input.openOrders, periods);
  const points: ProjectionPoint[] = [];
  let withOrder = input.onHand - input.backorders;
  let without = withOrder;
  const last = moments.p50.length - 1;
  for (let t = 0; t < periods; t++) {
    const p50 = moments.p50[Math.min(t, last)];
    const arrival = t === input.orderArrivalPeriod ? input.orderQuantity : 0;
    withOrder = Math.max(0, withOrder + inbound[t] + arrival - p50);
    without = Math.max(0, without + inbound[t] - p50);
    points.push({
      period: t,
      date: input.asOf ? addPeriods(input.asOf, t, input.periodUnit) : null,
      onHand: withOrder,
      onHandWithoutOrder: without,
      inbound: inbound[t],
      recommendedArrival: arrival,
      forecast: p50,
      forecastP90: moments.p90[Math.min(t, last)],
      reorderPoint: input.reorderPoint,
      safetyStock: input.safetyStock,
    });
  }
  return points;
}

export interface Coverage {
  /** First period whose demand cannot be met from on hand plus inbound, or null within the horizon. */
  readonly stockOutPeriod: number | null;
  /** Fractional periods the stock lasts; extrapolated past the horizon at the mean rate; null if no demand. */
  readonly coverPeriods: number | null;
}

/**
 * Stock-out timing from on hand plus inbound minus cumulative demand per period
 * (pass P50 for the expected date, P90 for the pessimistic one).
 */
export function coverage(
  available: number,
  inbound: Float64Array,
  demand: Float64Array,
): Coverage {
  const periods = inbound.length;
  let stock = available;
  let total = 0;
  for (let t = 0; t < periods; t++) {
    const d = demand[Math.min(t, demand.length - 1)];
    total += d;
    stock += inbound[t];
    if (stock - d < -1e-9) {
      const lasted = stock > 0 && d > 0 ? stock / d : 0;
      return { stockOutPeriod: t, coverPeriods: t + lasted };
    }
    stock -= d;
  }
  const rate = periods > 0 ? total / periods : 0;
  return {
    stockOutPeriod: null,
    coverPeriods: rate > 0 ? periods + stock / rate : null,
  };
}
