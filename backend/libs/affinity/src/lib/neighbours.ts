import type { CoOccurrence } from './cooccurrence';
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
  const row: Neighbour[] = [];
  for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) {
    const both = c.counts[p];
    if (both < minCount) continue;
    const j = c.cols[p];
    row.push({
      item: j,
      ...pairMetrics(c.itemCounts[i], c.itemCounts[j], both, c.basketCount),
    });
  }
  row.sort(
    (a, b) => b[metric] - a[metric] || b.count - a.count || a.item - b.item,
  );
  return row.slice(0, options.k);
}
