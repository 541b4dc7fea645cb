import { basketCount, type Baskets, itemSupportCounts } from './baskets';

/**
 * Symmetric item × item co-occurrence counts in CSR form (no diagonal): the neighbours of item i
 * are `cols[rowPtr[i] .. rowPtr[i + 1])` with `counts[...]` baskets holding both. Memory grows with
 * the number of distinct pairs that actually co-occur, never with itemCount².
 */
export interface CoOccurrence {
  readonly itemCount: number;
  readonly basketCount: number;
  /** Baskets containing each item. */
  readonly itemCounts: Uint32Array;
  readonly rowPtr: Uint32Array;
  readonly cols: Uint32Array;
  readonly counts: Uint32Array;
}

/**
 * Counts every co-occurring pair once per basket. Pairs are keyed in a Map by the packed integer
 * `i * itemCount + j` (i < j), exact while itemCount² < 2^53. Baskets larger than
 * `maxBasketSize` (default 200) are skipped for pairs: a bulk order adds n² noise pairs.
 */
export function countCoOccurrence(
  b: Baskets,
  options: { maxBasketSize?: number } = {},
): CoOccurrence {
  const maxSize = options.maxBasketSize ?? 200;
  const n = b.itemCount;
  if (n * n >= Number.MAX_SAFE_INTEGER)
    throw new Error(`Too many items (${n}) to pack pair keys`);
  const pairs = new Map<number, number>();
  const nb = basketCount(b);
  for (let k = 0; k < nb; k++) {
    const lo = b.offsets[k];
    const hi = b.offsets[k + 1];
    if (hi - lo > maxSize) continue;
    for (let x = lo; x < hi; x++) {
      const base = b.items[x] * n;
      for (let y = x + 1; y < hi; y++) {
        const key = base + b.items[y];
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  return fromPairCounts(n, nb, itemSupportCounts(b), pairs);
}

function fromPairCounts(
  n: number,
  nb: number,
  itemCounts: Uint32Array,
  pairs: Map<number, number>,
): CoOccurrence {
  const degree = new Uint32Array(n);
  for (const key of pairs.keys()) {
    const i = Math.floor(key / n);
    degree[i]++;
    degree[key - i * n]++;
  }
  const rowPtr = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + degree[i];
  const fill = rowPtr.slice(0, n);
  const cols = new Uint32Array(rowPtr[n]);
  const counts = new Uint32Array(rowPtr[n]);
  for (const [key, c] of pairs) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    cols[fill[i]] = j;
    counts[fill[i]++] = c;
    cols[fill[j]] = i;
    counts[fill[j]++] = c;
  }
  return { itemCount: n, basketCount: nb, itemCounts, rowPtr, cols, counts };
}

/** Baskets holding both i and j (0 when they never co-occur). */
export function pairCount(c: CoOccurrence, i: number, j: number): number {
  for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++)
    if (c.cols[p] === j) return c.counts[p];
  return 0;
}
