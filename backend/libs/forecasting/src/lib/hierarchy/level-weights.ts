import { CoherentProjection } from './projection';
import type { Hierarchy } from './structure';

/**
 * Level-weighted WLS whose weights are learnt from past forecast errors: an empirical-risk version
 * of reconciliation (in the spirit of Ben Taieb & Koo, 2019) restricted to one multiplier per level
 * so that a handful of windows suffice. W = diag(prior_i · m_level(i)); the multipliers minimise,
 * over windows whose actuals are known, the mean over levels of the reconciled MASE relative to the
 * better of the base and bottom-up MASE at that level, plus a penalty on every level where the
 * reconciled forecast is worse than that reference and a ridge on log₂ m (towards the prior).
 */
export interface ReconciliationWindow {
  /** Base forecasts per series (global order), each of length H. */
  base: ArrayLike<number>[];
  /** Actuals per series, length H (NaN = unknown, skipped). */
  actual: ArrayLike<number>[];
  /** Per series MASE denominator (in-sample seasonal-naive MAE), positive. */
  scale: ArrayLike<number>;
  /** Per series prior diagonal of W, positive (e.g. `pooledLevelVariances`). */
  prior: ArrayLike<number>;
}

export interface LevelWeightOptions {
  /** Candidate log₂ multipliers (default −8 … 8 in steps of 1). */
  grid?: number[];
  /** Ridge on the mean squared log₂ multiplier (default 0.002). */
  ridge?: number;
  /** Weight of Σ max(0, ratio − 1) over levels (default 1). */
  missPenalty?: number;
  /** Coordinate-descent sweeps over the levels (default 3). */
  sweeps?: number;
  /** Fit with the non-negative projection (default false: cheaper, nearly the same weights). */
  nonNegative?: boolean;
}

export interface LevelWeightFit {
  /** Multiplier per level (bottom fixed at 1: WLS is invariant to a common scale). */
  multipliers: Float64Array;
  /** Objective at the fitted multipliers and at all-ones (the prior alone). */
  objective: number;
  priorObjective: number;
  /** Per level: fitted reconciled MASE / min(base, bottom-up) MASE over the windows. */
  ratios: Float64Array;
}

/** The diagonal of W: prior_i × multiplier of series i's level. */
export function levelWeightedVariances(
  h: Hierarchy,
  prior: ArrayLike<number>,
  multipliers: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(h.ids.length);
  for (let i = 0; i < out.length; i++)
    out[i] = prior[i] * multipliers[h.levelOf[i]];
  return out;
}

/** Mean MASE per level of per-window forecasts (n × H each); pairs without actuals are skipped. */
export function levelMase(
  h: Hierarchy,
  windows: Pick<ReconciliationWindow, 'actual' | 'scale'>[],
  forecasts: Float64Array[][],
): Float64Array {
  const L = h.levels.length;
  const sum = new Float64Array(L);
  const cnt = new Float64Array(L);
  windows.forEach((w, k) => {
    for (let i = 0; i < h.ids.length; i++) {
      let s = 0;
      let c = 0;
      const a = w.actual[i];
      const f = forecasts[k][i];
      for (let t = 0; t < a.length; t++)
        if (a[t] === a[t]) {
          s += Math.abs(f[t] - a[t]);
          c++;
        }
      if (c === 0 || !(w.scale[i] > 0)) continue;
      sum[h.levelOf[i]] += s / c / w.scale[i];
      cnt[h.levelOf[i]]++;
    }
  });
  return sum.map((s, l) => (cnt[l] > 0 ? s / cnt[l] : NaN));
}

