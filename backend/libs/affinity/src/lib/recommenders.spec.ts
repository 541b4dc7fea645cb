import { associationRules, frequentItemsets } from './apriori';
import { packBaskets } from './baskets';
import { popularItemAndPairs } from '../../test/fixtures/popular-item-and-pairs';
import { leaveOneItemOut } from './evaluation';
import {
  itemCfRecommender,
  popularityRecommender,
  rulesRecommender,
} from './recommenders';

const train = popularItemAndPairs;
const test = packBaskets([
  [1, 2],
  [3, 4],
]);

describe('basket recommenders and leave-one-item-out', () => {
  it('popularity ranks the popular item first whatever the basket', () => {
    const r = leaveOneItemOut(test, train, popularityRecommender(train), {
      k: 1,
    });
    expect(r.cases).toBe(4);
    expect(r.hitRate).toBe(0);
    // Hidden 1 (context 2): ranks 0 first, then 1 beats 3 and 4 on the popularity tie-break by id.
    expect(r.mrr).toBeGreaterThan(0);
    expect(r.mrr).toBeLessThan(1);
  });

  it('item-CF recovers the partner item in every case', () => {
    const cf = itemCfRecommender(train, { k: 5, minCount: 1 });
    const scores = new Float64Array(5);
    cf.score([1], scores);
    expect(scores[2]).toBeCloseTo(1); // cosine of identical basket vectors
    expect(scores[0]).toBe(0);
    const r = leaveOneItemOut(test, train, cf, { k: 1 });
    expect(r.hitRate).toBe(1);
    expect(r.mrr).toBe(1);
  });

  it('association rules score by the best matching rule confidence', () => {
    const sets = frequentItemsets(train, { minSupport: 0.2 });
    const rules = associationRules(sets, 11, { minConfidence: 0.5 });
    const rec = rulesRecommender(rules);
    const scores = new Float64Array(5);
    rec.score([3], scores);
    expect(scores[4]).toBe(1);
    expect(scores[2]).toBe(0);
    expect(leaveOneItemOut(test, train, rec, { k: 1 }).hitRate).toBe(1);
  });
});
