/**
 * Deterministic synthetic retail data: stores, suppliers, products, daily sales per carried store x
 * product (with the true, uncensored demand available through simulateSeries), inventory snapshots,
 * purchase orders, market signals, the holiday/event calendar and basket lines (baskets.ts), all as
 * Shelfcast import CSV lines.
 *
 * Memory: the "world" (catalogue, signals, per-product price/promotion arrays, per-category day
 * multipliers) is a few MB; sales are produced one store x product series (730 days) at a time.
 */
import type { ImportKind } from '@shelfcast/contracts';
import { dayOfWeek, dayOfYear, formatDay, parseIsoDate } from './calendar';
import {
  CATEGORIES,
  CONFIDENCE_LOADING,
  FUEL_LOADING,
  REGIONS,
  SEARCH_LOADING,
  SUPPLIERS,
  WEEKLY_PROFILE,
  buildEvents,
  type CategorySpec,
  type DemoEvent,
  type SupplierSpec,
} from './catalog';
import { buildAssortment } from './assortment';
import { basketLines } from './baskets';
import { csvHeader, csvLine, formatCents, formatNumber } from './csv';
import { Rng, hashSeed } from './prng';

export interface DemoOptions {
  /** Number of stores (S001..), default 20. */
  stores?: number;
  /** Number of products (P0001..), default 200. */
  products?: number;
  /** Days of sales history ending at endDate, default 730. */
  days?: number;
  /** PRNG seed (integer), default 1. */
  seed?: number;
  /** Last day of sales history, ISO yyyy-mm-dd, default 2026-11-27. */
  endDate?: string;
  /** Days of end-of-day inventory snapshots (ending at endDate), default 60. */
  inventoryDays?: number;
  /** Days of future signal values and events after endDate, default 90. */
  futureDays?: number;
}

export type ResolvedDemoOptions = Required<DemoOptions>;

export const DEFAULT_DEMO_OPTIONS: ResolvedDemoOptions = {
  stores: 20,
  products: 200,
  days: 730,
  seed: 1,
  endDate: '2026-11-27',
  inventoryDays: 60,
  futureDays: 90,
};

/** Kinds the generator produces: every import kind (basket lines come from baskets.ts). */
export type DemoImportKind = ImportKind;

/** Order in which the files must be imported (referenced entities first). */
export const DEMO_IMPORT_ORDER: readonly DemoImportKind[] = [
  'suppliers',
  'stores',
  'products',
  'sales',
  'inventory',
  'purchase-orders',
  'signals',
  'events',
  'transactions',
];

/** CSV lines per import kind, header first, no trailing newlines. Each iterable can be re-iterated. */
export type DemoCsv = Record<DemoImportKind, Iterable<string>>;

export interface DemoStore {
  code: string;
  name: string;
  region: string;
  regionIndex: number;
  timezone: string;
  /** Demand multiplier of the store (size / footfall). */
  size: number;
}

export interface DemoPromotion {
  /** Day indices (0 = first day of history) inclusive. */
  start: number;
  end: number;
  discount: number;
}

export interface DemoProduct {
  sku: string;
  name: string;
  category: CategorySpec;
  categoryIndex: number;
  brand: string;
  supplier: SupplierSpec;
  /** Regular price at the start of the history, in cents. */
  regularPriceCents: number;
  unitCostCents: number;
  casePack: number;
  moq: number;
  /** Mean daily units in an average store before multipliers. */
  baseDemand: number;
  slowMover: boolean;
  /** Probability of a structural zero day (slow movers only). */
  zeroInflation: number;
  /** Negative-binomial dispersion (smaller = more overdispersed). */
  dispersion: number;
  /** Price elasticity of demand for regular price changes (negative). */
  elasticity: number;
  /** Elasticity applied to promotional price cuts (display and feature included, more negative). */
  promoElasticity: number;
  /** Yearly log-trend. */
  trendPerYear: number;
  /** Regular price changes: day index from which the new price (cents) applies. */
  priceChanges: { day: number; priceCents: number }[];
  promotions: DemoPromotion[];
  postPromoDip: number;
  /** Price paid per day index (cents). */
  priceCents: Int32Array;
  promo: Uint8Array;
  /** Product-level demand multiplier per day: trend x price effect x promotion lift x post-promo dip. */
  multiplier: Float64Array;
}

