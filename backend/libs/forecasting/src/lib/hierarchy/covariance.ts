/**
 * Schäfer–Strimmer shrinkage of the residual covariance toward its diagonal, without forming the
 * n × n matrix: W = λ·D + (1 − λ)·RᵀR/T, D = diag(RᵀR/T), kept as the residual matrix R (T × n,
 * stored per series) plus the variances. Same estimator as `shrink.estim` in R's hts / FoReco
 * (uncentred second moments, λ from the variance of the sample correlations).
 */

export interface ShrunkCovariance {
  /** Number of series (n) and residual rows (T). */
  n: number;
  T: number;
  /** Per-series mean squared residual (floored so the diagonal stays positive). */
  variance: Float64Array;
  /** Residuals per series, series-major (series i at [i·T, (i+1)·T)); NaN stored as 0. */
  residuals: Float64Array;
  /** Shrinkage intensity λ in [0, 1]: 1 = diagonal only, 0 = sample covariance. */
  lambda: number;
  /** Whether series i had any non-zero residual (otherwise it is treated as uncorrelated). */
  informative: Uint8Array;
}

/**
 * Estimates λ and the variances from residuals given per series (global order, equal length T;
 * NaN = unknown, counted as 0). λ = Σ_{i≠j} Var(r_ij) / Σ_{i≠j} r_ij², clamped to [0, 1], computed
 * through the T × T Gram matrix of the standardised residuals: O(T²·n) time, O(T·n + T²) memory.
 * `lambda` fixes the intensity instead of estimating it. Series without information (all zero)
 * get a variance floor of 1e-6 × the median positive variance.
 */
export function shrinkCovariance(
  residuals: ArrayLike<number>[],
  lambda?: number,
): ShrunkCovariance {
  const n = residuals.length;
  const T = n > 0 ? residuals[0].length : 0;
  const R = new Float64Array(n * T);
  const variance = new Float64Array(n);
  const informative = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = residuals[i];
    if (r.length !== T)
      throw new Error(
        `hierarchy: residual series ${i} has length ${r.length}, expected ${T}`,
      );
    let s = 0;
    for (let t = 0; t < T; t++) {
      const v = r[t] === r[t] ? r[t] : 0;
      R[i * T + t] = v;
      s += v * v;
    }
    variance[i] = T > 0 ? s / T : 0;
    if (variance[i] > 0) informative[i] = 1;
  }
  const positive = Array.from(variance)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  const floor = positive.length > 0 ? 1e-6 * positive[positive.length >> 1] : 1;
  for (let i = 0; i < n; i++)
    if (!(variance[i] > floor)) variance[i] = Math.max(variance[i], floor);
  const lam = lambda ?? estimateLambda(R, variance, informative, n, T);
  return {
    n,
    T,
    variance,
    residuals: R,
    lambda: Math.min(1, Math.max(0, lam)),
    informative,
  };
}

function estimateLambda(
  R: Float64Array,
  variance: Float64Array,
  informative: Uint8Array,
  n: number,
  T: number,
): number {
  if (T < 2) return 1;
  // Standardised residuals xs = r / sqrt(var); K = Xs Xsᵀ (T × T); a = xs².
  const K = new Float64Array(T * T);
  const rowA = new Float64Array(T); // Σ_i a_ti
  let sumA2 = 0; // Σ_t Σ_i a_ti²
  let diagK2 = 0; // Σ_i (Σ_t xs_ti²)²
  const xs = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    if (!informative[i]) continue;
    const sd = Math.sqrt(variance[i]);
    let col = 0;
    for (let t = 0; t < T; t++) {
      xs[t] = R[i * T + t] / sd;
      const a = xs[t] * xs[t];
      rowA[t] += a;
      sumA2 += a * a;
      col += a;
    }
    diagK2 += col * col;
    for (let t = 0; t < T; t++) {
      const x = xs[t];
      if (x === 0) continue;
      for (let u = 0; u < T; u++) K[t * T + u] += x * xs[u];
    }
  }
  let frob = 0;
  for (let i = 0; i < K.length; i++) frob += K[i] * K[i];
  let sumRowA2 = 0;
  for (let t = 0; t < T; t++) sumRowA2 += rowA[t] * rowA[t];
  const offCross = frob - diagK2; // Σ_{i≠j} (Σ_t xs_ti xs_tj)²
  const sumV = (sumRowA2 - sumA2 - offCross / T) / (T * (T - 1));
  const sumD = offCross / (T * T);
  return sumD > 0 ? sumV / sumD : 1;
}
