/**
 * Demo basket lines (the `transactions` import kind): a sampled receipt feed over the last year of
 * the demo history, consistent with the demo world. Baskets per store and day follow the store's
 * size and the day's traffic (weekday, season, signals, holidays; none on closure days); items are
 * drawn by product popularity that day (promotions included) among the products the store
 * carries, with planted affinities so that item-CF has something real to find:
 * - complementary category pairs (cola & chips, milk & bread, …): the k-th product of one category
 *   goes with the k-th product of the other;
 * - brand loyalty: a basket's next item is often another product of a brand already in it;
 * - loyalty-card customers (a share of baskets) with two favourite products each, so customer
 *   segment picks exist.
 */
import { CATEGORIES, WEEKLY_PROFILE } from './catalog';
import { csvHeader } from './csv';
import type { DemoWorld } from './generator';
import { Rng, hashSeed } from './prng';

export const BASKET_DEFAULTS = {
  /** The receipt feed covers at most this many days before the end date. */
  historyDays: 365,
  /** Mean baskets per day of a store of size 1 on an average day. */
  basketsPerDay: 6,
  /** Mean basket size is 1 + this. */
  extraItems: 2,
  maxItems: 8,
  /** After an item, the chance that the next one is its planted complement. */
  complementProbability: 0.45,
  /** Otherwise, the chance that the next one is another product of a brand in the basket. */
  sameBrandProbability: 0.2,
  /** Share of baskets with a loyalty card. */
  cardShare: 0.35,
  /** Loyalty customers per store of size 1. */
  customersPerStore: 120,
  /** Chance that a card holder's basket starts with one of their favourite products. */
  favouriteProbability: 0.4,
} as const;

/** Category path pairs whose products are bought together (planted affinity). */
export const COMPLEMENTARY_CATEGORIES: readonly (readonly [string, string])[] =
  [
    ['beverages/soft-drinks/cola', 'snacks/chips/potato'],
    ['dairy/milk/whole', 'bakery/bread/sliced'],
    ['dairy/yogurt/greek', 'produce/fruit/berries'],
    ['snacks/confectionery/chocolate', 'frozen/desserts/ice-cream'],
    ['household/cleaning/detergent', 'personal-care/oral/toothpaste'],
  ];

const BASKET_STREAM = 7;

/**
 * Planted complement of each product index (-1 = none): products are assigned to categories
 * round-robin, so the k-th product of category A is index A + k·n and pairs with B + k·n.
 */
export function complementsOf(world: DemoWorld): Int32Array {
  const n = CATEGORIES.length;
  const count = world.products.length;
  const out = new Int32Array(count).fill(-1);
  const indexOf = new Map(CATEGORIES.map((c, i) => [c.path, i]));
  for (const [a, b] of COMPLEMENTARY_CATEGORIES) {
    const ia = indexOf.get(a);
    const ib = indexOf.get(b);
    if (ia === undefined || ib === undefined) continue;
    for (let k = 0; ia + k * n < count && ib + k * n < count; k++) {
      out[ia + k * n] = ib + k * n;
      out[ib + k * n] = ia + k * n;
    }
  }
  return out;
}

/** The planted complementary pairs as SKU pairs (each pair once). */
export function plantedPairs(world: DemoWorld): [string, string][] {
  const complements = complementsOf(world);
  const pairs: [string, string][] = [];
  complements.forEach((c, p) => {
    if (c > p) pairs.push([world.products[p].sku, world.products[c].sku]);
  });
  return pairs;
}

/** Store traffic multiplier per history day: weekday × mean category level (0 when closed). */
function trafficOf(world: DemoWorld, storeIndex: number, t: number): number {
  const region = world.regionCategoryDay[world.stores[storeIndex].regionIndex];
  let sum = 0;
  for (let c = 0; c < CATEGORIES.length; c++) {
    const weekly = WEEKLY_PROFILE[CATEGORIES[c].tag];
    const mean = weekly.reduce((a, b) => a + b, 0) / weekly.length;
    sum +=
      world.categoryDay[c][t] *
      region[c][t] *
      (weekly[world.weekday[t]] / mean);
  }
  return sum / CATEGORIES.length;
}

