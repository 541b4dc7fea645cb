import { CATEGORIES, SUPPLIERS } from './catalog';
import { pad } from './csv';
import type { ResolvedDemoOptions } from './options';
import { Rng, hashSeed } from './prng';
import { STREAM } from './streams';
import type { DemoProduct } from './world-types';

/** Rounds a price to a "charm" price ending in 9 cents (e.g. 3.49). */
function charmPrice(cents: number): number {
  const rounded = Math.max(49, Math.round(cents / 10) * 10 - 1);
  return rounded;
}

export function buildProducts(options: ResolvedDemoOptions): DemoProduct[] {
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
