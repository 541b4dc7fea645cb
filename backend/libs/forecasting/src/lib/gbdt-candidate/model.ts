import { finalizeForecast } from '../core/quantiles';
import { mulberry32 } from '../core/random';
import { quantileOf } from '../core/stats';
import { trainGbdt } from '../models/gbdt/gbdt';
import { leafOfRaw, type Tree } from '../models/gbdt/tree';
import type { PreparedSeries } from '../panel/prepare';
import type { CovariateGroup, Forecast } from '../types';
import { type GbdtFeatureSpec, writeGbdtRows } from './features';

/** Options of the global gradient-boosted-trees candidate (defaults chosen on the dev split). */
export interface GbdtCandidateOptions {
  /** Train and score the candidate (default true). */
  enabled?: boolean;
  /** Training rows drawn (seeded, uniformly over series, origins and steps; default 150,000). */
  maxRows?: number;
  /** Validation rows (last horizon before the cutoff) used for early stopping (default 40,000). */
  maxValidRows?: number;
  /** Upper bound on trees; early stopping on the validation window picks the count (400). */
  numTrees?: number;
  learningRate?: number;
  maxLeaves?: number;
  minDataInLeaf?: number;
  /** 'l1' (median of the log ratio, the default) or 'l2'. */
  objective?: 'l1' | 'l2';
  log?: (message: string) => void;
}

export type ResolvedGbdtOptions = Required<
  Omit<GbdtCandidateOptions, 'log'>
> & {
  log: (message: string) => void;
};

export function resolveGbdtOptions(
  o: GbdtCandidateOptions,
): ResolvedGbdtOptions {
  return {
    enabled: o.enabled ?? true,
    maxRows: o.maxRows ?? 150_000,
    maxValidRows: o.maxValidRows ?? 40_000,
    numTrees: o.numTrees ?? 400,
    learningRate: o.learningRate ?? 0.05,
    maxLeaves: o.maxLeaves ?? 31,
    minDataInLeaf: o.minDataInLeaf ?? 100,
    objective: o.objective ?? 'l1',
    log: o.log ?? (() => undefined),
  };
}

/**
 * JSON-safe trees (raw-value thresholds; NaN goes left). A "missing only" split has threshold
 * -Infinity, which JSON would turn into null (= 0), so it is saved as -Number.MAX_VALUE (same
 * decision for every finite feature value).
 */
export interface SavedTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  leafValue: number[];
}

/** A trained candidate, JSON-safe, stored in the artifacts. */
export interface GbdtCandidateModel {
  spec: GbdtFeatureSpec;
  init: number;
  trees: SavedTree[];
  /** Quantile levels and `offsets[k][h]`: log-space offset of level k from the P50 at step h. */
  levels: number[];
  offsets: number[][];
}

export interface GbdtTrainReport {
  rows: number;
  validRows: number;
  trees: number;
  validLoss?: number;
  seconds: number;
  /** Split gain share per feature name, largest first (top 10). */
  importance: [string, number][];
}

interface RowIndex {
  series: number[];
  origin: number[];
  step: number[];
}

/** First origin that has a level window of history. */
const firstOrigin = (spec: GbdtFeatureSpec): number => spec.levelWindow;

/**
 * Draws (series, origin, step) triples whose target period t = origin + step is < end(p) and a
 * valid observation; each candidate is kept with probability budget / candidates (seeded).
 */
function sampleRows(
  spec: GbdtFeatureSpec,
  series: PreparedSeries[],
  from: (p: PreparedSeries) => number,
  end: (p: PreparedSeries) => number,
  budget: number,
  rand: () => number,
): RowIndex {
  const H = spec.horizon;
  let total = 0;
  for (const p of series) {
    const a = Math.max(firstOrigin(spec), from(p));
    const e = end(p);
    if (e > a) total += (e - a) * H;
  }
  const prob = total > 0 ? Math.min(1, budget / total) : 0;
  const out: RowIndex = { series: [], origin: [], step: [] };
  series.forEach((p, s) => {
    const a = Math.max(firstOrigin(spec), from(p));
    const e = end(p);
    const valid = p.clean.valid;
    for (let o = a; o < e; o++) {
      for (let h = 0; h < H && o + h < e; h++) {
        if (prob < 1 && rand() >= prob) continue;
        if (valid[o + h] !== 1) continue;
        out.series.push(s);
        out.origin.push(o);
        out.step.push(h);
      }
    }
  });
  return out;
}