function reconcileWindows(
  h: Hierarchy,
  windows: ReconciliationWindow[],
  variances: (w: ReconciliationWindow) => Float64Array | null,
  nonNegative: boolean,
): Float64Array[][] {
  const n = h.ids.length;
  return windows.map((w) => {
    const H = w.base[0]?.length ?? 0;
    const out = w.base.map(() => new Float64Array(H));
    const d = variances(w);
    const proj = d ? new CoherentProjection(h, d, 0, null, 0) : null;
    const y = new Float64Array(n);
    for (let t = 0; t < H; t++) {
      for (let i = 0; i < n; i++) y[i] = w.base[i][t];
      if (!proj)
        // Bottom-up: the bottoms as they are, summed.
        for (let i = 0; i < h.nAgg; i++) {
          let s = 0;
          for (let q = h.childPtr[i]; q < h.childPtr[i + 1]; q++)
            s += y[h.nAgg + h.children[q]];
          y[i] = s;
        }
      const r = proj ? proj.project(y, nonNegative) : y;
      for (let i = 0; i < n; i++) out[i][t] = r[i];
    }
    return out;
  });
}

/**
 * Fits the level multipliers by coordinate descent over a log₂ grid. Cost per objective
 * evaluation: per window one k×k factorisation and H projections (see CoherentProjection) plus
 * O(n·H) scoring; evaluations ≈ sweeps × (levels − 1) × grid size.
 */
export function fitLevelWeights(
  h: Hierarchy,
  windows: ReconciliationWindow[],
  options: LevelWeightOptions = {},
): LevelWeightFit {
  const L = h.levels.length;
  const grid = options.grid ?? Array.from({ length: 17 }, (_, i) => i - 8);
  const ridge = options.ridge ?? 0.002;
  const missPenalty = options.missPenalty ?? 1;
  const sweeps = options.sweeps ?? 3;
  const nonNegative = options.nonNegative ?? false;
  if (windows.length === 0)
    throw new Error('hierarchy: fitLevelWeights needs at least one window');
  const n = h.ids.length;
  for (const w of windows)
    if (
      w.base.length !== n ||
      w.actual.length !== n ||
      w.scale.length !== n ||
      w.prior.length !== n
    )
      throw new Error(`hierarchy: every window needs ${n} series`);
  const baseMase = levelMase(
    h,
    windows,
    windows.map((w) => w.base.map((b) => Float64Array.from(b))),
  );
  const buMase = levelMase(
    h,
    windows,
    reconcileWindows(h, windows, () => null, false),
  );
  const ref = baseMase.map((b, l) => Math.min(b, buMase[l]));
  const ratiosAt = (logM: Float64Array): Float64Array => {
    const m = logM.map((v) => 2 ** v);
    const mase = levelMase(
      h,
      windows,
      reconcileWindows(
        h,
        windows,
        (w) => levelWeightedVariances(h, w.prior, m),
        nonNegative,
      ),
    );
    return mase.map((v, l) => v / ref[l]);
  };
  const objectiveOf = (logM: Float64Array, r: Float64Array): number => {
    let mean = 0;
    let miss = 0;
    let c = 0;
    for (let l = 0; l < L; l++) {
      if (!Number.isFinite(r[l])) continue;
      mean += r[l];
      miss += Math.max(0, r[l] - 1);
      c++;
    }
    let pen = 0;
    for (const v of logM) pen += v * v;
    return (c > 0 ? mean / c : 0) + missPenalty * miss + (ridge * pen) / L;
  };
  const logM = new Float64Array(L);
  let ratios = ratiosAt(logM);
  const priorObjective = objectiveOf(logM, ratios);
  let best = priorObjective;
  for (let s = 0; s < sweeps; s++) {
    let moved = false;
    // The bottom level stays the reference (multiplier 1).
    for (let l = 0; l < L - 1; l++) {
      const keep = logM[l];
      let bestV = keep;
      for (const v of grid) {
        if (v === keep) continue;
        logM[l] = v;
        const r = ratiosAt(logM);
        const o = objectiveOf(logM, r);
        if (o < best - 1e-12) {
          best = o;
          bestV = v;
          ratios = r;
          moved = true;
        }
      }
      logM[l] = bestV;
    }
    if (!moved) break;
  }
  return {
    multipliers: logM.map((v) => 2 ** v),
    objective: best,
    priorObjective,
    ratios,
  };
}
