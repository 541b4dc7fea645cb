import { CSV_FORMATS } from '@shelfcast/contracts';
import {
  basketLines,
  buildDemoWorld,
  complementsOf,
  parseCsvLine,
  plantedPairs,
} from '@shelfcast/demo-data';
import { packBaskets } from './baskets';
import { countCoOccurrence, pairCount } from './cooccurrence';
import { pairMetrics } from './metrics';

// The demo generator's basket lines (demo-data cannot import this library: its bench imports
// demo-data), checked here: item-CF finds the planted pairs.
const world = buildDemoWorld({ stores: 6, products: 52, days: 400, seed: 3 });
const lines = [...basketLines(world)];
const rows = lines.slice(1).map(parseCsvLine);

describe('demo basket lines through the affinity library', () => {
  it('reads the transactions columns', () => {
    expect(lines[0]).toBe(
      CSV_FORMATS.transactions.map((c) => c.name).join(','),
    );
  });

  it('the planted complementary pairs have lift well above 1 through the affinity library', () => {
    const skuIndex = new Map(world.products.map((p, i) => [p.sku, i]));
    const byBasket = new Map<string, number[]>();
    for (const [basket, , , sku] of rows) {
      const list = byBasket.get(basket) ?? [];
      list.push(skuIndex.get(sku) ?? -1);
      byBasket.set(basket, list);
    }
    const co = countCoOccurrence(
      packBaskets(byBasket.values(), world.products.length),
    );
    const metricsOf = (a: number, c: number) =>
      pairMetrics(
        co.itemCounts[a],
        co.itemCounts[c],
        pairCount(co, a, c),
        co.basketCount,
      );
    const pairs = plantedPairs(world);
    expect(pairs.length).toBeGreaterThanOrEqual(10);
    const complements = complementsOf(world);
    for (const [a, c] of pairs) {
      const i = skuIndex.get(a) ?? -1;
      const j = skuIndex.get(c) ?? -1;
      expect(complements[i]).toBe(j);
      const m = metricsOf(i, j);
      expect(m.count).toBeGreaterThanOrEqual(3);
      expect(m.lift).toBeGreaterThan(3);
    }
    // A pair that was not planted (two products of unrelated categories) stays near chance.
    const orange = skuIndex.get(world.products[0].sku) ?? -1; // beverages/juice/orange
    const sunscreen = skuIndex.get(world.products[12].sku) ?? -1; // personal-care/sun/sunscreen
    expect(metricsOf(orange, sunscreen).lift).toBeLessThan(2);
  });
});
