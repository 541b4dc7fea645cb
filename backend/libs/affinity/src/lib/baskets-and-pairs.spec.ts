import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { associationRules, frequentItemsets } from './apriori';
import {
  basketCount,
  itemSupportCounts,
  packBaskets,
  parseBasketLines,
} from './baskets';
import { countCoOccurrence, pairCount } from './cooccurrence';
import { pairMetrics } from './metrics';
import { topKNeighbours } from './neighbours';

// 0 bread, 1 butter, 2 milk, 3 beer
const small = packBaskets([
  [0, 1],
  [0, 1, 2],
  [0, 2],
  [2, 3],
  [1, 0, 0],
]);

describe('baskets and co-occurrence', () => {
  it('packs baskets sorted and de-duplicated', () => {
    expect(basketCount(small)).toBe(5);
    expect(
      Array.from(small.items.subarray(small.offsets[4], small.offsets[5])),
    ).toEqual([0, 1]);
    expect(Array.from(itemSupportCounts(small))).toEqual([4, 3, 3, 1]);
    expect(() => packBaskets([[-1]])).toThrow(/non-negative/);
  });

  it('counts each pair once per basket in a symmetric CSR', () => {
    const c = countCoOccurrence(small);
    expect(pairCount(c, 0, 1)).toBe(3);
    expect(pairCount(c, 1, 0)).toBe(3);
    expect(pairCount(c, 0, 2)).toBe(2);
    expect(pairCount(c, 2, 3)).toBe(1);
    expect(pairCount(c, 0, 3)).toBe(0);
    expect(c.rowPtr[c.itemCount]).toBe(2 * 4); // 4 distinct pairs, stored both ways
  });

  it('computes support, confidence, lift and cosine', () => {
    const m = pairMetrics(4, 3, 3, 5); // bread → butter
    expect(m.support).toBeCloseTo(0.6);
    expect(m.confidence).toBeCloseTo(0.75);
    expect(m.lift).toBeCloseTo(0.75 / 0.6);
    expect(m.cosine).toBeCloseTo(3 / Math.sqrt(12));
    expect(pairMetrics(0, 3, 0, 5).lift).toBe(0);
  });

  it('keeps the top-K neighbours above the minimum support, best first', () => {
    const c = countCoOccurrence(small);
    const top = topKNeighbours(c, { k: 1, minCount: 1 });
    expect(top[0].map((n) => n.item)).toEqual([1]);
    const strict = topKNeighbours(c, { k: 5, minCount: 1, minSupport: 0.4 });
    expect(strict[2].map((n) => n.item)).toEqual([0]); // milk–beer appears once: below 40%
    expect(strict[3]).toEqual([]);
    const byLift = topKNeighbours(c, { k: 5, minCount: 1, metric: 'lift' });
    expect(byLift[2][0].item).toBe(3); // milk → beer has lift 5/3
  });
});

describe('apriori', () => {
  it('finds frequent itemsets of every size and single-consequent rules', () => {
    const b = packBaskets([
      [0, 1, 2],
      [0, 1, 2],
      [0, 1],
      [2, 3],
    ]);
    const sets = frequentItemsets(b, { minSupport: 0.5 });
    const keys = sets.map((s) => `${s.items.join('')}:${s.count}`).sort();
    expect(keys).toEqual([
      '012:2',
      '01:3',
      '02:2',
      '0:3',
      '12:2',
      '1:3',
      '2:3',
    ]);
    const rules = associationRules(sets, 4, { minConfidence: 0.9 });
    const text = rules
      .map((r) => `${r.antecedent.join('')}>${r.consequent}`)
      .sort();
    expect(text).toEqual(['02>1', '0>1', '12>0', '1>0']);
    const r = rules.find((x) => x.antecedent.join('') === '02');
    expect(r?.confidence).toBe(1);
    expect(r?.lift).toBeCloseTo(4 / 3);
  });

  it('reproduces the published 463 rules on the Groceries baskets (support 0.006, confidence 0.25)', () => {
    const text = readFileSync(
      join(__dirname, '../fixtures/groceries.csv'),
      'utf8',
    );
    const { baskets, names } = parseBasketLines(text);
    expect(basketCount(baskets)).toBe(9835);
    expect(names.length).toBe(169);
    const sets = frequentItemsets(baskets, { minSupport: 0.006 });
    const rules = associationRules(sets, 9835, {
      minConfidence: 0.25,
      minLength: 2,
    });
    expect(rules.length).toBe(463);
    // arules' strongest rule by lift at these thresholds: {herbs} → {root vegetables}, lift 3.956
    const best = [...rules].sort((a, b) => b.lift - a.lift)[0];
    expect(best.antecedent.map((i) => names[i])).toEqual(['herbs']);
    expect(names[best.consequent]).toBe('root vegetables');
    expect(best.lift).toBeCloseTo(3.956, 2);
  });
});