/** Index of the first cumulative weight above `x` (binary search). */
function drawIndex(cumulative: Float64Array, size: number, x: number): number {
  let lo = 0;
  let hi = size - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Basket lines of the demo world, header first. Deterministic: one random stream per store.
 * Only products the store carries appear.
 */
export function* basketLines(world: DemoWorld): Generator<string> {
  yield csvHeader('transactions');
  const o = BASKET_DEFAULTS;
  const days = world.options.days;
  const firstBasketDay = Math.max(0, days - o.historyDays);
  const productCount = world.products.length;
  const complements = complementsOf(world);
  const byBrand = new Map<string, number[]>();
  world.products.forEach((p, i) => {
    const list = byBrand.get(p.brand) ?? [];
    list.push(i);
    byBrand.set(p.brand, list);
  });
  const carriedIdx = new Int32Array(productCount);
  const cumulative = new Float64Array(productCount);
  const inBasket = new Uint8Array(productCount);

  for (let s = 0; s < world.stores.length; s++) {
    const store = world.stores[s];
    const rng = new Rng(hashSeed(world.options.seed, BASKET_STREAM, s));
    const carries = (p: number): boolean =>
      world.carried[s * productCount + p] === 1;
    let carriedCount = 0;
    for (let p = 0; p < productCount; p++)
      if (carries(p)) carriedIdx[carriedCount++] = p;
    if (carriedCount === 0) continue;
    const customers = Math.max(
      20,
      Math.round(o.customersPerStore * store.size),
    );
    const favourites = new Map<number, [number, number]>();

    for (let t = firstBasketDay; t < days; t++) {
      const traffic = trafficOf(world, s, t);
      if (traffic <= 0) continue;
      let total = 0;
      for (let k = 0; k < carriedCount; k++) {
        const p = carriedIdx[k];
        const product = world.products[p];
        total +=
          product.baseDemand *
          world.categoryDay[product.categoryIndex][t] *
          product.multiplier[t];
        cumulative[k] = total;
      }
      if (total <= 0) continue;
      const popular = (): number =>
        carriedIdx[drawIndex(cumulative, carriedCount, rng.next() * total)];
      const basketCount = rng.poisson(o.basketsPerDay * store.size * traffic);
      const ymd = world.dates[t].replaceAll('-', '');
      for (let b = 0; b < basketCount; b++) {
        const card = rng.bool(o.cardShare) ? rng.int(1, customers) : 0;
        const size = Math.min(
          o.maxItems,
          carriedCount,
          1 + rng.poisson(o.extraItems),
        );
        const items: number[] = [];
        const add = (p: number): boolean => {
          if (p < 0 || inBasket[p] || !carries(p)) return false;
          inBasket[p] = 1;
          items.push(p);
          return true;
        };
        if (card && rng.bool(o.favouriteProbability)) {
          let fav = favourites.get(card);
          if (!fav) {
            fav = [popular(), popular()];
            favourites.set(card, fav);
          }
          add(fav[rng.int(0, 1)]);
        }
        for (let tries = 0; items.length < size && tries < size * 6; tries++) {
          const last = items[items.length - 1];
          const r = rng.next();
          if (last !== undefined && r < o.complementProbability) {
            if (add(complements[last])) continue;
          } else if (
            last !== undefined &&
            r < o.complementProbability + o.sameBrandProbability
          ) {
            const brand = byBrand.get(world.products[last].brand) ?? [];
            if (add(brand[rng.int(0, brand.length - 1)])) continue;
          }
          add(popular());
        }
        const minute = rng.int(8 * 60, 21 * 60 + 59);
        const time = `${world.dates[t]}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const basketId = `${store.code}-${ymd}-${String(b + 1).padStart(4, '0')}`;
        const customer = card
          ? `L${store.code}-${String(card).padStart(5, '0')}`
          : '';
        for (const p of items) {
          const r = rng.next();
          const quantity = r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
          yield `${basketId},${time},${store.code},${world.products[p].sku},${quantity},${customer}`;
          inBasket[p] = 0;
        }
      }
    }
  }
}
