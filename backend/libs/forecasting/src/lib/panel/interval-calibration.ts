import { finalizeForecast } from '../core/quantiles';
import type { Forecast, ModelName } from '../types';

/**
 * Split-conformal calibration of the P10–P90 interval. Each model's intervals come from its own
 * assumptions (Gaussian ETS errors, the trees' validation residuals, the network's quantile
 * heads) and were off in both directions on the bench (ETS 99% on Favorita, the selected 88.8%).
 * The backtest origins already hold out-of-sample forecasts and actuals for every candidate, so
 * one factor per model rescales the distance of every quantile from the median such that the
 * P10–P90 band covers the nominal 80% of those backtest actuals. Only backtest data (before the
 * forecast origin) is used: no held-out window is ever read.
 *
 * Not applied by the engine yet: `trainAndForecast` and `forecastFromArtifacts` ship each model's
 * own bands, and the product calibrates served quantiles in inventory-policy's served-calibration.
 * Applying these factors in the engine would change the served quantiles that the policy replay
 * and the nightly calibration were validated on, and the factors are estimated per panel, so a
 * sharded run would give different bands than an unsharded one. Kept as a library function (a
 * candidate, see docs/forecasting.md) for callers that calibrate on their own backtests.
 */
export const NOMINAL_COVERAGE = 0.8;

/** Fewer scored steps than this: too little evidence, the model keeps its own width. */
export const MIN_CALIBRATION_STEPS = 30;

/** The factor never shrinks a band to under a quarter or widens it beyond four times. */
export const SCALE_BOUNDS: readonly [number, number] = [0.25, 4];

function nearestLevel(fc: Forecast, q: number): Float64Array | undefined {
  let best = -1;
  fc.levels.forEach((l, k) => {
    if (best < 0 || Math.abs(l - q) < Math.abs(fc.levels[best] - q)) best = k;
  });
  return best >= 0 ? fc.values[best] : undefined;
}

/**
 * Appends one score per finite actual: how many times the half-band on the actual's side of the
 * median (median − P10 below it, P90 − median above it) the actual lies from the median. An
 * actual inside the band scores ≤ 1. A zero-width half-band scores 0 on the median, else Infinity.
 */
export function appendScores(
  fc: Forecast,
  actual: ArrayLike<number>,
  out: number[],
): void {
  const lo = nearestLevel(fc, 0.1);
  const hi = nearestLevel(fc, 0.9);
  if (!lo || !hi) return;
  const H = Math.min(actual.length, fc.point.length);
  for (let h = 0; h < H; h++) {
    const a = actual[h];
    const m = fc.point[h];
    if (!Number.isFinite(a) || !Number.isFinite(m)) continue;
    const half = a >= m ? hi[h] - m : m - lo[h];
    const dist = Math.abs(a - m);
    out.push(dist === 0 ? 0 : half > 0 ? dist / half : Infinity);
  }
}

/**
 * The conformal factor: the ⌈(n+1)·coverage⌉-th smallest score, so that scaling every half-band
 * by it covers `coverage` of the scored actuals; 1 when there are fewer than
 * MIN_CALIBRATION_STEPS scores. Clamped to SCALE_BOUNDS.
 */
export function conformalScale(
  scores: number[],
  coverage = NOMINAL_COVERAGE,
): number {
  const n = scores.length;
  if (n < MIN_CALIBRATION_STEPS) return 1;
  const sorted = Float64Array.from(scores).sort();
  const k = Math.min(n, Math.ceil((n + 1) * coverage)) - 1;
  const s = sorted[k];
  if (!Number.isFinite(s)) return SCALE_BOUNDS[1];
  return Math.min(SCALE_BOUNDS[1], Math.max(SCALE_BOUNDS[0], s));
}

/** Collects backtest scores per model and turns them into one factor per model. */
export class IntervalCalibrator {
  private readonly scores = new Map<ModelName, number[]>();

  add(model: ModelName, fc: Forecast, actual: ArrayLike<number>): void {
    const list = this.scores.get(model) ?? [];
    appendScores(fc, actual, list);
    this.scores.set(model, list);
  }

  scales(coverage = NOMINAL_COVERAGE): Partial<Record<ModelName, number>> {
    const out: Partial<Record<ModelName, number>> = {};
    for (const [model, list] of this.scores)
      out[model] = conformalScale(list, coverage);
    return out;
  }
}

/**
 * Every quantile moved `scale` times as far from the median (the point), then clipped at zero
 * and re-sorted as any forecast; the median and point are unchanged. Returns a new forecast.
 */
export function scaleIntervals(
  fc: Forecast,
  scale: number | undefined,
): Forecast {
  if (scale === undefined || scale === 1 || !Number.isFinite(scale)) return fc;
  const point = Float64Array.from(fc.point);
  const values = fc.values.map((v) =>
    v.map((x, h) => point[h] + scale * (x - point[h])),
  );
  const mid = fc.levels.indexOf(0.5);
  const out = finalizeForecast({ point, levels: [...fc.levels], values });
  if (mid < 0) out.point.set(point);
  return out;
}
