import { DemandDistribution } from './types';

/**
 * Discrete demand for slow movers: Poisson when the variance does not exceed
 * the mean, otherwise a negative binomial matched to mean and variance.
 * Iterates the pmf recursively, so it is meant for small means (see maxMean).
 */
export interface CountDistribution {
  readonly kind: Exclude<DemandDistribution, 'normal'>;
  readonly mean: number;
  /** pmf(k) for k = 0, 1, … until the remaining tail mass is below 1e-12. */
  readonly pmf: Float64Array;
}

const TAIL = 1e-12;

export function countDistribution(
  mean: number,
  variance: number,
): CountDistribution {
  if (mean <= 0) {
    return { kind: 'poisson', mean: 0, pmf: Float64Array.of(1) };
  }
  const probs: number[] = [];
  let mass = 0;
  if (variance <= mean * 1.0001) {
    let p = Math.exp(-mean);
    for (let k = 0; 1 - mass > TAIL || k <= mean; k++) {
      probs.push(p);
      mass += p;
      p = (p * mean) / (k + 1);
      if (k > mean + 50 * Math.sqrt(mean) + 50) break;
    }
    return { kind: 'poisson', mean, pmf: Float64Array.from(probs) };
  }
  // Negative binomial with size r and success probability q: mean r(1−q)/q.
  const q = mean / variance;
  const r = (mean * mean) / (variance - mean);
  let p = Math.exp(r * Math.log(q));
  const limit = mean + 60 * Math.sqrt(variance) + 50;
  for (let k = 0; 1 - mass > TAIL || k <= mean; k++) {
    probs.push(p);
    mass += p;
    p = (p * (k + r) * (1 - q)) / (k + 1);
    if (k > limit) break;
  }
  return { kind: 'negative-binomial', mean, pmf: Float64Array.from(probs) };
}

/** Smallest integer s with P(D ≤ s) ≥ level. */
export function countQuantile(dist: CountDistribution, level: number): number {
  let cdf = 0;
  for (let k = 0; k < dist.pmf.length; k++) {
    cdf += dist.pmf[k];
    if (cdf >= level - 1e-12) return k;
  }
  return dist.pmf.length - 1;
}

/** E[(D − s)⁺] = mean − s + Σ_{j<s} P(D ≤ j), for integer s ≥ 0. */
export function countExpectedShortage(
  dist: CountDistribution,
  s: number,
): number {
  let cdf = 0;
  let below = 0;
  for (let j = 0; j < s; j++) {
    cdf += j < dist.pmf.length ? dist.pmf[j] : 0;
    below += Math.min(1, cdf);
  }
  return Math.max(0, dist.mean - s + below);
}
