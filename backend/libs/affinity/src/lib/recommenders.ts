import type { AssociationRule } from './apriori';
import { itemSupportCounts, type Baskets } from './baskets';
import { countCoOccurrence } from './cooccurrence';
import { topKNeighbours, type NeighbourMetric } from './neighbours';

/**
 * Scores every item for a partial basket: `scores[j]` rises with how likely j completes it.
 * Items already in the basket are excluded by the caller.
 */
export interface BasketRecommender {
  readonly name: string;
  score(context: ArrayLike<number>, scores: Float64Array): void;
}

/** Most bought items first, whatever is in the basket. */
export function popularityRecommender(train: Baskets): BasketRecommender {
  const counts = itemSupportCounts(train);
  return {
    name: 'popularity',
    score(_context, scores) {
      for (let j = 0; j < counts.length; j++) scores[j] = counts[j];
    },
  };
}

export interface ItemCfOptions {
  /** Neighbours kept per item (default 50). */
  k?: number;
  /** Minimum baskets holding both items of a pair (default 2). */
  minCount?: number;
  metric?: NeighbourMetric;
  /**
   * Exponent on the similarity before summing over the basket's items (default 1). Values above
   * 1 let one strong neighbour outweigh several weak ones.
   */
  power?: number;
}

/**
 * Item-based collaborative filtering: each item of the basket votes for its top-K neighbours with
 * their similarity; votes add up across the basket's items.
 */
export function itemCfRecommender(
  train: Baskets,
  options: ItemCfOptions = {},
): BasketRecommender {
  const co = countCoOccurrence(train);
  const metric = options.metric ?? 'cosine';
  const lists = topKNeighbours(co, {
    k: options.k ?? 50,
    minCount: options.minCount ?? 2,
    metric,
  });
  const power = options.power ?? 1;
  // Flatten to typed arrays: the scorer runs once per evaluation case.
  const ptr = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => (ptr[i + 1] = ptr[i] + l.length));
  const cols = new Uint32Array(ptr[lists.length]);
  const sims = new Float64Array(ptr[lists.length]);
  lists.forEach((l, i) =>
    l.forEach((n, x) => {
      cols[ptr[i] + x] = n.item;
      sims[ptr[i] + x] = Math.pow(n[metric], power);
    }),
  );
  return {
    name: `item-CF (${metric})`,
    score(context, scores) {
      scores.fill(0);
      for (let c = 0; c < context.length; c++) {
        const i = context[c];
        for (let p = ptr[i]; p < ptr[i + 1]; p++) scores[cols[p]] += sims[p];
      }
    },
  };
}

/**
 * Association rules as a recommender: an item scores the highest confidence of any rule whose
 * antecedent lies inside the basket and whose consequent is that item.
 */
export function rulesRecommender(
  rules: readonly AssociationRule[],
): BasketRecommender {
  return {
    name: 'association rules',
    score(context, scores) {
      scores.fill(0);
      const inBasket = new Set<number>(Array.from(context));
      for (const r of rules) {
        if (r.confidence <= scores[r.consequent]) continue;
        if (r.antecedent.every((a) => inBasket.has(a)))
          scores[r.consequent] = r.confidence;
      }
    },
  };
}
