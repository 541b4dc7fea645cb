import type { CoOccurrence } from './cooccurrence';

/** Per-item neighbour lists flattened to CSR: row i is `cols/sims[ptr[i] .. ptr[i + 1])`. */
export interface SimilarityRows {
  readonly ptr: Uint32Array;
  readonly cols: Uint32Array;
  readonly sims: Float64Array;
}

export interface ConditionalSimilarityOptions {
  /**
   * Exponent on the candidate's basket count (Deshpande & Karypis 2004): 0 is the confidence
   * P(j | i); 1 divides by j's popularity in full (lift up to a constant).
   */
  alpha: number;
  /** Neighbours kept per item. */
  k: number;
  /** Minimum baskets holding both items (default 2). */
  minCount?: number;
  /**
   * Shrinks pairs seen in few baskets toward 0: the similarity is multiplied by
   * count / (count + shrink) (default 0, no shrinkage).
   */
  shrink?: number;
  /** Scale each item's kept row to sum 1 (Deshpande & Karypis row normalisation). */
  normalize?: boolean;
}

/**
 * The conditional-probability similarity of CSR entry `p` of row `i` (the pair i → cols[p]):
 * evidence / (count(i) · count(j)^alpha) · count / (count + shrink), the evidence being the pair
 * count, or the size-weighted count when `co.weights` exists.
 */
export function conditionalSimilarity(
  co: CoOccurrence,
  i: number,
  p: number,
  options: { alpha: number; shrink?: number },
): number {
  const c = co.counts[p];
  return (
    ((co.weights ?? co.counts)[p] /
      (co.itemCounts[i] * Math.pow(co.itemCounts[co.cols[p]], options.alpha))) *
    (c / (c + (options.shrink ?? 0)))
  );
}

/**
 * Asymmetric conditional-probability similarity from a basket item i to a candidate j:
 * evidence(i, j) / (count(i) · count(j)^alpha), where evidence is the pair count, or the
 * size-weighted count when `co.weights` exists. Top K per row, one pass over each CSR row.
 */
export function conditionalSimilarityRows(
  co: CoOccurrence,
  options: ConditionalSimilarityOptions,
): SimilarityRows {
  const minCount = options.minCount ?? 2;
  const ptr = new Uint32Array(co.itemCount + 1);
  const cols: number[] = [];
  const sims: number[] = [];
  const row: { j: number; s: number; c: number }[] = [];
  for (let i = 0; i < co.itemCount; i++) {
    row.length = 0;
    for (let p = co.rowPtr[i]; p < co.rowPtr[i + 1]; p++) {
      const c = co.counts[p];
      if (c < minCount) continue;
      row.push({
        j: co.cols[p],
        s: conditionalSimilarity(co, i, p, options),
        c,
      });
    }
    row.sort((a, b) => b.s - a.s || b.c - a.c || a.j - b.j);
    const kept = row.slice(0, options.k);
    for (const { j, s } of kept) {
      cols.push(j);
      sims.push(s);
    }
    ptr[i + 1] = cols.length;
  }
  const out = {
    ptr,
    cols: Uint32Array.from(cols),
    sims: Float64Array.from(sims),
  };
  return options.normalize ? normalizeRows(out) : out;
}

/** Each row scaled to sum 1 (rows summing to 0 stay 0). */
export function normalizeRows(rows: SimilarityRows): SimilarityRows {
  const sims = rows.sims.slice();
  for (let i = 0; i + 1 < rows.ptr.length; i++) {
    let sum = 0;
    for (let p = rows.ptr[i]; p < rows.ptr[i + 1]; p++) sum += sims[p];
    if (sum > 0)
      for (let p = rows.ptr[i]; p < rows.ptr[i + 1]; p++) sims[p] /= sum;
  }
  return { ptr: rows.ptr, cols: rows.cols, sims };
}
