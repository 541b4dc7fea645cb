/** Numeric helpers over typed arrays; NaN entries are treated as missing throughout. */

export function nanMean(a: ArrayLike<number>, from = 0, to = a.length): number {
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, from); i < to; i++) {
    const v = a[i];
    if (v === v) {
      s += v;
      c++;
    }
  }
  return c > 0 ? s / c : NaN;
}

/** Quantile (linear interpolation, type 7) of the finite values. */
export function quantileOf(values: ArrayLike<number>, p: number): number {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) xs.push(values[i]);
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  const pos = (xs.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
}

export function median(values: ArrayLike<number>): number {
  return quantileOf(values, 0.5);
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269,
    -30.66479806614716, 2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866,
    66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838,
    -2.549732539343734, 4.374664141464968, 2.938163982698783,
  ];
  const d = [
    0.007784695709041462, 0.3224671290700398, 2.445134137142996,
    3.754408661907416,
  ];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) *
      q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * Demand history prepared for fitting: missing and censored periods are filled by carrying the
 * last valid value forward (the first valid value backwards), so smoothing models see a
 * continuous series, while `valid` remembers which entries are real observations.
 */
export interface CleanSeries {
  y: Float64Array;
  valid: Uint8Array;
  validCount: number;
}

export function cleanHistory(
  values: Float64Array,
  stockout?: Uint8Array,
  n = values.length,
): CleanSeries {
  const y = new Float64Array(n);
  const valid = new Uint8Array(n);
  let last = NaN;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const ok =
      v === v && Number.isFinite(v) && !(stockout && stockout[i] === 1);
    if (ok) {
      valid[i] = 1;
      last = v;
      count++;
    }
    y[i] = ok ? v : last;
  }
  // Leading gap: fill backwards from the first valid value (or zero if none).
  let first = 0;
  while (first < n && valid[first] === 0) first++;
  const fill = first < n ? y[first] : 0;
  for (let i = 0; i < first; i++) y[i] = fill;
  return { y, valid, validCount: count };
}
