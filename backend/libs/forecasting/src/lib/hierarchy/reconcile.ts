/**
 * Forecast reconciliation methods over a sparse hierarchy. Every method returns coherent vectors:
 * the reconciled bottoms are summed up the hierarchy (ỹ = S·b̃), so each parent equals the sum of
 * its children up to floating-point summation.
 */
import { shrinkCovariance } from './covariance';
import { CoherentProjection } from './projection';
import { bottomCounts, type Hierarchy, sumUp } from './structure';

export const RECONCILIATION_METHODS = [
  'bottomUp',
  'topDown',
  'ols',
  'wls',
  'wlsVar',
  'mint',
] as const;
export type ReconciliationMethod = (typeof RECONCILIATION_METHODS)[number];

export interface ReconcilerOptions {
  method: ReconciliationMethod;
  /** Non-negative variant (bottoms pinned at zero by an active set; see CoherentProjection). */
  nonNegative?: boolean;
  /**
   * Base-forecast residuals per series in global order (aggregates then bottoms), equal length T,
   * NaN = unknown. Required by `wlsVar` (diagonal variances) and `mint` (shrunk covariance).
   */
  residuals?: ArrayLike<number>[];
  /**
   * `wlsVar` only: the diagonal of W given directly (length n, positive), e.g. variances pooled
   * per level, instead of the residual variances.
   */
  variances?: ArrayLike<number>;
  /** Fixed shrinkage intensity for `mint` (default: Schäfer–Strimmer estimate). */
  lambda?: number;
  /** Top-down path: level names coarse to fine, each nested in the next, ending at the bottom. */
  topDownPath?: string[];
}

export interface Reconciler {
  /** The method, or 'combination' for `combineReconcilers`. */
  method: ReconciliationMethod | 'combination';
  nonNegative: boolean;
  /** Shrinkage intensity used (mint only). */
  lambda?: number;
  /** Reconciles one full base vector (length n, global order) into a new coherent vector. */
  project(y: ArrayLike<number>): Float64Array;
  /**
   * Cheaper variant for sample paths: the same as `project`, except that the non-negative variant
   * of OLS/WLS/MinT projects without constraints and then sets negative bottoms to zero and sums
   * up ("set negatives to zero"), instead of re-solving on the active set for every sample.
   */
  projectSample(y: ArrayLike<number>): Float64Array;
}

/**
 * Prepares a reconciler (factorisations are done once, then `project` is cheap). Methods:
 * bottomUp (aggregates = sums of the bottom forecasts), topDown (forecast proportions along a
 * nested path), ols (W = I), wls (structural: W = diag(S·1)), wlsVar (W = diag of the residual
 * variances) and mint (W = Schäfer–Strimmer shrinkage of the residual covariance).
 */
export function createReconciler(
  h: Hierarchy,
  options: ReconcilerOptions,
): Reconciler {
  const { method } = options;
  const nonNegative = options.nonNegative ?? false;
  const n = h.nAgg + h.nBottom;
  if (method === 'bottomUp') {
    const bottomUp = (y: ArrayLike<number>): Float64Array => {
      const out = Float64Array.from(y);
      if (nonNegative)
        for (let i = h.nAgg; i < n; i++) out[i] = Math.max(0, out[i]);
      return sumUp(h, out);
    };
    return {
      method,
      nonNegative,
      project: bottomUp,
      projectSample: bottomUp,
    };
  }
  if (method === 'topDown') {
    const td = topDownPlan(h, options.topDownPath);
    const project = (y: ArrayLike<number>): Float64Array =>
      topDownProject(h, td, y);
    return { method, nonNegative, project, projectSample: project };
  }
  let proj: CoherentProjection;
  let lambda: number | undefined;
  if (method === 'ols') {
    proj = new CoherentProjection(h, new Float64Array(n).fill(1), 0, null, 0);
  } else if (method === 'wls') {
    proj = new CoherentProjection(h, bottomCounts(h), 0, null, 0);
  } else if (method === 'wlsVar' && options.variances) {
    if (options.variances.length !== n)
      throw new Error(`hierarchy: wlsVar needs ${n} variances`);
    const d = Float64Array.from(options.variances);
    if (!d.every((v) => v > 0))
      throw new Error('hierarchy: wlsVar variances must be positive');
    proj = new CoherentProjection(h, d, 0, null, 0);
  } else {
    if (!options.residuals || options.residuals.length !== n)
      throw new Error(
        `hierarchy: ${method} needs residuals for all ${n} series`,
      );
    const cov = shrinkCovariance(
      options.residuals,
      method === 'wlsVar' ? 1 : options.lambda,
    );
    lambda = cov.lambda;
    const d = cov.variance.map((v) => cov.lambda * v);
    if (method === 'wlsVar' || cov.lambda >= 1) {
      proj = new CoherentProjection(h, cov.variance, 0, null, 0);
    } else {
      // W = λ·D + (1 − λ)·RᵀR/T. With λ = 0 the diagonal part vanishes; keep a tiny ridge.
      if (cov.lambda === 0)
        for (let i = 0; i < n; i++) d[i] = 1e-9 * cov.variance[i];
      proj = new CoherentProjection(
        h,
        d,
        (1 - cov.lambda) / cov.T,
        cov.residuals,
        cov.T,
      );
    }
  }
  return {
    method,
    nonNegative,
    lambda,
    project: (y) => proj.project(y, nonNegative),
    projectSample: (y) => {
      const out = proj.project(y, false);
      if (!nonNegative) return out;
      for (let i = h.nAgg; i < n; i++) out[i] = Math.max(0, out[i]);
      return sumUp(h, out);
    },
  };
}

