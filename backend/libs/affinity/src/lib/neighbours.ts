import type { CoOccurrence } from './cooccurrence';
import { conditionalSimilarity } from './item-similarity';
import { pairMetrics, type PairMetrics } from './metrics';

export type NeighbourMetric = 'cosine' | 'lift' | 'confidence';

export interface Neighbour extends PairMetrics {
  item: number;
}

export interface TopKOptions {
  k: number;
  /** Minimum baskets holding both items (default 2). */
  minCount?: number;
  /** Minimum support of the pair as a share of baskets (default 0). */
  minSupport?: number;
  /** Ranking key (default cosine). */
  metric?: NeighbourMetric;
  /**
   * Rank by the conditional-probability similarity of Deshpande & Karypis instead of `metric`:
   * evidence(i, j) / (count(i) · count(j)^α) · count / (count + shrink), the evidence being the
   * size-weighted count when the co-occurrence has weights (see `conditionalSimilarityRows`).
   * The neighbours still carry every pair metric.
   */
  conditional?: { alpha: number; shrink?: number };
}

/**
 * The top-K neighbours of every item, best first, with their association numbers. One pass over
 * each CSR row (O(nnz) overall plus a small selection per row), never an all-pairs loop.
 */
export function topKNeighbours(
  c: CoOccurrence,
  options: TopKOptions,
): Neighbour[][] {
  const out: Neighbour[][] = [];
  for (let i = 0; i < c.itemCount; i++) out.push(neighboursOf(c, i, options));
  return out;
}

export function neighboursOf(
  c: CoOccurrence,
  i: number,
  options: TopKOptions,
): Neighbour[] {
  const minCount = Math.max(
    options.minCount ?? 2,
    Math.ceil((options.minSupport ?? 0) * c.basketCount - 1e-9),
  );
  const metric = options.metric ?? 'cosine';
  const conditional = options.conditional;
  const row: { n: Neighbour; rank: number }[] = [];
  for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) {
    const both = c.counts[p];
    if (both < minCount) continue;
    const j = c.cols[p];
    const n: Neighbour = {
      item: j,
      ...pairMetrics(c.itemCounts[i], c.itemCounts[j], both, c.basketCount),
    };
    const rank = conditional
      ? conditionalSimilarity(c, i, p, conditional)
      : n[metric];
    row.push({ n, rank });
  }
  row.sort(
    (a, b) => b.rank - a.rank || b.n.count - a.n.count || a.n.item - b.n.item,
  );
  return row.slice(0, options.k).map((r) => r.n);
}
