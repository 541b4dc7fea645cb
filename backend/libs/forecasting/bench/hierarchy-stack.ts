/**
 * The stacked method of bench:hierarchy: a convex combination of bottom-up, top-down and
 * structural WLS (none of them needs residuals, so their forecasts at earlier origins are exactly
 * what they would have served then), with weights refit at every origin by `fitCombinationWeights`
 * on the last STACK_WINDOWS origins whose actuals are known at that origin (warm-up origins
 * included). An origin with no such window gets equal weights. The settings (candidates, 4
 * windows, grid step 0.1) were chosen on the development origins.
 */
import {
  type CombinationWindow,
  createReconciler,
  fitCombinationWeights,
  type Hierarchy,
  type Reconciler,
  reconcileForecasts,
} from '../src';
import type { OriginCtx } from './hierarchy-origins';

export const STACK_METHODS = ['bottomUp', 'topDown', 'wls'] as const;
export const STACK_WINDOWS = 4;

export const stackReconcilers = (h: Hierarchy): Reconciler[] =>
  STACK_METHODS.map((method) => createReconciler(h, { method }));

/** Sets `stack` (the candidates' weights) on every origin, from the origins before it. */
export function stackWeights(
  h: Hierarchy,
  origins: OriginCtx[],
  horizon: number,
): void {
  const recs = stackReconcilers(h);
  const windows: CombinationWindow[] = origins.map((o) => ({
    candidates: recs.map((r) => reconcileForecasts(h, r, o.base.point)),
    base: o.base.point,
    actual: o.actual,
    scale: o.scale,
  }));
  for (const o of origins) {
    const known = origins
      .map((p, j) => ({ p, w: windows[j] }))
      .filter(({ p }) => p.origin + horizon <= o.origin)
      .slice(-STACK_WINDOWS)
      .map(({ w }) => w);
    o.stack =
      known.length > 0
        ? fitCombinationWeights(h, known).weights
        : new Float64Array(recs.length).fill(1 / recs.length);
  }
}
