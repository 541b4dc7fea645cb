import { basketCount, type Baskets, itemSupportCounts } from './baskets';

/**
 * Symmetric item × item co-occurrence counts in CSR form (no diagonal, columns ascending): the
 * neighbours of item i are `cols[rowPtr[i] .. rowPtr[i + 1])` with `counts[...]` baskets holding
 * both. Memory grows with the number of distinct pairs that actually co-occur, never with
 * itemCount².
 */
export interface CoOccurrence {
  readonly itemCount: number;
  readonly basketCount: number;
  /** Baskets containing each item. */
  readonly itemCounts: Uint32Array;
  readonly rowPtr: Uint32Array;
  readonly cols: Uint32Array;
  readonly counts: Uint32Array;
  /**
   * With `basketWeight: 'inverse-size'`: per pair, the sum over shared baskets of 1 / (size − 1),
   * so a basket spreads one unit of evidence over its partners (large baskets count less per pair).
   */
  readonly weights?: Float64Array;
}

export interface CoOccurrenceOptions {
  /** Baskets larger than this are skipped for pairs (default 200). */
  maxBasketSize?: number;
  /** Also accumulate size-weighted pair counts in `weights` (default 'none'). */
  basketWeight?: 'none' | 'inverse-size';
}

/**
 * Counts every co-occurring pair once per basket, one item row at a time (A^T A row by row):
 * for item i, walk the baskets holding i (an inverted index) and add up their other items in a
 * dense Uint32Array accumulator, touching only the items that occur. The symmetric CSR is written
 * directly in row order: no pair map, no n × n matrix. Baskets larger than `maxBasketSize`
 * (default 200) are skipped for pairs: a bulk order adds n² noise pairs.
 */
export function countCoOccurrence(
  b: Baskets,
  options: CoOccurrenceOptions = {},
): CoOccurrence {
  const maxSize = options.maxBasketSize ?? 200;
  const weighted = options.basketWeight === 'inverse-size';
  const n = b.itemCount;
  const nb = basketCount(b);
  // Inverted index: the baskets (of pair-eligible size) holding each item.
  const postPtr = new Uint32Array(n + 1);
  for (let k = 0; k < nb; k++) {
    if (b.offsets[k + 1] - b.offsets[k] > maxSize) continue;
    for (let x = b.offsets[k]; x < b.offsets[k + 1]; x++)
      postPtr[b.items[x] + 1]++;
  }
  for (let i = 0; i < n; i++) postPtr[i + 1] += postPtr[i];
  const postings = new Uint32Array(postPtr[n]);
  const fill = postPtr.slice(0, n);
  for (let k = 0; k < nb; k++) {
    if (b.offsets[k + 1] - b.offsets[k] > maxSize) continue;
    for (let x = b.offsets[k]; x < b.offsets[k + 1]; x++)
      postings[fill[b.items[x]]++] = k;
  }
  const acc = new Uint32Array(n);
  const accW = new Float64Array(weighted ? n : 0);
  const touched = new Uint32Array(n);
  const rowPtr = new Uint32Array(n + 1);
  let cols = new Uint32Array(1024);
  let counts = new Uint32Array(1024);
  let weights = new Float64Array(weighted ? 1024 : 0);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let p = postPtr[i]; p < postPtr[i + 1]; p++) {
      const k = postings[p];
      const end = b.offsets[k + 1];
      // Two copies of the loop keep the unweighted count (the API's path) free of the branch.
      if (weighted) {
        const w = 1 / (end - b.offsets[k] - 1);
        for (let x = b.offsets[k]; x < end; x++) {
          const j = b.items[x];
          if (j === i) continue;
          if (acc[j]++ === 0) touched[t++] = j;
          accW[j] += w;
        }
      } else
        for (let x = b.offsets[k]; x < end; x++) {
          const j = b.items[x];
          if (j === i) continue;
          if (acc[j]++ === 0) touched[t++] = j;
        }
    }
    if (nnz + t > cols.length) {
      const size = Math.max(cols.length * 2, nnz + t);
      const c = new Uint32Array(size);
      c.set(cols.subarray(0, nnz));
      cols = c;
      const v = new Uint32Array(size);
      v.set(counts.subarray(0, nnz));
      counts = v;
      if (weighted) {
        const f = new Float64Array(size);
        f.set(weights.subarray(0, nnz));
        weights = f;
      }
    }
    const row = touched.subarray(0, t).sort();
    for (let x = 0; x < t; x++) {
      const j = row[x];
      cols[nnz] = j;
      if (weighted) {
        weights[nnz] = accW[j];
        accW[j] = 0;
      }
      counts[nnz++] = acc[j];
      acc[j] = 0;
    }
    rowPtr[i + 1] = nnz;
  }
  return {
    itemCount: n,
    basketCount: nb,
    itemCounts: itemSupportCounts(b),
    rowPtr,
    cols: cols.slice(0, nnz),
    counts: counts.slice(0, nnz),
    ...(weighted ? { weights: weights.slice(0, nnz) } : {}),
  };
}

/** Baskets holding both i and j (0 when they never co-occur). */
export function pairCount(c: CoOccurrence, i: number, j: number): number {
  for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++)
    if (c.cols[p] === j) return c.counts[p];
  return 0;
}
