import type { SeriesInput } from '@shelfcast/forecasting';
import { applyColdStartPriors } from './cold-start-priors';

const series = (id: string, values: number[]): SeriesInput => ({
  id,
  start: '2026-01-05',
  values: Float64Array.from(values),
});
const keyOf = (s: SeriesInput) => {
  const [store, product] = s.id.split(':').map(Number);
  return { storeId: store, productId: product };
};

describe('cold-start priors', () => {
  // Product 2 is new in store 1; product 1 is its similar neighbour. In store 2 product 2 sells
  // half as much as product 1, in store 3 also half: the prior is half of product 1 in store 1.
  const panel = () => [
    series('1:1', [100, 100, 100, 100]),
    series('1:2', [NaN, NaN, NaN, NaN]),
    series('2:1', [40, 40, 40, 40]),
    series('2:2', [20, 20, 20, 20]),
    series('3:1', [10, 10, 10, 10]),
    series('3:2', [5, 5, 5, 5]),
  ];
  const neighbours = new Map([[2, [{ productId: 1, similarity: 0.9 }]]]);

  it('borrows the scaled level of similar established products in the same store', () => {
    const p = panel();
    expect(applyColdStartPriors(p, keyOf, neighbours, 'week')).toBe(1);
    expect(p[1].attributes?.levelPrior).toBeCloseTo(50);
    // Series with history keep the engine's own handling.
    expect(p[0].attributes?.levelPrior).toBeUndefined();
  });

  it('leaves the engine default when no other store shows how the product relates to its donors', () => {
    const p = panel().slice(0, 2);
    expect(applyColdStartPriors(p, keyOf, neighbours, 'week')).toBe(0);
    expect(p[1].attributes?.levelPrior).toBeUndefined();
    expect(applyColdStartPriors(panel(), keyOf, new Map(), 'week')).toBe(0);
  });
});