/** Features and log-ratio targets of the sampled rows (rows of one origin are consecutive). */
function materialise(
  spec: GbdtFeatureSpec,
  series: PreparedSeries[],
  idx: RowIndex,
): { x: Float64Array; y: Float64Array; n: number } {
  const n = idx.series.length;
  const W = spec.width;
  const x = new Float64Array(n * W);
  const y = new Float64Array(n);
  let r = 0;
  while (r < n) {
    let e = r + 1;
    while (
      e < n &&
      idx.series[e] === idx.series[r] &&
      idx.origin[e] === idx.origin[r]
    )
      e++;
    const p = series[idx.series[r]];
    const o = idx.origin[r];
    const steps = idx.step.slice(r, e);
    const lv = writeGbdtRows(spec, p, o, steps, x, r * W);
    for (let i = r; i < e; i++)
      y[i] = Math.log1p(p.clean.y[o + idx.step[i]]) - lv;
    r = e;
  }
  return { x, y, n };
}

function toSaved(t: Tree): SavedTree {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold, (v) =>
      v === -Infinity ? -Number.MAX_VALUE : v,
    ),
    left: Array.from(t.left),
    right: Array.from(t.right),
    leafValue: Array.from(t.leafValue),
  };
}

function fromSaved(t: SavedTree): Tree {
  return {
    feature: Int32Array.from(t.feature),
    bin: new Int32Array(t.feature.length),
    threshold: Float64Array.from(t.threshold),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    leafValue: Float64Array.from(t.leafValue),
  };
}

const converted = new WeakMap<GbdtCandidateModel, Tree[]>();

/** Raw predictions (log-space, before adding the origin's log level) of `n` feature rows. */
export function predictGbdtRaw(
  model: GbdtCandidateModel,
  x: Float64Array,
  n: number,
): Float64Array {
  let trees = converted.get(model);
  if (!trees) {
    trees = model.trees.map(fromSaved);
    converted.set(model, trees);
  }
  return predictRows(model.init, trees, x, n, model.spec.width);
}

function predictRows(
  init: number,
  trees: Tree[],
  x: Float64Array,
  n: number,
  W: number,
): Float64Array {
  const out = new Float64Array(n).fill(init);
  for (const t of trees)
    for (let i = 0; i < n; i++) out[i] += t.leafValue[leafOfRaw(t, x, i * W)];
  return out;
}

/**
 * Quantile offsets from validation residuals (log space) per step, pooled over steps h-2..h+2
 * and centred on their median so the P50 stays the model's prediction.
 */
function residualOffsets(
  resid: Float64Array,
  steps: ArrayLike<number>,
  H: number,
  levels: number[],
): number[][] {
  const byStep: number[][] = Array.from({ length: H }, () => []);
  for (let i = 0; i < resid.length; i++) byStep[steps[i]].push(resid[i]);
  return levels.map((q) =>
    Array.from({ length: H }, (_, h) => {
      const pool: number[] = [];
      for (let j = Math.max(0, h - 2); j <= Math.min(H - 1, h + 2); j++)
        pool.push(...byStep[j]);
      if (pool.length < 5 || q === 0.5) return 0;
      return quantileOf(pool, q) - quantileOf(pool, 0.5);
    }),
  );
}

/**
 * Trains the candidate on every row whose target lies before `cutoff(p)`. With `fixedTrees`
 * unset, the last horizon before each cutoff is the validation window: it stops the boosting and
 * its residuals give the quantile offsets. With `fixedTrees` (the final model), all rows up to the
 * cutoff train that many trees and `offsets` are reused.
 */
