import { normalCdf, normalInverse } from './normal';
import { quantileOf, spreadOf } from './quantile-calibration';
import { quantileDistribution } from './quantile-distribution';
import { sortedQuantile } from './replay/forecaster';
import { ScorePool } from './replay/score-pool';
import { QuantileForecast } from './types';

// Level recalibration (quantile recalibration of the forecast's own distribution): each known
// outcome gives the level at which the forecast made before it would just have covered it (its
// PIT); a new forecast's quantile τ is read from its own distribution at the split-conformal
// τ-quantile of recent PITs (by promotion state and step). Unlike the score calibration
// (quantile-calibration.ts), it keeps each forecast's own width and shape and only moves the
// level read from it, so a forecaster that is sharp but a little over- or under-confident stays
// sharp. With a short window of recent outcomes it follows a drift in the forecaster's coverage
// (a refit that improves with more history, a calmer season) instead of averaging it away.
//
// Every forecast is read as a two-piece log-normal through its P10, P50 and P90: on the log(1 + y)
// scale, piecewise linear in the normal quantile z of the level, extended linearly beyond P10 and
// P90. Those three levels are all the nightly run's backtest windows keep, so the replay and the
// nightly run compute the same levels from the same inputs (bench/policy-replay.ts validates it).

/** The three levels every stored forecast (and backtest window) carries. */
const KNOT_LEVELS = [0.1, 0.5, 0.9];
const KNOT_Z = KNOT_LEVELS.map((l) => normalInverse(l));
/** Levels read back are kept inside (ε, 1 − ε): the tails' extrapolation has no end. */
const EDGE = 1e-6;
/** A side whose log spread is below this has none. */
const MIN_RISE = 1e-3;

/**
 * log(1 + P10), log(1 + P50), log(1 + P90) of step h, non-decreasing. A side without spread (the
 * engine's P90 equal to its P50, say) takes the other side's, so that an outcome beyond it gets
 * a level below 1 instead of "never covered".
 */
function knots(f: QuantileForecast, h: number): number[] {
  let prev = 0;
  const v = KNOT_LEVELS.map((l) => {
    prev = Math.max(prev, Math.log1p(Math.max(0, quantileOf(f, h, l))));
    return prev;
  });
  const down = v[1] - v[0];
  const up = v[2] - v[1];
  if (!(up > MIN_RISE) && down > MIN_RISE) v[2] = v[1] + down;
  if (!(down > MIN_RISE) && up > MIN_RISE) v[0] = Math.max(0, v[1] - up);
  return v;
}

/** The segment (a, a + 1) of the knots that covers normal quantile x (the end ones extended). */
const segmentFor = (x: number): number => (x <= KNOT_Z[1] ? 0 : 1);

/** Step h of the forecast at any level in (0, 1) (the two-piece log-normal through P10/P50/P90). */
export function levelValue(
  f: QuantileForecast,
  h: number,
  level: number,
): number {
  const v = knots(f, h);
  const x = normalInverse(Math.min(1 - EDGE, Math.max(EDGE, level)));
  const a = segmentFor(x);
  const slope = (v[a + 1] - v[a]) / (KNOT_Z[a + 1] - KNOT_Z[a]);
  return Math.max(0, Math.expm1(v[a] + slope * (x - KNOT_Z[a])));
}

/**
 * The smallest level at which step h of the forecast covers `actual` (its PIT, so that
 * actual ≤ levelValue(f, h, τ) exactly when τ ≥ this level). 0 for a zero outcome; 1 for an
 * outcome above a forecast whose upper half has no spread.
 */
export function coveringLevel(
  f: QuantileForecast,
  h: number,
  actual: number,
): number {
  if (!(actual > 0)) return 0;
  const v = knots(f, h);
  const y = Math.log1p(actual);
  // Below the median: the lower piece; above: the upper one. A flat piece covers everything at
  // or below its value from its lowest level on.
  const a = y <= v[1] ? 0 : 1;
  const rise = v[a + 1] - v[a];
  if (!(rise > 0)) {
    if (a === 0) return y <= v[0] ? 0 : normalCdf(KNOT_Z[1]);
    return 1;
  }
  const x = KNOT_Z[a] + ((y - v[a]) / rise) * (KNOT_Z[a + 1] - KNOT_Z[a]);
  return normalCdf(x);
}

/**
 * How a forecast is read at any level. `knots`: the two-piece log-normal through P10/P50/P90
 * (above). `levels`: the forecast's own levels, as the policy reads them (quantile-distribution.ts:
 * piecewise linear between the levels, linear below the lowest, the exponential tail through the
 * two highest above), so the engine's own P95/P98 and tail set both the covering levels and the
 * values read back.
 */
export type LevelReading = 'knots' | 'levels';

