import {
  basketCount,
  basketItems,
  type Baskets,
  itemSupportCounts,
} from './baskets';
import type { BasketRecommender } from './recommenders';

export interface LeaveOneOutResult {
  name: string;
  /** Held-out items scored. */
  cases: number;
  /** Share of cases whose held-out item ranks in the top `k`. */
  hitRate: number;
  /** Mean of 1 / rank of the held-out item (0 when ranked below `maxRank`). */
  mrr: number;
  /** Test baskets with at least two items. */
  baskets: number;
  /**
   * Hit rate with each basket weighing once (the mean over its hidden items): the expected value
   * of hiding one random item per basket, as in Deshpande & Karypis (2004).
   */
  basketHitRate: number;
  /** MRR with each basket weighing once. */
  basketMrr: number;
  k: number;
}

/**
 * Leave-one-item-out: in every test basket with at least two items, each item in turn is hidden
 * and the recommender ranks all items not in the rest of the basket. Ties (and items a model
 * cannot score) are broken by training popularity, the same for every model.
 */
export function leaveOneItemOut(
  test: Baskets,
  train: Baskets,
  recommender: BasketRecommender,
  options: { k?: number; maxRank?: number } = {},
): LeaveOneOutResult {
  const k = options.k ?? 10;
  const maxRank = options.maxRank ?? 100;
  const popularity = itemSupportCounts(train);
  const maxPop = Math.max(1, ...popularity);
  const scores = new Float64Array(test.itemCount);
  const excluded = new Uint8Array(test.itemCount);
  let cases = 0;
  let hits = 0;
  let rr = 0;
  let evaluated = 0;
  let basketHits = 0;
  let basketRr = 0;
  for (let b = 0; b < basketCount(test); b++) {
    const items = basketItems(test, b);
    if (items.length < 2) continue;
    let hitsHere = 0;
    let rrHere = 0;
    for (let h = 0; h < items.length; h++) {
      const hidden = items[h];
      const context = Uint32Array.from(items.filter((_, x) => x !== h));
      recommender.score(context, scores);
      for (const c of context) excluded[c] = 1;
      // Rank = 1 + items that beat the hidden one; popularity breaks ties (scaled below 1 step).
      const target =
        scores[hidden] + (popularity[hidden] / (maxPop + 1)) * 1e-9;
      let rank = 1;
      for (let j = 0; j < scores.length && rank <= maxRank; j++) {
        if (j === hidden || excluded[j]) continue;
        const s = scores[j] + (popularity[j] / (maxPop + 1)) * 1e-9;
        if (s > target || (s === target && j < hidden)) rank++;
      }
      for (const c of context) excluded[c] = 0;
      cases++;
      if (rank <= k) hitsHere++;
      if (rank <= maxRank) rrHere += 1 / rank;
    }
    hits += hitsHere;
    rr += rrHere;
    evaluated++;
    basketHits += hitsHere / items.length;
    basketRr += rrHere / items.length;
  }
  return {
    name: recommender.name,
    cases,
    hitRate: cases ? hits / cases : 0,
    mrr: cases ? rr / cases : 0,
    baskets: evaluated,
    basketHitRate: evaluated ? basketHits / evaluated : 0,
    basketMrr: evaluated ? basketRr / evaluated : 0,
    k,
  };
}
