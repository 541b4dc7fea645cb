// Scale check of the sparse co-occurrence: synthetic Zipf baskets far larger than Groceries,
// counted sparsely, against a dense item × item count matrix on the subset where one still fits.
import {
  type Baskets,
  countCoOccurrence,
  packBaskets,
  topKNeighbours,
} from '../src';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { smokeOr } from '../../../tools/bench-smoke';

const BASKETS = smokeOr(200_000, 5_000);
const ITEMS = smokeOr(50_000, 2_000);
const DENSE_ITEMS = smokeOr(2_000, 500);

function syntheticBaskets(): Baskets {
  // mulberry32: 32-bit integer arithmetic, exact in JavaScript.
  let seed = 7;
  const uniform = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  // Zipf(1) over items by inverse CDF on a precomputed table.
  const cdf = new Float64Array(ITEMS);
  let total = 0;
  for (let i = 0; i < ITEMS; i++) cdf[i] = total += 1 / (i + 1);
  const draw = () => {
    const u = uniform() * total;
    let lo = 0;
    let hi = ITEMS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lists: number[][] = [];
  for (let b = 0; b < BASKETS; b++) {
    const size = 1 + Math.floor(-Math.log(uniform()) * 8);
    lists.push(Array.from({ length: size }, draw));
  }
  return packBaskets(lists, ITEMS);
}

export function runScaleBench() {
  const baskets = syntheticBaskets();
  const t0 = performance.now();
  const co = countCoOccurrence(baskets);
  const countMs = performance.now() - t0;
  topKNeighbours(co, { k: 20, minCount: 2 });
  const sparseMs = performance.now() - t0;

  // Baseline: a dense Uint32Array count matrix, only feasible on the most frequent items.
  const subset = packBaskets(
    Array.from({ length: baskets.offsets.length - 1 }, (_, b) =>
      Array.from(
        baskets.items.subarray(baskets.offsets[b], baskets.offsets[b + 1]),
      ).filter((i) => i < DENSE_ITEMS),
    ),
    DENSE_ITEMS,
  );
  const t1 = performance.now();
  const dense = new Uint32Array(DENSE_ITEMS * DENSE_ITEMS);
  for (let b = 0; b < subset.offsets.length - 1; b++)
    for (let x = subset.offsets[b]; x < subset.offsets[b + 1]; x++)
      for (let y = x + 1; y < subset.offsets[b + 1]; y++)
        dense[subset.items[x] * DENSE_ITEMS + subset.items[y]]++;
  const denseMs = performance.now() - t1;
  const t2 = performance.now();
  countCoOccurrence(subset);
  const sparseSubsetMs = performance.now() - t2;
  return {
    baskets: BASKETS,
    items: ITEMS,
    basketItems: baskets.items.length,
    pairs: co.cols.length / 2,
    countMs,
    sparseMs,
    csrBytes: co.rowPtr.byteLength + co.cols.byteLength + co.counts.byteLength,
    denseBytes: ITEMS * ITEMS * 4,
    baselineItems: DENSE_ITEMS,
    denseMs,
    sparseSubsetMs,
  };
}
