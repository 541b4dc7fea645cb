import { normalInverse } from './normal';
import { sortedQuantile } from './replay/forecaster';
import { ScorePool } from './replay/score-pool';
import { QuantileForecast } from './types';

// The calibration the policy replay validated, one step of one forecast at a time: errors of
// earlier forecasts whose outcome is known, on the log(1 + y) scale in units of the forecast's own
// spread, pooled by stratum (promotion state) and spread band, read back at the split-conformal
// level. calibratedForecaster (the replay) and the nightly run (forecast_values.quantiles) both
// call recordScore / calibrateStep, so the served quantiles are calibrated the same way.

/** How a step is calibrated from a pool of scores. */
export interface StepCalibration {
  /** Equal-count spread bands of the pool's window (1: none). Default 1. */
  readonly spreadBands?: number;
  /** Fewer scores than this in the band: the whole stratum; fewer there: the forecast as is. Default 20. */
  readonly minScores?: number;
  /** Split-conformal levels ⌈(n + 1)τ⌉ / n (⌊·⌋ below the median). Default true. */
  readonly finiteSampleCorrection?: boolean;
  /** Standardise each side of the median by its own half-spread. Default false. */
  readonly asymmetricSpread?: boolean;
}

const Z90 = normalInverse(0.9);
/** Scores below this spread (log scale) are not standardised: the forecast claims certainty. */
const MIN_SPREAD = 1e-3;

export interface Band {
  readonly mid: number;
  readonly spread: number;
  /** Half-spreads above and below the median (the symmetric spread where one is degenerate). */
  readonly up: number;
  readonly down: number;
}

/** Median, spread and half-spreads on the log(1 + y) scale of one period of a forecast. */
export function spreadOf(f: QuantileForecast, h: number): Band | null {
  const mid = Math.log1p(quantileOf(f, h, 0.5));
  const hi = Math.log1p(quantileOf(f, h, 0.9));
  const lo = Math.log1p(quantileOf(f, h, 0.1));
  const spread = (hi - lo) / (2 * Z90);
  if (!(spread > MIN_SPREAD)) return null;
  const up = (hi - mid) / Z90;
  const down = (mid - lo) / Z90;
  return {
    mid,
    spread,
    up: up > MIN_SPREAD ? up : spread,
    down: down > MIN_SPREAD ? down : spread,
  };
}

/** An error on the log scale in units of the forecast's spread (its half-spread on that side). */
export function scoreOf(
  error: number,
  band: Band,
  asymmetric: boolean,
): number {
  if (!asymmetric) return error / band.spread;
  return error / (error > 0 ? band.up : band.down);
}

function unscale(z: number, band: Band, asymmetric: boolean): number {
  if (!asymmetric) return band.spread * z;
  return z * (z > 0 ? band.up : band.down);
}

/**
 * Files the score of step h of forecast `f` against its outcome `actual` (outcome at `calendar`)
 * in the pool. With half-spreads a score is filed under the half-spread it was measured in.
 */
export function recordScore(
  pool: ScorePool,
  f: QuantileForecast,
  h: number,
  actual: number,
  stratum: number,
  calendar: number,
  asymmetric: boolean,
): void {
  const band = spreadOf(f, h);
  if (!band || !Number.isFinite(actual)) return;
  const z = scoreOf(
    Math.log1p(Math.max(0, actual)) - band.mid,
    band,
    asymmetric,
  );
  const unit = !asymmetric ? band.spread : z > 0 ? band.up : band.down;
  pool.add(stratum, h, calendar, z, unit);
}

/**
 * Step h of `now` at `levels`, calibrated with the pool's scores of outcomes before `asOf` in
 * `stratum` (and the forecast's spread band). Too few scores, or a forecast without spread: its
 * own values at those levels.
 */
export function calibrateStep(
  now: QuantileForecast,
  h: number,
  levels: readonly number[],
  pool: ScorePool,
  stratum: number,
  asOf: number,
  options: StepCalibration = {},
): number[] {
  const bands = options.spreadBands ?? 1;
  const minScores = options.minScores ?? 20;
  const correct = options.finiteSampleCorrection ?? true;
  const asymmetric = options.asymmetricSpread ?? false;
  const band = spreadOf(now, h);
  const own = (): number[] => levels.map((l) => quantileOf(now, h, l));
  if (!band) return own();
  const base = pool.scores(stratum, h, asOf);
  // The scores of forecasts as wide as this one (with half-spreads: as wide on each side).
  const scoresFor = (unit: number): ArrayLike<number> => {
    if (bands > 1) {
      const near = pool.spreadBand(stratum, h, asOf, unit, bands);
      if (near.length >= minScores) return near;
    }
    return base;
  };
  const upper = scoresFor(asymmetric ? band.up : band.spread);
  const lower = asymmetric ? scoresFor(band.down) : upper;
  if (upper.length < minScores || lower.length < minScores) return own();
  return readScores(band, levels, upper, lower, correct, asymmetric);
}

/** Levels read from sorted scores above (τ ≥ 0.5) and below the median, mapped back through the band. */
export function readScores(
  band: Band,
  levels: readonly number[],
  upper: ArrayLike<number>,
  lower: ArrayLike<number>,
  correct: boolean,
  asymmetric: boolean,
): number[] {
  return levels.map((l) => {
    const sorted = l >= 0.5 ? upper : lower;
    const n = sorted.length;
    const level = !correct
      ? l
      : l >= 0.5
        ? Math.ceil((n + 1) * l) / n
        : Math.floor((n + 1) * l) / n;
    const z = sortedQuantile(sorted, Math.min(1, Math.max(0, level)));
    return Math.max(0, Math.expm1(band.mid + unscale(z, band, asymmetric)));
  });
}

/** The forecast's value at a level, interpolated linearly between its levels. */
export function quantileOf(
  f: QuantileForecast,
  h: number,
  level: number,
): number {
  const { levels, values } = f;
  const t = Math.min(h, values[0].length - 1);
  if (level <= levels[0]) return values[0][t];
  for (let k = 1; k < levels.length; k++) {
    if (level <= levels[k]) {
      const w = (level - levels[k - 1]) / (levels[k] - levels[k - 1]);
      return values[k - 1][t] * (1 - w) + values[k][t] * w;
    }
  }
  return values[levels.length - 1][t];
}