/** Step h of the forecast as a distribution over its own levels. */
function stepDistribution(f: QuantileForecast, h: number) {
  const t = Math.min(h, f.values[0].length - 1);
  return quantileDistribution(
    f.levels,
    f.values.map((v) => v[t]),
  );
}

/** The highest level the `levels` reading reads back: the exponential tail has no end. */
export const MAX_READ_LEVEL = 0.999;

/** Step h at `level` under `reading`. */
export function readLevel(
  f: QuantileForecast,
  h: number,
  level: number,
  reading: LevelReading,
): number {
  if (reading === 'knots') return levelValue(f, h, level);
  if (level <= 0) return stepDistribution(f, h).quantile(1e-12);
  return stepDistribution(f, h).quantile(Math.min(MAX_READ_LEVEL, level));
}

/** The covering level (PIT) of `actual` under `reading`. */
export function coveringLevelOf(
  f: QuantileForecast,
  h: number,
  actual: number,
  reading: LevelReading,
): number {
  if (reading === 'knots') return coveringLevel(f, h, actual);
  if (!(actual > 0)) return 0;
  return stepDistribution(f, h).level(actual);
}

/** The forecast's log spread at step h (spread bands), 0 without spread. */
const spreadAt = (f: QuantileForecast, h: number): number =>
  spreadOf(f, h)?.spread ?? 0;

/**
 * Files the covering level of step h of `f` against its outcome (at `calendar`) in the pool,
 * under the forecast's spread (for spread bands).
 */
export function recordLevel(
  pool: ScorePool,
  f: QuantileForecast,
  h: number,
  actual: number,
  stratum: number,
  calendar: number,
  reading: LevelReading = 'knots',
): void {
  if (!Number.isFinite(actual)) return;
  pool.add(
    stratum,
    h,
    calendar,
    coveringLevelOf(f, h, actual, reading),
    spreadAt(f, h),
  );
}

export interface LevelRecalibration {
  /** How forecasts are read (covering levels and values). Default `knots`. */
  readonly reading?: LevelReading;
  /** Equal-count bands of the forecasts' log spread within a stratum (1: none). Default 1. */
  readonly spreadBands?: number;
  /** Fewer covering levels than this in the stratum: all strata; fewer there: the forecast as is. Default 20. */
  readonly minScores?: number;
  /** Read the split-conformal level ⌈(n + 1)τ⌉ / n of the covering levels (⌊·⌋ below the median). Default true. */
  readonly finiteSampleCorrection?: boolean;
}

/**
 * Step h of `now` at `levels`, each read at the conformal quantile of the covering levels of
 * outcomes before `asOf` in `stratum` (the pool's window). Too few of them: those of every
 * stratum; still too few: the forecast's own levels (its two-piece log-normal, unmoved).
 */
export function recalibrateLevels(
  now: QuantileForecast,
  h: number,
  levels: readonly number[],
  pool: ScorePool,
  stratum: number,
  asOf: number,
  options: LevelRecalibration = {},
): number[] {
  const minScores = options.minScores ?? 20;
  const correct = options.finiteSampleCorrection ?? true;
  const reading = options.reading ?? 'knots';
  const bands = options.spreadBands ?? 1;
  let covering: ArrayLike<number> =
    bands > 1
      ? pool.spreadBand(stratum, h, asOf, spreadAt(now, h), bands)
      : new Float64Array(0);
  if (covering.length < minScores) covering = pool.scores(stratum, h, asOf);
  if (covering.length < minScores) covering = merged(pool, stratum, h, asOf);
  if (covering.length < minScores)
    return levels.map((l) => quantileOf(now, h, l));
  const n = covering.length;
  // The level read stays within the levels served: beyond them only the log-normal's
  // extrapolation would speak, and a few spikes far above every forecast (covering levels near 1)
  // would otherwise carry the upper levels out to many times the median.
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  return levels.map((l) => {
    const level = !correct
      ? l
      : l >= 0.5
        ? Math.ceil((n + 1) * l) / n
        : Math.floor((n + 1) * l) / n;
    const read = sortedQuantile(covering, Math.min(1, Math.max(0, level)));
    // The `levels` reading reads the forecast's own tail (bounded by MAX_READ_LEVEL).
    return reading === 'levels'
      ? readLevel(now, h, read, reading)
      : levelValue(now, h, Math.min(highest, Math.max(lowest, read)));
  });
}

/** Sorted covering levels of both strata (promotion and other) of one step. */
function merged(
  pool: ScorePool,
  stratum: number,
  h: number,
  asOf: number,
): Float64Array {
  const a = pool.scores(stratum, h, asOf);
  const b = pool.scores(1 - stratum, h, asOf);
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out.sort();
}
