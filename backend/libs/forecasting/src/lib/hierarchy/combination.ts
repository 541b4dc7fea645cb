import { levelMase } from './level-weights';
import type { Reconciler } from './reconcile';
import { type Hierarchy, sumUp } from './structure';

/**
 * Stacked reconciliation: a convex combination Σ_k w_k·ỹ_k of coherent forecasts is coherent
 * (each ỹ_k = S·b̃_k, so Σ w_k ỹ_k = S·Σ w_k b̃_k), so several reconciliation methods can be
 * hedged against each other without losing coherence. The weights are learnt from windows whose
 * actuals are known (e.g. the forecasts of the last few origins), with the same level-ratio
 * objective as `fitLevelWeights`: the mean over levels of the combined MASE ÷ min(base MASE,
 * bottom-up MASE) plus Σ max(0, ratio − 1) over levels.
 */
export interface CombinationWindow {
  /** Per candidate method: its reconciled forecasts per series (global order), each of length H. */
  candidates: ArrayLike<number>[][];
  /** Base forecasts per series (global order), length H: the reference with bottom-up. */
  base: ArrayLike<number>[];
  /** Actuals per series, length H (NaN = unknown, skipped). */
  actual: ArrayLike<number>[];
  /** Per series MASE denominator (in-sample seasonal-naive MAE), positive. */
  scale: ArrayLike<number>;
}

export interface CombinationOptions {
  /** Grid step of every weight on the simplex (default 0.1: 66 points for 3 candidates). */
  step?: number;
  /** Weight of Σ max(0, ratio − 1) over levels (default 1). */
  missPenalty?: number;
}

export interface CombinationFit {
  /** One weight per candidate, non-negative, summing to 1. */
  weights: Float64Array;
  objective: number;
  /** Per level: combined MASE / min(base, bottom-up) MASE over the windows at the weights. */
  ratios: Float64Array;
}

/** Σ_k w_k · candidates[k], per series (candidates with weight 0 are skipped). */
export function combineForecasts(
  candidates: ArrayLike<number>[][],
  weights: ArrayLike<number>,
): Float64Array[] {
  if (candidates.length === 0 || candidates.length !== weights.length)
    throw new Error(
      `hierarchy: ${candidates.length} candidates need as many weights (got ${weights.length})`,
    );
  const n = candidates[0].length;
  const H = n > 0 ? candidates[0][0].length : 0;
  const out = Array.from({ length: n }, () => new Float64Array(H));
  candidates.forEach((c, k) => {
    const w = weights[k];
    if (w === 0) return;
    if (c.length !== n)
      throw new Error(
        `hierarchy: candidate ${k} has ${c.length} series, expected ${n}`,
      );
    for (let i = 0; i < n; i++)
      for (let t = 0; t < H; t++) out[i][t] += w * c[i][t];
  });
  return out;
}

/** Every point of the simplex grid with spacing 1/N over K weights. */
function simplexGrid(K: number, N: number): Float64Array[] {
  const out: Float64Array[] = [];
  const cur = new Int32Array(K);
  const walk = (k: number, left: number): void => {
    if (k === K - 1) {
      cur[k] = left;
      out.push(Float64Array.from(cur, (v) => v / N));
      return;
    }
    for (let j = left; j >= 0; j--) {
      cur[k] = j;
      walk(k + 1, left - j);
    }
  };
  walk(0, N);
  return out;
}

/**
 * Fits the combination weights by exhaustive search over the simplex grid. Cost: grid points ×
 * windows × candidates × n × H (3 candidates, step 0.1: 66 points). Ties keep the point found
 * first, which puts the most weight on the first candidate.
 */
