/**
 * Gradient-boosted regression trees in plain TypeScript (LightGBM-style): quantile-binned
 * features (bin codes in a Uint8Array), histogram split finding, leaf-wise growth with a leaf
 * budget, depth limit, minimum leaf size and L2 regularisation, shrinkage, seeded row and feature
 * subsampling, early stopping on a validation set, and squared-error, L1 or pinball (quantile)
 * objectives. Same data + options + seed = the same model.
 */
import { applyBins, binFeatures } from './binning';
import {
  type GbdtObjective,
  gradients,
  initialScore,
  loss,
  objectiveAlpha,
  quantileInPlace,
} from './objectives';
import { growTree, leafOfBins, leafOfRaw, type Tree } from './tree';
import { mulberry32 } from '../../core/random';

export type { GbdtObjective } from './objectives';
export type { Tree as GbdtTree } from './tree';

export interface GbdtOptions {
  objective?: GbdtObjective;
  numTrees?: number;
  learningRate?: number;
  maxLeaves?: number;
  maxDepth?: number;
  minDataInLeaf?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  minGain?: number;
  /** Share of rows drawn (without replacement, per tree). */
  rowSample?: number;
  /** Share of features drawn per tree. */
  colSample?: number;
  maxBins?: number;
  seed?: number;
  /** Stop when the validation loss has not improved for this many trees (needs `valid`). */
  earlyStoppingRounds?: number;
  log?: (m: string) => void;
}

export interface GbdtData {
  /** Row-major features, n x f; NaN = missing. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  n: number;
  f: number;
}

export interface GbdtModel {
  objective: GbdtObjective;
  init: number;
  learningRate: number;
  trees: Tree[];
  f: number;
  /** Total split gain per feature (over kept trees). */
  importance: Float64Array;
  /** Training loss after each tree (objective's own loss). */
  trainLoss: number[];
  validLoss: number[];
  bestIteration: number;
}

const DEFAULTS: Required<Omit<GbdtOptions, 'log' | 'objective'>> = {
  numTrees: 200,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 12,
  minDataInLeaf: 20,
  lambda: 1,
  minGain: 0,
  rowSample: 1,
  colSample: 1,
  maxBins: 255,
  seed: 1,
  earlyStoppingRounds: 20,
};

/** The library's seeded PRNG (mulberry32), under the name the GBDT API has exported. */
export const seededRandom = mulberry32;

function checkData(d: GbdtData, what: string): void {
  if (d.x.length !== d.n * d.f)
    throw new Error(
      `${what}: x has ${d.x.length} values, expected n*f = ${d.n * d.f}`,
    );
  if (d.y.length !== d.n)
    throw new Error(`${what}: y has ${d.y.length} values, expected ${d.n}`);
  for (let i = 0; i < d.n; i++)
    if (!Number.isFinite(d.y[i]))
      throw new Error(`${what}: row ${i}: target y is not finite (${d.y[i]})`);
}

export function trainGbdt(
  train: GbdtData,
  options: GbdtOptions = {},
  valid?: GbdtData,
): GbdtModel {
  const o = { ...DEFAULTS, ...options };
  const objective = options.objective ?? { kind: 'l2' };
  checkData(train, 'train');
  if (valid) {
    checkData(valid, 'valid');
    if (valid.f !== train.f)
      throw new Error(`valid has ${valid.f} features, train has ${train.f}`);
  }
  const { n, f, y } = train;
  const bins = binFeatures(train.x, n, f, o.maxBins);
  const rand = seededRandom(o.seed);
  const init = initialScore(objective, y);
  const pred = new Float64Array(n).fill(init);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const validPred = valid ? new Float64Array(valid.n).fill(init) : undefined;
  const validCodes = valid
    ? applyBins(valid.x, valid.n, f, bins.edges)
    : undefined;
  const trees: Tree[] = [];
  const importance: Float64Array[] = [];
  const trainLoss: number[] = [];
  const validLoss: number[] = [];
  let best = Infinity;
  let bestIteration = 0;
  const alpha = objectiveAlpha(objective);
  const renew = objective.kind !== 'l2';
  const resid = new Float64Array(n);
  const allRows = new Int32Array(n);
  for (let i = 0; i < n; i++) allRows[i] = i;
  for (let it = 0; it < o.numTrees; it++) {
    gradients(objective, y, pred, grad, hess);
    let rows = allRows;
    if (o.rowSample < 1) {
      const picked: number[] = [];
      for (let i = 0; i < n; i++) if (rand() < o.rowSample) picked.push(i);
      rows = Int32Array.from(picked);
    } else rows = allRows.slice();
    const feats: number[] = [];
    for (let j = 0; j < f; j++)
      if (o.colSample >= 1 || rand() < o.colSample) feats.push(j);
    if (feats.length === 0) feats.push(Math.floor(rand() * f));
    const grown = growTree(
      {
        codes: bins.codes,
        f,
        grad,
        hess,
        edges: bins.edges,
        features: Int32Array.from(feats),
      },
      rows,
      o,
    );
    const t = grown.tree;
    if (renew) {
      // L1/pinball: the leaf value is the alpha-quantile of the residuals of its rows.
      grown.leafRanges.forEach(([s, e], k) => {
        for (let q = s; q < e; q++) resid[q - s] = y[rows[q]] - pred[rows[q]];
        t.leafValue[k] = quantileInPlace(resid, e - s, alpha);
      });
    }
    for (let k = 0; k < t.leafValue.length; k++)
      t.leafValue[k] *= o.learningRate;
    for (let i = 0; i < n; i++)
      pred[i] += t.leafValue[leafOfBins(t, bins.codes, i * f)];
    trees.push(t);
    importance.push(grown.gains);
    trainLoss.push(loss(objective, y, pred));
    if (valid && validPred && validCodes) {
      for (let i = 0; i < valid.n; i++)
        validPred[i] += t.leafValue[leafOfBins(t, validCodes, i * f)];
      const vl = loss(objective, valid.y, validPred);
      validLoss.push(vl);
      if (vl < best - 1e-12) {
        best = vl;
        bestIteration = it + 1;
      } else if (it + 1 - bestIteration >= o.earlyStoppingRounds) break;
    } else bestIteration = it + 1;
    if (options.log && (it + 1) % 50 === 0)
      options.log(
        `gbdt tree ${it + 1}: train ${trainLoss[it].toFixed(5)}${valid ? ` valid ${validLoss[it].toFixed(5)}` : ''}`,
      );
  }
  const kept = trees.slice(0, bestIteration);
  const imp = new Float64Array(f);
  for (let k = 0; k < kept.length; k++)
    for (let j = 0; j < f; j++) imp[j] += importance[k][j];
  return {
    objective,
    init,
    learningRate: o.learningRate,
    trees: kept,
    f,
    importance: imp,
    trainLoss,
    validLoss,
    bestIteration,
  };
}

/** Predictions for n rows of raw row-major features (NaN = missing). */
export function predictGbdt(
  model: GbdtModel,
  x: ArrayLike<number>,
  n: number,
): Float64Array {
  if (x.length !== n * model.f)
    throw new Error(
      `predict: x has ${x.length} values, expected n*f = ${n * model.f}`,
    );
  const out = new Float64Array(n).fill(model.init);
  for (const t of model.trees)
    for (let i = 0; i < n; i++)
      out[i] += t.leafValue[leafOfRaw(t, x, i * model.f)];
  return out;
}
