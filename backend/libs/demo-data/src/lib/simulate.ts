import { WEEKLY_PROFILE, type CategorySpec } from './catalog';
import { Rng, hashSeed } from './prng';
import { STREAM } from './streams';
import type { DemoWorld, SeriesOrder, SeriesResult } from './world-types';

const NORMALISED_WEEKLY = new Map<string, Float64Array>();
function weeklyProfile(category: CategorySpec): Float64Array {
  let profile = NORMALISED_WEEKLY.get(category.tag);
  if (!profile) {
    const raw = WEEKLY_PROFILE[category.tag];
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    profile = Float64Array.from(raw, (v) => v / mean);
    NORMALISED_WEEKLY.set(category.tag, profile);
  }
  return profile;
}

/**
 * Simulates one store x product series: demand, replenishment (periodic review, order-up-to with
 * case pack / MOQ rounding, stochastic lead times with occasional supplier delays) and censored sales.
 * Deterministic: depends only on the seed and the two indices.
 */
export function simulateSeries(
  world: DemoWorld,
  storeIndex: number,
  productIndex: number,
): SeriesResult {
  const days = world.options.days;
  const store = world.stores[storeIndex];
  const product = world.products[productIndex];
  const rng = new Rng(
    hashSeed(world.options.seed, STREAM.series, storeIndex, productIndex),
  );
  const categoryDay = world.categoryDay[product.categoryIndex];
  const regionDay =
    world.regionCategoryDay[store.regionIndex][product.categoryIndex];
  const weekly = weeklyProfile(product.category);
  const weekday = world.weekday;
  const affinity = Math.exp(0.25 * rng.normal());
  const scale = product.baseDemand * store.size * affinity;
  const zeroInflation = product.zeroInflation;
  const dispersion = product.dispersion;

  const demand = new Int32Array(days);
  const units = new Int32Array(days);
  const stockout = new Uint8Array(days);
  const onHandSeries = new Int32Array(days);
  const orders: SeriesOrder[] = [];

  const supplier = product.supplier;
  const review = supplier.reviewPeriodDays;
  const reviewOffset = rng.int(0, review - 1);
  // Some series are run lean (low safety stock): these are the ones that stock out.
  const safetyZ = rng.bool(0.2)
    ? rng.uniform(-0.2, 0.7)
    : rng.uniform(1.0, 2.4);
  const cover = supplier.leadTimeMeanDays + review;
  let rate = scale * categoryDay[0] * product.multiplier[0] + 0.01;
  const target = (r: number): number =>
    r * cover + safetyZ * Math.sqrt(r * cover * (1 + r / dispersion)) + 1;
  let onHand = Math.max(product.casePack, Math.round(target(rate)));
  let onOrder = 0;
  const pending: SeriesOrder[] = [];

  for (let t = 0; t < days; t++) {
    // Receive deliveries due today.
    for (let k = pending.length - 1; k >= 0; k--) {
      const order = pending[k];
      if (order.arrivalDay <= t) {
        onHand += order.quantity;
        onOrder -= order.quantity;
        pending.splice(k, 1);
      }
    }
    const mu =
      scale *
      categoryDay[t] *
      regionDay[t] *
      weekly[weekday[t]] *
      product.multiplier[t];
    let d = 0;
    if (mu > 0) {
      if (zeroInflation > 0) {
        d =
          rng.next() < zeroInflation
            ? 0
            : rng.negativeBinomial(mu / (1 - zeroInflation), dispersion);
      } else {
        d = rng.negativeBinomial(mu, dispersion);
      }
    }
    const sold = d < onHand ? d : onHand;
    onHand -= sold;
    demand[t] = d;
    units[t] = sold;
    onHandSeries[t] = onHand;
    stockout[t] = onHand === 0 && mu > 0 ? 1 : 0;
    // The store's own demand estimate: exponential smoothing of sales (it cannot see lost sales).
    const weeklyFactor = weekly[weekday[t]];
    rate = 0.93 * rate + 0.07 * (sold / weeklyFactor);
    if ((t + reviewOffset) % review === 0) {
      const position = onHand + onOrder;
      const orderUpTo = target(rate);
      if (position < orderUpTo) {
        let quantity =
          Math.ceil((orderUpTo - position) / product.casePack) *
          product.casePack;
        if (quantity < product.moq) quantity = product.moq;
        const expected = Math.max(1, Math.round(supplier.leadTimeMeanDays));
        let lead = Math.max(
          1,
          Math.round(
            supplier.leadTimeMeanDays + supplier.leadTimeSdDays * rng.normal(),
          ),
        );
        if (rng.bool(0.03)) lead += rng.int(5, 15); // supplier disruption
        const order: SeriesOrder = {
          orderedDay: t,
          expectedDay: t + expected,
          arrivalDay: t + lead,
          quantity,
        };
        pending.push(order);
        orders.push(order);
        onOrder += quantity;
      }
    }
  }
  return {
    storeIndex,
    productIndex,
    demand,
    units,
    stockout,
    onHand: onHandSeries,
    orders,
  };
}

/** Whether the store carries the product (only carried series have sales, stock and orders). */
export const carries = (world: DemoWorld, s: number, p: number): boolean =>
  world.carried[s * world.products.length + p] === 1;

/** Every carried store x product series in a fixed order (store-major). */
export function* iterateSeries(world: DemoWorld): Generator<SeriesResult> {
  for (let s = 0; s < world.stores.length; s++) {
    for (let p = 0; p < world.products.length; p++)
      if (carries(world, s, p)) yield simulateSeries(world, s, p);
  }
}