export function fitCombinationWeights(
  h: Hierarchy,
  windows: CombinationWindow[],
  options: CombinationOptions = {},
): CombinationFit {
  const step = options.step ?? 0.1;
  const missPenalty = options.missPenalty ?? 1;
  if (windows.length === 0)
    throw new Error(
      'hierarchy: fitCombinationWeights needs at least one window',
    );
  const K = windows[0].candidates.length;
  const N = Math.round(1 / step);
  if (K === 0 || !(N >= 1))
    throw new Error(
      'hierarchy: fitCombinationWeights needs candidates and a step in (0, 1]',
    );
  const n = h.ids.length;
  for (const w of windows)
    if (
      w.candidates.length !== K ||
      w.candidates.some((c) => c.length !== n) ||
      w.base.length !== n ||
      w.actual.length !== n ||
      w.scale.length !== n
    )
      throw new Error(
        `hierarchy: every window needs ${K} candidates and ${n} series`,
      );
  const baseMase = levelMase(
    h,
    windows,
    windows.map((w) => w.base.map((b) => Float64Array.from(b))),
  );
  const buMase = levelMase(
    h,
    windows,
    windows.map((w) => {
      const H = w.base[0]?.length ?? 0;
      const out = w.base.map(() => new Float64Array(H));
      const y = new Float64Array(n);
      for (let t = 0; t < H; t++) {
        for (let i = h.nAgg; i < n; i++) y[i] = w.base[i][t];
        const s = sumUp(h, y);
        for (let i = 0; i < n; i++) out[i][t] = s[i];
      }
      return out;
    }),
  );
  const ref = baseMase.map((b, l) => Math.min(b, buMase[l]));
  let best: CombinationFit | null = null;
  for (const weights of simplexGrid(K, N)) {
    const mase = levelMase(
      h,
      windows,
      windows.map((w) => combineForecasts(w.candidates, weights)),
    );
    const ratios = mase.map((v, l) => v / ref[l]);
    let mean = 0;
    let miss = 0;
    let c = 0;
    for (const r of ratios) {
      if (!Number.isFinite(r)) continue;
      mean += r;
      miss += Math.max(0, r - 1);
      c++;
    }
    const objective = (c > 0 ? mean / c : 0) + missPenalty * miss;
    if (!best || objective < best.objective - 1e-12)
      best = { weights, objective, ratios };
  }
  return best as CombinationFit;
}

/**
 * One reconciler that returns Σ_k w_k · reconcilers[k].project(y): coherent when every candidate
 * is. Weights must be non-negative and sum to 1 (so the combination of non-negative reconcilers
 * stays non-negative). Usable wherever a Reconciler is, e.g. `reconcileQuantiles`.
 */
export function combineReconcilers(
  h: Hierarchy,
  reconcilers: Reconciler[],
  weights: ArrayLike<number>,
): Reconciler {
  if (reconcilers.length === 0 || reconcilers.length !== weights.length)
    throw new Error(
      `hierarchy: ${reconcilers.length} reconcilers need as many weights (got ${weights.length})`,
    );
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    if (!(weights[k] >= 0))
      throw new Error(`hierarchy: combination weight ${k} must be ≥ 0`);
    total += weights[k];
  }
  if (Math.abs(total - 1) > 1e-9)
    throw new Error(`hierarchy: combination weights sum to ${total}, not 1`);
  const n = h.ids.length;
  const used = reconcilers
    .map((r, k) => ({ r, w: weights[k] }))
    .filter((u) => u.w > 0);
  const mix =
    (sample: boolean) =>
    (y: ArrayLike<number>): Float64Array => {
      const out = new Float64Array(n);
      for (const { r, w } of used) {
        const p = sample ? r.projectSample(y) : r.project(y);
        for (let i = h.nAgg; i < n; i++) out[i] += w * p[i];
      }
      // Aggregates from the combined bottoms: exactly coherent, not only up to rounding.
      return sumUp(h, out);
    };
  return {
    method: 'combination',
    nonNegative: reconcilers.every((r) => r.nonNegative),
    project: mix(false),
    projectSample: mix(true),
  };
}
