/**
 * Boosting objectives: gradient/hessian of the loss with respect to the prediction, the initial
 * constant, and (for L1/pinball) leaf renewal with the alpha-quantile of the leaf's residuals,
 * as the gradient alone carries no scale for these losses.
 */
export type GbdtObjective =
  | { kind: 'l2' }
  | { kind: 'l1' }
  | { kind: 'quantile'; alpha: number };

export function objectiveAlpha(o: GbdtObjective): number {
  return o.kind === 'quantile' ? o.alpha : 0.5;
}

export function gradients(
  o: GbdtObjective,
  y: ArrayLike<number>,
  pred: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
): void {
  const n = pred.length;
  if (o.kind === 'l2') {
    for (let i = 0; i < n; i++) {
      grad[i] = pred[i] - y[i];
      hess[i] = 1;
    }
    return;
  }
  const a = objectiveAlpha(o);
  for (let i = 0; i < n; i++) {
    grad[i] = pred[i] >= y[i] ? 1 - a : -a;
    hess[i] = 1;
  }
}

export function loss(
  o: GbdtObjective,
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
): number {
  const n = pred.length;
  let s = 0;
  if (o.kind === 'l2') {
    for (let i = 0; i < n; i++) s += (pred[i] - y[i]) ** 2;
  } else {
    const a = objectiveAlpha(o);
    for (let i = 0; i < n; i++) {
      const d = y[i] - pred[i];
      s += d >= 0 ? a * d : (a - 1) * d;
    }
  }
  return n > 0 ? s / n : 0;
}

/** alpha-quantile (type 7, linear interpolation) of values[0..len); reorders values. */
export function quantileInPlace(
  values: Float64Array,
  len: number,
  alpha: number,
): number {
  if (len === 0) return 0;
  const sub = values.subarray(0, len).sort();
  const pos = alpha * (len - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(len - 1, lo + 1);
  return sub[lo] + (sub[hi] - sub[lo]) * (pos - lo);
}

export function initialScore(o: GbdtObjective, y: ArrayLike<number>): number {
  if (o.kind === 'l2') {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    return y.length ? s / y.length : 0;
  }
  return quantileInPlace(Float64Array.from(y), y.length, objectiveAlpha(o));
}
