import { basketCount, basketItems, type Baskets } from './baskets';
import type { BasketRecommender } from './recommenders';

/** Dense n × n work; above this many items use item-CF (sparse) instead. */
export const EASE_MAX_ITEMS = 4000;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders", WWW 2019): the item-item weights B that best
 * rebuild each basket from its other items, ‖X − XB‖² + λ‖B‖² with diag(B) = 0, in closed form:
 * P = (XᵀX + λI)⁻¹, B_ij = −P_ij / P_jj. Unlike item-CF's pairwise similarities it weighs each
 * neighbour given the others (a regression, not a count). Dense: O(n³) time, O(n²) memory.
 * Returns B row-major (n × n).
 */
export function easeWeights(train: Baskets, lambda: number): Float64Array {
  const n = train.itemCount;
  if (n > EASE_MAX_ITEMS)
    throw new Error(
      `EASE is dense (n² memory, n³ time): ${n} items is above ${EASE_MAX_ITEMS}`,
    );
  if (!(lambda > 0)) throw new Error(`EASE needs λ > 0, got ${lambda}`);
  const g = new Float64Array(n * n);
  for (let b = 0; b < basketCount(train); b++) {
    const items = basketItems(train, b);
    for (const i of items) for (const j of items) g[i * n + j] += 1;
  }
  for (let i = 0; i < n; i++) g[i * n + i] += lambda;
  const p = invertSymmetricPositiveDefinite(g, n);
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j) weights[i * n + j] = -p[i * n + j] / p[j * n + j];
  return weights;
}

/** Scores a partial basket by the sum of its items' EASE rows. */
export function easeRecommender(
  train: Baskets,
  lambda: number,
): BasketRecommender {
  const n = train.itemCount;
  const weights = easeWeights(train, lambda);
  return {
    name: `EASE (λ = ${lambda})`,
    score(context, scores) {
      scores.fill(0);
      for (let c = 0; c < context.length; c++) {
        const row = context[c] * n;
        for (let j = 0; j < n; j++) scores[j] += weights[row + j];
      }
    },
  };
}

/**
 * Inverse of a symmetric positive-definite matrix (row-major) by Cholesky: A = LLᵀ, then
 * A⁻¹ = L⁻ᵀL⁻¹. XᵀX + λI is positive definite for λ > 0.
 */
export function invertSymmetricPositiveDefinite(
  a: Float64Array,
  n: number,
): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) throw new Error('The matrix is not positive definite');
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  // M = L⁻¹ (lower triangular), by forward substitution column by column.
  const m = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    m[c * n + c] = 1 / l[c * n + c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[i * n + k] * m[k * n + c];
      m[i * n + c] = s / l[i * n + i];
    }
  }
  // A⁻¹ = Mᵀ M (symmetric).
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = j; k < n; k++) s += m[k * n + i] * m[k * n + j];
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  return inv;
}
