/**
 * Quantile binning of raw feature values into at most 255 bins per feature. Bin 0 holds missing
 * values (NaN); bin b >= 1 holds values v with edges[b-2] < v <= edges[b-1] (the last bin is open
 * above). A split "bin <= t" therefore equals "v <= edges[t-1]" on raw values (and NaN goes left).
 */
export interface FeatureBins {
  /** Ascending upper edges, one fewer than the number of non-missing bins. */
  edges: Float64Array[];
  /** Row-major bin codes, n x f. */
  codes: Uint8Array;
  n: number;
  f: number;
}

/** Upper edges for one feature from a deterministic sample of its non-missing values. */
export function featureEdges(
  x: ArrayLike<number>,
  n: number,
  f: number,
  j: number,
  maxBins: number,
  sampleSize = 100_000,
): Float64Array {
  const stride = Math.max(1, Math.floor(n / sampleSize));
  const vals: number[] = [];
  for (let i = 0; i < n; i += stride) {
    const v = x[i * f + j];
    if (v === v) vals.push(v);
  }
  if (vals.length === 0) return new Float64Array(0);
  vals.sort((a, b) => a - b);
  const uniq: number[] = [vals[0]];
  for (let i = 1; i < vals.length; i++)
    if (vals[i] !== uniq[uniq.length - 1]) uniq.push(vals[i]);
  const maxEdges = maxBins - 2; // bin 0 = missing, plus one open bin above the last edge
  const edges: number[] = [];
  if (uniq.length - 1 <= maxEdges) {
    for (let i = 0; i + 1 < uniq.length; i++)
      edges.push((uniq[i] + uniq[i + 1]) / 2);
  } else {
    for (let k = 1; k <= maxEdges; k++) {
      const v = vals[Math.floor((k * vals.length) / (maxEdges + 1))];
      if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
    }
  }
  return Float64Array.from(edges);
}

/** Bin code of one raw value (binary search over the edges). */
export function binOf(v: number, edges: Float64Array): number {
  if (!(v === v)) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

export function binFeatures(
  x: ArrayLike<number>,
  n: number,
  f: number,
  maxBins = 255,
): FeatureBins {
  if (maxBins < 3 || maxBins > 255)
    throw new Error(`maxBins must be in 3..255, got ${maxBins}`);
  const edges: Float64Array[] = [];
  for (let j = 0; j < f; j++) edges.push(featureEdges(x, n, f, j, maxBins));
  return { edges, codes: applyBins(x, n, f, edges), n, f };
}

export function applyBins(
  x: ArrayLike<number>,
  n: number,
  f: number,
  edges: Float64Array[],
): Uint8Array {
  const codes = new Uint8Array(n * f);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < f; j++)
      codes[i * f + j] = binOf(x[i * f + j], edges[j]);
  return codes;
}
