/**
 * Probabilistic reconciliation by sample paths. At each step the base forecasts are treated as a
 * joint Gaussian: mean = the base point forecasts, marginal sd σ_i from each series' own base
 * quantiles, correlation = the Schäfer–Strimmer shrunk correlation of the residuals,
 * λ·I + (1 − λ)·XsᵀXs/T (Xs = residuals standardised per series). Samples are drawn without an
 * n × n matrix (σ ⊙ (√λ·z + √(1−λ)·Xsᵀu/√T), z ∈ ℝⁿ, u ∈ ℝᵀ), each is reconciled with the
 * same reconciler as the point forecast (`projectSample`: the non-negative variants set negative
 * bottoms of each sample to zero rather than re-solving), and the reconciled quantiles are the empirical quantiles
 * of the reconciled samples. Every sample is coherent, so the joint distribution is too. Cost per
 * step: samples × (O(T·n) to draw + one `project`).
 */
import { mulberry32 } from '../core/random';
import { normalQuantile } from '../core/stats';
import type { Forecast, QuantileForecast } from '../types';
import { shrinkCovariance } from './covariance';
import type { Reconciler } from './reconcile';
import type { Hierarchy } from './structure';

/** σ per step from the outermost quantile pair (0 when there is only one level). */
export function sigmaFromQuantiles(fc: QuantileForecast): Float64Array {
  const k = fc.levels.length - 1;
  const H = fc.values[0]?.length ?? 0;
  const out = new Float64Array(H);
  if (k < 1) return out;
  const dz = normalQuantile(fc.levels[k]) - normalQuantile(fc.levels[0]);
  for (let h = 0; h < H; h++)
    out[h] = Math.max(0, (fc.values[k][h] - fc.values[0][h]) / dz);
  return out;
}

export interface ReconciledQuantileOptions {
  /** Quantile levels to return (ascending; 0.5 recommended). */
  levels: number[];
  /** Residuals per series (global order) for the correlation; omit for independent base errors. */
  residuals?: ArrayLike<number>[];
  /** Samples per step (default 500). */
  samples?: number;
  seed?: number;
}

/**
 * Reconciled probabilistic forecasts for every series (global order). `point` is the reconciled
 * base mean (so the points stay exactly coherent); `values[k]` are the reconciled samples'
 * quantiles, sorted so they never cross.
 */
export function reconcileQuantiles(
  h: Hierarchy,
  reconciler: Reconciler,
  mean: ArrayLike<number>[],
  sigma: ArrayLike<number>[],
  options: ReconciledQuantileOptions,
): Forecast[] {
  const n = h.nAgg + h.nBottom;
  if (mean.length !== n || sigma.length !== n)
    throw new Error(`hierarchy: expected ${n} means and sigmas`);
  const H = n > 0 ? mean[0].length : 0;
  const S = options.samples ?? 500;
  const rand = mulberry32(options.seed ?? 1);
  const gauss = (): number => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const cov = options.residuals ? shrinkCovariance(options.residuals) : null;
  const T = cov ? cov.T : 0;
  const a = new Float64Array(n).fill(1); // weight of the independent part
  const b = new Float64Array(n); // weight of the shared (residual) part, per standardised column
  if (cov && T > 0)
    for (let i = 0; i < n; i++)
      if (cov.informative[i]) {
        a[i] = Math.sqrt(cov.lambda);
        b[i] = Math.sqrt((1 - cov.lambda) / T) / Math.sqrt(cov.variance[i]);
      }
  const levels = [...options.levels];
  const out: Forecast[] = Array.from({ length: n }, () => ({
    point: new Float64Array(H),
    levels,
    values: levels.map(() => new Float64Array(H)),
  }));
  const draws = new Float64Array(n * S); // series-major
  const y = new Float64Array(n);
  const u = new Float64Array(T);
  const col = new Float64Array(S);
  for (let t = 0; t < H; t++) {
    for (let i = 0; i < n; i++) y[i] = mean[i][t];
    const p = reconciler.project(y);
    for (let i = 0; i < n; i++) out[i].point[t] = p[i];
    for (let s = 0; s < S; s++) {
      for (let q = 0; q < T; q++) u[q] = gauss();
      for (let i = 0; i < n; i++) {
        let e = a[i] * gauss();
        if (b[i] !== 0 && cov) {
          let shared = 0;
          const off = i * T;
          for (let q = 0; q < T; q++) shared += cov.residuals[off + q] * u[q];
          e += b[i] * shared;
        }
        y[i] = mean[i][t] + sigma[i][t] * e;
      }
      const r = reconciler.projectSample(y);
      for (let i = 0; i < n; i++) draws[i * S + s] = r[i];
    }
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < S; s++) col[s] = draws[i * S + s];
      col.sort();
      for (let k = 0; k < levels.length; k++) {
        const pos = (S - 1) * levels[k];
        const lo = Math.floor(pos);
        const hi = Math.min(S - 1, lo + 1);
        out[i].values[k][t] = col[lo] + (col[hi] - col[lo]) * (pos - lo);
      }
    }
  }
  return out;
}