export interface DemoWorld {
  options: ResolvedDemoOptions;
  /** Day number (days since 1970-01-01) of the first day of history. */
  firstDay: number;
  /** ISO date of each day index, history followed by the future days. */
  dates: string[];
  stores: DemoStore[];
  suppliers: readonly SupplierSpec[];
  products: DemoProduct[];
  events: DemoEvent[];
  /** Signal values per day index (history + future). */
  consumerConfidence: Float64Array;
  fuelPrice: Float64Array;
  /** Category path -> search index per day index. */
  searchIndex: Map<string, Float64Array>;
  /** Per category: yearly x holiday x global-signal multiplier per day of history (0 on closures). */
  categoryDay: Float64Array[];
  /** Per region x category: regional event multiplier per day of history. */
  regionCategoryDay: Float64Array[][];
  /** Day-of-week (0 = Sunday) of each day index. */
  weekday: Uint8Array;
  /** carried[store * products + product] = 1 when the store carries the product (assortment.ts). */
  carried: Uint8Array;
}

export interface SeriesResult {
  storeIndex: number;
  productIndex: number;
  /** True demand per day (uncensored). */
  demand: Int32Array;
  /** Units sold = min(demand, available). */
  units: Int32Array;
  /** 1 when on hand ended the day at zero (sales possibly censored). */
  stockout: Uint8Array;
  /** End-of-day on hand. */
  onHand: Int32Array;
  orders: SeriesOrder[];
}

export interface SeriesOrder {
  orderedDay: number;
  /** Planned arrival (ordered + rounded mean lead time). */
  expectedDay: number;
  /** Actual arrival (may be later than the horizon: still open at the end). */
  arrivalDay: number;
  quantity: number;
}

