import type { Forecast } from '../types';
import { normalQuantile } from './stats';

export const DEFAULT_QUANTILES: readonly number[] = [0.1, 0.5, 0.9];

/**
 * Makes a forecast valid: values clipped at zero (demand is never negative), quantiles sorted per
 * step so they never cross, and the point set to the median quantile when one is requested.
 */
export function finalizeForecast(fc: Forecast): Forecast {
  const H = fc.point.length;
  const K = fc.levels.length;
  const col = new Float64Array(K);
  for (let h = 0; h < H; h++) {
    for (let k = 0; k < K; k++) col[k] = Math.max(0, fc.values[k][h] || 0);
    col.sort();
    for (let k = 0; k < K; k++) fc.values[k][h] = col[k];
    fc.point[h] = Math.max(0, fc.point[h] || 0);
  }
  const mid = fc.levels.indexOf(0.5);
  if (mid >= 0) fc.point.set(fc.values[mid]);
  return fc;
}

/** Gaussian quantiles around a point forecast with a per-step standard deviation. */
export function gaussianForecast(
  point: Float64Array,
  sigma: Float64Array,
  levels: readonly number[],
): Forecast {
  const values = levels.map((p) => {
    const z = normalQuantile(p);
    return point.map((v, h) => v + z * sigma[h]);
  });
  return finalizeForecast({
    point: Float64Array.from(point),
    levels: [...levels],
    values,
  });
}

/**
 * Quantile of a negative binomial count distribution with the given mean and variance (Poisson
 * when the variance does not exceed the mean). Used for intermittent demand so intervals stay on
 * the non-negative integers instead of a Gaussian dipping below zero.
 */
export function countQuantile(
  mean: number,
  variance: number,
  p: number,
): number {
  if (!(mean > 0)) return 0;
  if (mean > 500) {
    // Large counts: the normal approximation is accurate and avoids long CDF loops.
    return Math.max(
      0,
      Math.round(
        mean + normalQuantile(p) * Math.sqrt(Math.max(variance, mean)),
      ),
    );
  }
  const overdispersed = variance > mean * 1.0001;
  let pmf: number;
  let next: (k: number, cur: number) => number;
  if (overdispersed) {
    const r = (mean * mean) / (variance - mean);
    const q = mean / (r + mean); // success prob. of the NB(r, q) parameterisation
    pmf = Math.exp(r * Math.log(1 - q));
    next = (k, cur) => (cur * (k + r) * q) / (k + 1);
  } else {
    pmf = Math.exp(-mean);
    next = (k, cur) => (cur * mean) / (k + 1);
  }
  let cdf = pmf;
  let k = 0;
  const limit = 100000;
  while (cdf < p && k < limit) {
    pmf = next(k, pmf);
    k++;
    cdf += pmf;
  }
  return k;
}

export function countForecast(
  mean: Float64Array,
  variance: Float64Array,
  levels: readonly number[],
): Forecast {
  const values = levels.map((p) =>
    mean.map((m, h) => countQuantile(m, variance[h], p)),
  );
  // The point stays the mean-rate forecast (the usual Croston/TSB output) unless P50 is requested.
  return finalizeForecast({
    point: Float64Array.from(mean),
    levels: [...levels],
    values,
  });
}
