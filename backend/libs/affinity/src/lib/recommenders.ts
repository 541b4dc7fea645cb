import type { AssociationRule } from './apriori';
import { itemSupportCounts, type Baskets } from './baskets';
import { countCoOccurrence } from './cooccurrence';
import {
  conditionalSimilarityRows,
  normalizeRows,
  type SimilarityRows,
} from './item-similarity';
import {
  type Neighbour,
  topKNeighbours,
  type NeighbourMetric,
} from './neighbours';

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
  /** Symmetric similarity from `topKNeighbours` (default cosine); ignored when `alpha` is set. */
  metric?: NeighbourMetric;
  /**
   * Use the asymmetric conditional-probability similarity count(i, j) / (count(i) · count(j)^α)
   * of Deshpande & Karypis instead of `metric`.
   */
  alpha?: number;
  /** Weigh each basket's pairs by 1 / (size − 1) (conditional similarity only; default 'none'). */
  basketWeight?: 'none' | 'inverse-size';
  /** Shrinkage count / (count + shrink) on each pair (conditional similarity only; default 0). */
  shrink?: number;
  /** Scale each item's neighbour row to sum 1 (default false). */
  normalize?: boolean;
  /**
   * Exponent on the similarity before summing over the basket's items (default 1). Values above
   * 1 let one strong neighbour outweigh several weak ones.
   */
  power?: number;
  /**
   * Popularity prior: score = mean vote over the basket's items + λ · support of the candidate
   * (default 0, votes only).
   */
  popularityWeight?: number;
}

/**
 * Item-based collaborative filtering: each item of the basket votes for its top-K neighbours with
 * their similarity; votes are averaged over the basket's items, plus an optional popularity prior.
 */
export function itemCfRecommender(
  train: Baskets,
  options: ItemCfOptions = {},
): BasketRecommender {
  const conditional = options.alpha !== undefined;
  const co = countCoOccurrence(train, {
    basketWeight: conditional ? (options.basketWeight ?? 'none') : 'none',
  });
  const metric = options.metric ?? 'cosine';
  const k = options.k ?? 50;
  const minCount = options.minCount ?? 2;
  let rows = conditional
    ? conditionalSimilarityRows(co, {
        alpha: options.alpha as number,
        k,
        minCount,
        shrink: options.shrink,
      })
    : neighbourRows(topKNeighbours(co, { k, minCount, metric }), metric);
  const power = options.power ?? 1;
  if (power !== 1)
    rows = { ...rows, sims: rows.sims.map((s) => Math.pow(s, power)) };
  if (options.normalize) rows = normalizeRows(rows);
  const { ptr, cols, sims } = rows;
  const lambda = options.popularityWeight ?? 0;
  const support = Float64Array.from(co.itemCounts, (c) => c / co.basketCount);
  return {
    name: conditional
      ? `item-CF (conditional, α = ${options.alpha})`
      : `item-CF (${metric})`,
    score(context, scores) {
      for (let j = 0; j < scores.length; j++) scores[j] = lambda * support[j];
      const w = context.length ? 1 / context.length : 0;
      for (let c = 0; c < context.length; c++) {
        const i = context[c];
        for (let p = ptr[i]; p < ptr[i + 1]; p++)
          scores[cols[p]] += w * sims[p];
      }
    },
  };
}

/** Neighbour lists flattened to CSR typed arrays: the scorer runs once per evaluation case. */
function neighbourRows(
  lists: Neighbour[][],
  metric: NeighbourMetric,
): SimilarityRows {
  const ptr = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => (ptr[i + 1] = ptr[i] + l.length));
  const cols = new Uint32Array(ptr[lists.length]);
  const sims = new Float64Array(ptr[lists.length]);
  lists.forEach((l, i) =>
    l.forEach((n, x) => {
      cols[ptr[i] + x] = n.item;
      sims[ptr[i] + x] = n[metric];
    }),
  );
  return { ptr, cols, sims };
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