export function trainGbdtCandidate(
  spec: GbdtFeatureSpec,
  series: PreparedSeries[],
  cutoff: (p: PreparedSeries) => number,
  o: ResolvedGbdtOptions,
  levels: number[],
  seed: number,
  fixed?: { trees: number; offsets: number[][] },
): { model: GbdtCandidateModel; report: GbdtTrainReport } {
  const t0 = Date.now();
  const H = spec.horizon;
  const rand = mulberry32(seed);
  const trainEnd = (p: PreparedSeries): number =>
    fixed ? cutoff(p) : cutoff(p) - H;
  const tr = materialise(
    spec,
    series,
    sampleRows(spec, series, () => 0, trainEnd, o.maxRows, rand),
  );
  let validIdx: RowIndex | undefined;
  let va: ReturnType<typeof materialise> | undefined;
  if (!fixed) {
    // One origin per series (cutoff - H), all steps: the same window shape as a backtest origin.
    const prob = Math.min(1, o.maxValidRows / Math.max(1, series.length * H));
    validIdx = { series: [], origin: [], step: [] };
    for (let s = 0; s < series.length; s++) {
      const p = series[s];
      const vo = cutoff(p) - H;
      if (vo < firstOrigin(spec)) continue;
      for (let h = 0; h < H; h++) {
        if (prob < 1 && rand() >= prob) continue;
        if (vo + h >= p.n || p.clean.valid[vo + h] !== 1) continue;
        validIdx.series.push(s);
        validIdx.origin.push(vo);
        validIdx.step.push(h);
      }
    }
    va = materialise(spec, series, validIdx);
    if (va.n === 0) va = undefined;
  }
  if (tr.n === 0) throw new Error('gbdt: no training rows before the cutoff');
  const W = spec.width;
  const g = trainGbdt(
    { x: tr.x, y: tr.y, n: tr.n, f: W },
    {
      objective: { kind: o.objective },
      numTrees: fixed ? fixed.trees : o.numTrees,
      learningRate: o.learningRate,
      maxLeaves: o.maxLeaves,
      maxDepth: 10,
      minDataInLeaf: o.minDataInLeaf,
      lambda: 1,
      rowSample: 0.7,
      colSample: 0.8,
      seed,
      earlyStoppingRounds: 30,
    },
    va ? { x: va.x, y: va.y, n: va.n, f: W } : undefined,
  );
  let offsets = fixed?.offsets;
  if (!offsets) {
    offsets = levels.map(() => new Array<number>(H).fill(0));
    if (va && validIdx) {
      const pred = predictRows(g.init, g.trees, va.x, va.n, W);
      const resid = va.y.map((v, i) => v - pred[i]);
      offsets = residualOffsets(resid, validIdx.step, H, levels);
    }
  }
  const total = g.importance.reduce((a, b) => a + b, 0) || 1;
  const importance = [...g.importance]
    .map((v, j): [string, number] => [spec.names[j], v / total])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  return {
    model: {
      spec,
      init: g.init,
      trees: g.trees.map(toSaved),
      levels: [...levels],
      offsets,
    },
    report: {
      rows: tr.n,
      validRows: va?.n ?? 0,
      trees: g.trees.length,
      validLoss: g.validLoss.length
        ? g.validLoss[g.trees.length - 1]
        : undefined,
      seconds: (Date.now() - t0) / 1000,
      importance,
    },
  };
}

/** Forecasts (all H steps) at the requested origins, in blocks to bound memory. */
export function predictGbdtCandidate(
  model: GbdtCandidateModel,
  reqs: { series: PreparedSeries; origin: number }[],
): Forecast[] {
  const H = model.spec.horizon;
  const z = predictGbdtLog(model, reqs);
  return reqs.map((_, i) => {
    const point = new Float64Array(H);
    const values = model.levels.map(() => new Float64Array(H));
    for (let h = 0; h < H; h++) {
      const zi = z[i * H + h];
      point[h] = Math.expm1(zi);
      model.levels.forEach((_q, k) => {
        values[k][h] = Math.expm1(zi + model.offsets[k][h]);
      });
    }
    return finalizeForecast({ point, levels: [...model.levels], values });
  });
}

/**
 * log1p of the P50 for every (request, step), row-major (`reqs.length` x H), with the
 * `neutral` covariate groups written as neutral values (see `writeGbdtRows`).
 */
export function predictGbdtLog(
  model: GbdtCandidateModel,
  reqs: { series: PreparedSeries; origin: number }[],
  neutral?: ReadonlySet<CovariateGroup>,
): Float64Array {
  const { spec } = model;
  const H = spec.horizon;
  const W = spec.width;
  const steps = Int32Array.from({ length: H }, (_, h) => h);
  const out = new Float64Array(reqs.length * H);
  const block = 1000;
  const x = new Float64Array(Math.min(block, reqs.length) * H * W);
  const lvs = new Float64Array(block);
  for (let b = 0; b < reqs.length; b += block) {
    const part = reqs.slice(b, b + block);
    part.forEach((r, i) => {
      lvs[i] = writeGbdtRows(
        spec,
        r.series,
        r.origin,
        steps,
        x,
        i * H * W,
        neutral,
      );
    });
    const n = part.length * H;
    const pred = predictGbdtRaw(model, x.subarray(0, n * W), n);
    for (let i = 0; i < part.length; i++)
      for (let h = 0; h < H; h++)
        out[(b + i) * H + h] = pred[i * H + h] + lvs[i];
  }
  return out;
}