export function resolveDemoOptions(
  options: DemoOptions = {},
): ResolvedDemoOptions {
  const resolved: ResolvedDemoOptions = { ...DEFAULT_DEMO_OPTIONS };
  for (const key of Object.keys(options) as (keyof DemoOptions)[]) {
    const value = options[key];
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  const { stores, products, days, seed, inventoryDays, futureDays } = resolved;
  if (!Number.isInteger(stores) || stores < 1 || stores > 999)
    throw new Error('stores must be an integer in 1..999');
  if (!Number.isInteger(products) || products < 1 || products > 9999)
    throw new Error('products must be an integer in 1..9999');
  if (!Number.isInteger(days) || days < 28)
    throw new Error('days must be an integer >= 28');
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (
    !Number.isInteger(inventoryDays) ||
    inventoryDays < 1 ||
    inventoryDays > days
  )
    throw new Error('inventoryDays must be in 1..days');
  if (!Number.isInteger(futureDays) || futureDays < 0)
    throw new Error('futureDays must be an integer >= 0');
  parseIsoDate(resolved.endDate);
  return resolved;
}

// Purposes mixed into the seed so that every random stream is independent of the others.
const STREAM = {
  stores: 1,
  products: 2,
  signals: 3,
  series: 4,
  prices: 5,
} as const;

const pad = (value: number, width: number): string =>
  String(value).padStart(width, '0');

/** Rounds a price to a "charm" price ending in 9 cents (e.g. 3.49). */
function charmPrice(cents: number): number {
  const rounded = Math.max(49, Math.round(cents / 10) * 10 - 1);
  return rounded;
}

function buildStores(options: ResolvedDemoOptions): DemoStore[] {
  const rng = new Rng(hashSeed(options.seed, STREAM.stores));
  const stores: DemoStore[] = [];
  for (let i = 0; i < options.stores; i++) {
    const regionIndex = i % REGIONS.length;
    const region = REGIONS[regionIndex];
    const round = Math.floor(i / REGIONS.length);
    const city = region.cities[round % region.cities.length];
    const suffix =
      round >= region.cities.length
        ? ` ${Math.floor(round / region.cities.length) + 1}`
        : '';
    stores.push({
      code: `S${pad(i + 1, 3)}`,
      name: `Shelfcast ${city}${suffix}`,
      region: region.name,
      regionIndex,
      timezone: region.timezone,
      size: Math.min(2.5, Math.max(0.4, Math.exp(0.35 * rng.normal()))),
    });
  }
  return stores;
}

function buildProducts(options: ResolvedDemoOptions): DemoProduct[] {
  const rng = new Rng(hashSeed(options.seed, STREAM.products));
  const days = options.days;
  const products: DemoProduct[] = [];
  for (let i = 0; i < options.products; i++) {
    const categoryIndex = i % CATEGORIES.length;
    const category = CATEGORIES[categoryIndex];
    const brand = rng.pick(category.brands);
    const supplierCode = rng.pick(category.suppliers);
    const supplier =
      SUPPLIERS.find((s) => s.code === supplierCode) ?? SUPPLIERS[0];
    const regularPriceCents = charmPrice(
      rng.uniform(category.price[0], category.price[1]) * 100,
    );
    const margin = rng.uniform(category.margin[0], category.margin[1]);
    const casePack = rng.pick(category.casePacks);
    const slowMover = rng.bool(category.slowShare);
    const baseDemand = slowMover
      ? rng.uniform(0.08, 0.6)
      : Math.min(60, Math.max(1.5, Math.exp(Math.log(7) + 0.7 * rng.normal())));
    const elasticity = -rng.uniform(0.8, 2.2);
    const variants = [
      'Original',
      'Classic',
      'Light',
      'Premium',
      'Value',
      'Organic',
      'Family Pack',
      'Mini',
    ];
    const product: DemoProduct = {
      sku: `P${pad(i + 1, 4)}`,
      name: `${brand} ${category.noun} ${rng.pick(variants)}`,
      category,
      categoryIndex,
      brand,
      supplier,
      regularPriceCents,
      unitCostCents: Math.round(regularPriceCents * (1 - margin)),
      casePack,
      moq: slowMover ? casePack : casePack * rng.int(1, 4),
      baseDemand,
      slowMover,
      zeroInflation: slowMover ? rng.uniform(0.2, 0.5) : 0,
      dispersion: slowMover ? rng.uniform(0.4, 1.2) : rng.uniform(4, 25),
      elasticity,
      promoElasticity: elasticity * 1.6 - 0.5,
      trendPerYear: 0.02 + 0.08 * rng.normal(),
      priceChanges: [],
      promotions: [],
      postPromoDip: rng.uniform(0.1, 0.3),
      priceCents: new Int32Array(days),
      promo: new Uint8Array(days),
      multiplier: new Float64Array(days),
    };
    // Regular price changes: 0-2 over the history, mostly increases.
    const changeCount = rng.int(0, 2);
    let price = regularPriceCents;
    const changeDays: number[] = [];
    for (let c = 0; c < changeCount; c++)
      changeDays.push(rng.int(60, days - 60));
    changeDays.sort((a, b) => a - b);
    for (const day of changeDays) {
      const factor = rng.bool(0.7)
        ? 1 + rng.uniform(0.05, 0.15)
        : 1 - rng.uniform(0.05, 0.12);
      const next = charmPrice(price * factor);
      if (next !== price) {
        price = next;
        product.priceChanges.push({ day, priceCents: next });
      }
    }
    // Promotions: 3-6 per year, 7 or 14 days, 10-35 % off, never overlapping the previous dip window.
    const perYear = rng.int(3, 6);
    const count = Math.max(1, Math.round((perYear * days) / 365));
    const slot = Math.floor(days / count);
    for (let k = 0; k < count; k++) {
      const duration = rng.pick([7, 7, 14]);
      const room = slot - duration - 15;
      if (room < 1) continue;
      const start = k * slot + rng.int(0, room);
      product.promotions.push({
        start,
        end: start + duration - 1,
        discount: rng.uniform(0.1, 0.35),
      });
    }
    fillProductDays(product, days);
    products.push(product);
  }
  return products;
}

function fillProductDays(product: DemoProduct, days: number): void {
  let regular = product.regularPriceCents;
  let changeIndex = 0;
  for (let t = 0; t < days; t++) {
    while (
      changeIndex < product.priceChanges.length &&
      product.priceChanges[changeIndex].day <= t
    ) {
      regular = product.priceChanges[changeIndex].priceCents;
      changeIndex++;
    }
    const trend = Math.exp((product.trendPerYear * (t - days)) / 365);
    const priceEffect = Math.pow(
      regular / product.regularPriceCents,
      product.elasticity,
    );
    product.priceCents[t] = regular;
    product.multiplier[t] = trend * priceEffect;
  }
  for (const promotion of product.promotions) {
    for (let t = promotion.start; t <= promotion.end && t < days; t++) {
      const regularPrice = product.priceCents[t];
      const promoPrice = Math.round(regularPrice * (1 - promotion.discount));
      product.priceCents[t] = promoPrice;
      product.promo[t] = 1;
      product.multiplier[t] *= Math.pow(
        promoPrice / regularPrice,
        product.promoElasticity,
      );
    }
    // Post-promotion dip (customers stocked up): decays over two weeks.
    for (let k = 1; k <= 14; k++) {
      const t = promotion.end + k;
      if (t >= days || product.promo[t]) break;
      product.multiplier[t] *=
        1 - product.postPromoDip * Math.exp(-(k - 1) / 5);
    }
  }
}

function buildSignals(
  options: ResolvedDemoOptions,
  total: number,
  firstDay: number,
) {
  const rng = new Rng(hashSeed(options.seed, STREAM.signals));
  const consumerConfidence = new Float64Array(total);
  const fuelPrice = new Float64Array(total);
  // Consumer confidence: mean-reverting AR(1) around 100 (stationary sd about 7) with rare shocks.
  let cc = 100 + 6 * rng.normal();
  let fuelDeviation = 0.3 * rng.normal();
  for (let t = 0; t < total; t++) {
    cc = 100 + 0.995 * (cc - 100) + 0.7 * rng.normal();
    if (rng.bool(0.004)) cc += rng.uniform(-8, 6);
    consumerConfidence[t] = Math.round(cc * 10) / 10;
    // Fuel price (USD/gal): mean-reverting deviation around 3.40 plus a summer driving-season bump.
    fuelDeviation = 0.997 * fuelDeviation + 0.025 * rng.normal();
    const doy = dayOfYear(firstDay + t);
    const seasonal = 0.18 * Math.cos((2 * Math.PI * (doy - 170)) / 365.25);
    fuelPrice[t] =
      Math.round(Math.max(2, 3.4 + seasonal + fuelDeviation) * 1000) / 1000;
  }
  const searchIndex = new Map<string, Float64Array>();
  for (const category of CATEGORIES) {
    if (!category.searchSignal) continue;
    const values = new Float64Array(total);
    const seasonalAmp = category.tag === 'summer' ? 0.8 : 0.1;
    // A "viral" bump: a few months of elevated interest at a random time in the history.
    const bumpCenter = rng.int(
      Math.floor(total * 0.2),
      Math.floor(total * 0.8),
    );
    const bumpHeight = rng.uniform(0.5, 0.9);
    let noise = 0;
    for (let t = 0; t < total; t++) {
      noise = 0.9 * noise + 0.05 * rng.normal();
      const doy = dayOfYear(firstDay + t);
      const seasonal =
        seasonalAmp *
        Math.cos((2 * Math.PI * (doy - category.yearlyPeakDoy)) / 365.25);
      const bump =
        bumpHeight * Math.exp(-0.5 * Math.pow((t - bumpCenter) / 25, 2));
      values[t] =
        Math.round(
          Math.min(100, Math.max(1, 40 * Math.exp(seasonal + bump + noise))) *
            10,
        ) / 10;
    }
    searchIndex.set(category.path, values);
  }
  return { consumerConfidence, fuelPrice, searchIndex };
}

function eventLift(event: DemoEvent, tag: CategorySpec['tag']): number {
  return event.lift[tag] ?? event.defaultLift;
}

/** Builds everything except the per-series simulation. Cheap (milliseconds). */
export function buildDemoWorld(options: DemoOptions = {}): DemoWorld {
  const resolved = resolveDemoOptions(options);
  const days = resolved.days;
  const lastDay = parseIsoDate(resolved.endDate);
  const firstDay = lastDay - days + 1;
  const total = days + resolved.futureDays;
  const dates: string[] = [];
  const weekday = new Uint8Array(total);
  for (let t = 0; t < total; t++) {
    dates.push(formatDay(firstDay + t));
    weekday[t] = dayOfWeek(firstDay + t);
  }
  const stores = buildStores(resolved);
  const products = buildProducts(resolved);
  const events = buildEvents(firstDay, firstDay + total - 1);
  const { consumerConfidence, fuelPrice, searchIndex } = buildSignals(
    resolved,
    total,
    firstDay,
  );

  const categoryDay = CATEGORIES.map((category) => {
    const values = new Float64Array(days);
    const search = searchIndex.get(category.path);
    let searchMean = 1;
    if (search) {
      let sum = 0;
      for (let t = 0; t < days; t++) sum += search[t];
      searchMean = sum / days;
    }
    for (let t = 0; t < days; t++) {
      const doy = dayOfYear(firstDay + t);
      const yearly = Math.exp(
        category.yearlyAmplitude *
          Math.cos((2 * Math.PI * (doy - category.yearlyPeakDoy)) / 365.25),
      );
      const confidence = Math.exp(
        CONFIDENCE_LOADING[category.tag] * ((consumerConfidence[t] - 100) / 5),
      );
      const fuel = Math.exp(FUEL_LOADING * (fuelPrice[t] - 3.4));
      const searchEffect = search
        ? Math.pow(search[t] / searchMean, SEARCH_LOADING)
        : 1;
      values[t] = yearly * confidence * fuel * searchEffect;
    }
    applyEvents(values, events, category, firstDay, 'global', '');
    return values;
  });
  const regionCategoryDay = REGIONS.map((region) =>
    CATEGORIES.map((category) => {
      const values = new Float64Array(days).fill(1);
      applyEvents(values, events, category, firstDay, 'region', region.name);
      return values;
    }),
  );
  return {
    options: resolved,
    firstDay,
    dates,
    stores,
    suppliers: SUPPLIERS,
    products,
    events,
    consumerConfidence,
    fuelPrice,
    searchIndex,
    categoryDay,
    regionCategoryDay,
    weekday,
    carried: buildAssortment(resolved.seed, resolved.stores, resolved.products),
  };
}

function applyEvents(
  values: Float64Array,
  events: DemoEvent[],
  category: CategorySpec,
  firstDay: number,
  scope: DemoEvent['scope'],
  scopeKey: string,
): void {
  const days = values.length;
  for (const event of events) {
    if (event.scope !== scope || event.scopeKey !== scopeKey) continue;
    const full = event.type === 'closure' ? 0 : eventLift(event, category.tag);
    for (let d = event.start - event.leadDays; d <= event.end; d++) {
      const t = d - firstDay;
      if (t < 0 || t >= days) continue;
      if (full === 0) {
        values[t] = 0;
        continue;
      }
      // Linear ramp-up over the lead days, full effect on the event days themselves.
      const ramp =
        d >= event.start
          ? 1
          : (d - (event.start - event.leadDays) + 1) / (event.leadDays + 1);
      values[t] *= 1 + (full - 1) * ramp;
    }
  }
}

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

// ---- CSV formatting -----------------------------------------------------------------------------

export function* storeLines(world: DemoWorld): Generator<string> {
  yield csvHeader('stores');
  for (const store of world.stores)
    yield csvLine([store.code, store.name, store.region, store.timezone]);
}

export function* supplierLines(world: DemoWorld): Generator<string> {
  yield csvHeader('suppliers');
  for (const s of world.suppliers)
    yield csvLine([
      s.code,
      s.name,
      s.leadTimeMeanDays,
      s.leadTimeSdDays,
      s.reviewPeriodDays,
    ]);
}

export function* productLines(world: DemoWorld): Generator<string> {
  yield csvHeader('products');
  for (const p of world.products) {
    const attributes = JSON.stringify({
      department: p.category.path.split('/')[0],
      slow_mover: p.slowMover,
      perishable: p.category.shelfLifeDays !== null,
    });
    yield csvLine([
      p.sku,
      p.name,
      p.category.path,
      p.brand,
      formatCents(p.regularPriceCents),
      formatCents(p.unitCostCents),
      p.casePack,
      p.moq,
      p.category.shelfLifeDays ?? '',
      p.supplier.code,
      attributes,
    ]);
  }
}

/** Sales lines of one series (no header). */
export function salesLinesOf(
  world: DemoWorld,
  series: SeriesResult,
  out: string[],
): void {
  const store = world.stores[series.storeIndex];
  const product = world.products[series.productIndex];
  const prefix = `${store.code},${product.sku},`;
  const dates = world.dates;
  const { units, stockout } = series;
  const { priceCents, promo } = product;
  for (let t = 0; t < units.length; t++) {
    const u = units[t];
    const price = priceCents[t];
    out.push(
      `${prefix}${dates[t]},${u},${formatCents(u * price)},${formatCents(price)},${promo[t]},${stockout[t]},day`,
    );
  }
}

/** Inventory snapshot lines of one series for the last inventoryDays (no header). */
export function inventoryLinesOf(
  world: DemoWorld,
  series: SeriesResult,
  out: string[],
): void {
  const prefix = `${world.stores[series.storeIndex].code},${world.products[series.productIndex].sku},`;
  const days = world.options.days;
  for (let t = days - world.options.inventoryDays; t < days; t++)
    out.push(`${prefix}${world.dates[t]},${series.onHand[t]}`);
}

/**
 * Purchase order lines of one series (no header): orders still open at the end of the history
 * (status open, expected_date = planned arrival, possibly overdue) and those received within the
 * inventory window (status received, expected_date = actual arrival).
 */
export function purchaseOrderLinesOf(
  world: DemoWorld,
  series: SeriesResult,
  out: string[],
): void {
  const store = world.stores[series.storeIndex];
  const product = world.products[series.productIndex];
  const days = world.options.days;
  const windowStart = days - world.options.inventoryDays;
  series.orders.forEach((order, index) => {
    const open = order.arrivalDay >= days;
    if (!open && order.arrivalDay < windowStart) return;
    const poNumber = `PO-${store.code}-${product.sku}-${pad(index + 1, 4)}`;
    out.push(
      csvLine([
        poNumber,
        store.code,
        product.sku,
        product.supplier.code,
        order.quantity,
        world.dates[order.orderedDay],
        world.dates[open ? order.expectedDay : order.arrivalDay] ??
          formatDay(
            world.firstDay + (open ? order.expectedDay : order.arrivalDay),
          ),
        open ? 'open' : 'received',
      ]),
    );
  });
}

export function* signalLines(world: DemoWorld): Generator<string> {
  yield csvHeader('signals');
  const total = world.dates.length;
  for (let t = 0; t < total; t++)
    yield `consumer_confidence,global,,${world.dates[t]},${formatNumber(world.consumerConfidence[t], 1)}`;
  for (let t = 0; t < total; t++)
    yield `fuel_price,global,,${world.dates[t]},${formatNumber(world.fuelPrice[t], 3)}`;
  for (const [path, values] of world.searchIndex) {
    for (let t = 0; t < total; t++)
      yield `search_index,category,${path},${world.dates[t]},${formatNumber(values[t], 1)}`;
  }
}

export function* eventLines(world: DemoWorld): Generator<string> {
  yield csvHeader('events');
  for (const event of world.events) {
    yield csvLine([
      event.name,
      event.type,
      formatDay(event.start),
      formatDay(event.end),
      event.scope,
      event.scopeKey,
    ]);
  }
}

function* seriesDerivedLines(
  world: DemoWorld,
  kind: 'sales' | 'inventory' | 'purchase-orders',
): Generator<string> {
  yield csvHeader(kind);
  const format =
    kind === 'sales'
      ? salesLinesOf
      : kind === 'inventory'
        ? inventoryLinesOf
        : purchaseOrderLinesOf;
  const buffer: string[] = [];
  for (const series of iterateSeries(world)) {
    buffer.length = 0;
    format(world, series, buffer);
    yield* buffer;
  }
}

const reiterable = (make: () => Iterator<string>): Iterable<string> => ({
  [Symbol.iterator]: make,
});

/**
 * Lazily generated CSV lines per import kind (header first, no newline characters). Sales,
 * inventory and purchase orders each run the series simulation when iterated (deterministically, so
 * they agree); use writeDemoCsv to produce all files in one simulation pass.
 */
export function generateDemo(options: DemoOptions = {}): DemoCsv {
  const world = buildDemoWorld(options);
  return {
    stores: reiterable(() => storeLines(world)),
    suppliers: reiterable(() => supplierLines(world)),
    products: reiterable(() => productLines(world)),
    sales: reiterable(() => seriesDerivedLines(world, 'sales')),
    inventory: reiterable(() => seriesDerivedLines(world, 'inventory')),
    'purchase-orders': reiterable(() =>
      seriesDerivedLines(world, 'purchase-orders'),
    ),
    signals: reiterable(() => signalLines(world)),
    events: reiterable(() => eventLines(world)),
    transactions: reiterable(() => basketLines(world)),
  };
}