/**
 * Reconciles per-series base forecasts (global order, each of length H) step by step with one
 * reconciler. Returns per-series reconciled forecasts.
 */
export function reconcileForecasts(
  h: Hierarchy,
  reconciler: Reconciler,
  base: ArrayLike<number>[],
): Float64Array[] {
  const n = h.nAgg + h.nBottom;
  if (base.length !== n)
    throw new Error(
      `hierarchy: expected ${n} base forecasts, got ${base.length}`,
    );
  const H = n > 0 ? base[0].length : 0;
  const out = base.map(() => new Float64Array(H));
  const y = new Float64Array(n);
  for (let t = 0; t < H; t++) {
    for (let i = 0; i < n; i++) y[i] = base[i][t];
    const r = reconciler.project(y);
    for (let i = 0; i < n; i++) out[i][t] = r[i];
  }
  return out;
}

interface TopDownPlan {
  /** Per step of the path below the first: global index of every node's parent on the path. */
  steps: { nodes: number[]; parentOf: Int32Array }[];
  topNodes: number[];
}

/** Default path: from the coarsest level, repeatedly the next level whose keys strictly contain it. */
function topDownPlan(h: Hierarchy, path?: string[]): TopDownPlan {
  const bottomLevel = h.levels.length - 1;
  let chosen: number[];
  if (path) {
    chosen = path.map((name) => {
      const i = h.levels.findIndex((l) => l.name === name);
      if (i < 0)
        throw new Error(
          `hierarchy: unknown level ${name} in the top-down path`,
        );
      return i;
    });
    if (chosen[chosen.length - 1] !== bottomLevel)
      throw new Error(
        'hierarchy: the top-down path must end at the bottom level',
      );
  } else {
    const order = h.levels
      .slice(0, bottomLevel)
      .map((l, i) => i)
      .sort(
        (a, b) =>
          h.levels[a].keys.length - h.levels[b].keys.length ||
          h.levels[a].size - h.levels[b].size,
      );
    chosen = [];
    for (const i of order) {
      const last = chosen.length
        ? h.levels[chosen[chosen.length - 1]].keys
        : null;
      const keys = h.levels[i].keys;
      if (
        last === null ||
        (keys.length > last.length && last.every((k) => keys.includes(k)))
      )
        chosen.push(i);
    }
    chosen.push(bottomLevel);
  }
  // Node of bottom b at level l (global index).
  const nodeAt = (l: number, b: number): number =>
    l === bottomLevel ? h.nAgg + b : h.parents[h.parentPtr[b] + l];
  const steps: TopDownPlan['steps'] = [];
  for (let s = 1; s < chosen.length; s++) {
    const lv = h.levels[chosen[s]];
    const parentOf = new Int32Array(lv.size).fill(-1);
    for (let b = 0; b < h.nBottom; b++) {
      const node = nodeAt(chosen[s], b) - lv.start;
      const parent = nodeAt(chosen[s - 1], b);
      if (parentOf[node] >= 0 && parentOf[node] !== parent)
        throw new Error(
          `hierarchy: level ${lv.name} is not nested in ${h.levels[chosen[s - 1]].name}`,
        );
      parentOf[node] = parent;
    }
    steps.push({
      nodes: Array.from({ length: lv.size }, (_, i) => lv.start + i),
      parentOf,
    });
  }
  const top = h.levels[chosen[0]];
  return {
    steps,
    topNodes: Array.from({ length: top.size }, (_, i) => top.start + i),
  };
}

/** Forecast proportions: each child gets its parent's value × its share among its siblings' base forecasts. */
function topDownProject(
  h: Hierarchy,
  plan: TopDownPlan,
  y: ArrayLike<number>,
): Float64Array {
  const n = h.nAgg + h.nBottom;
  const out = new Float64Array(n);
  for (const i of plan.topNodes) out[i] = Math.max(0, y[i]);
  for (const step of plan.steps) {
    const sums = new Map<number, { s: number; c: number }>();
    for (let i = 0; i < step.nodes.length; i++) {
      const p = step.parentOf[i];
      const a = sums.get(p) ?? { s: 0, c: 0 };
      a.s += Math.max(0, y[step.nodes[i]]);
      a.c++;
      sums.set(p, a);
    }
    for (let i = 0; i < step.nodes.length; i++) {
      const p = step.parentOf[i];
      const a = sums.get(p) ?? { s: 0, c: 1 };
      const share = a.s > 0 ? Math.max(0, y[step.nodes[i]]) / a.s : 1 / a.c;
      out[step.nodes[i]] = out[p] * share;
    }
  }
  return sumUp(h, out);
}
