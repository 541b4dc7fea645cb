import { normalInverse } from '../normal';
import { QuantileForecast } from '../types';
import { Forecaster, ForecastContext, sortedQuantile } from './forecaster';
import { ScorePool } from './score-pool';

export interface CalibrationOptions {
  /** Output levels. Default: the inner forecaster's levels. */
  readonly levels?: readonly number[];
  /** Past origins whose errors are used (most recent first). Default 104. */
  readonly window?: number;
  /** No calibration before an origin has this much history. Default 26. */
  readonly minHistory?: number;
  /** Fewer scores than this in a stratum: fall back to all strata, then to the inner forecast. Default 20. */
  readonly minScores?: number;
  /**
   * Splits errors into groups calibrated separately, e.g. promotion weeks vs
   * others (their errors differ in scale and skew). Receives the context and
   * the absolute period index. Default: one group.
   */
  readonly stratum?: (context: ForecastContext, period: number) => number;
  /**
   * Read quantile τ of n scores at the split-conformal level ⌈(n + 1)τ⌉ / n
   * (⌊(n + 1)τ⌋ / n below the median), so the coverage holds in finite
   * samples; with n < 1/(1 − τ) − 1 that is the largest score. Default true.
   */
  readonly finiteSampleCorrection?: boolean;
  /**
   * Scores pooled over a panel of series (each series' own scores are few,
   * and tails need many). Every series of the panel must record() into it
   * before the first forecast. Without a pool, the series' own scores are used.
   */
  readonly pool?: ScorePool;
  /**
   * With a pool: read only the scores of forecasts whose own spread lies in
   * the same band as the current one, the pool's window being split into this
   * many bands of equal count (ScorePool.spreadBand). Scores are errors in
   * units of the spread, and forecasts that are already wide err by fewer of
   * their units than narrow ones, so one pooled distribution over-widens the
   * wide ones. Fewer than minScores in the band: the whole stratum. Default 1.
   */
  readonly spreadBands?: number;
  /**
   * Standardise errors above the median by the forecast's upper half-spread (P50 → P90) and
   * errors below it by the lower one (P10 → P50), and map calibrated scores back the same way.
   * A forecast whose P10 is 0 has a huge symmetric log spread, so its upper tail was blown up by
   * the pooled scores; the half-spreads keep each side on its own scale. Default false.
   */
  readonly asymmetricSpread?: boolean;
}

export interface CalibratedForecaster extends Forecaster {
  /**
   * Adds to the pool the scores of the inner forecast made at ctx.origin
   * (which sees only ctx.pastDemand), against the outcomes in `demand`
   * (absolute periods). The pool hides each score until its outcome's calendar value has passed.
   */
  record(
    context: ForecastContext,
    horizon: number,
    demand: ArrayLike<number>,
  ): void;
}

/** Scores below this spread (log scale) are not standardised: the inner forecast claims certainty. */
const MIN_SPREAD = 1e-3;

/**
 * Wraps any Forecaster and recalibrates its quantiles from its own past
 * errors on the same series, without look-ahead (split-conformal style).
 * At origin t, the inner forecaster is re-run at each earlier origin o (same
 * history cut, so it saw only demand before o) and each outcome y that was
 * already known at t (o + h < t) gives a score
 *   z = (log(1 + y) − log(1 + P50)) / spread,  spread = (log(1 + P90) − log(1 + P10)) / 2.563,
 * i.e. the error in units of the inner forecast's own spread. The new
 * quantile τ is expm1(log(1 + P50) + spread · Q_τ(z)), with Q_τ the empirical
 * quantile (by default at the finite-sample conformal level, see options).
 * Only demand before t and
 * the calendar/planned covariates, which the inner forecaster sees anyway,
 * are used. Use one per series: it caches the inner forecasts by origin.
 */
export function calibratedForecaster(
  inner: Forecaster,
  options: CalibrationOptions = {},
): CalibratedForecaster {
  const window = options.window ?? 104;
  const minHistory = options.minHistory ?? 26;
  const minScores = options.minScores ?? 20;
  const stratum = options.stratum ?? (() => 0);
  const correct = options.finiteSampleCorrection ?? true;
  const bands = options.spreadBands ?? 1;
  const asymmetric = options.asymmetricSpread ?? false;
  const past = new Map<string, QuantileForecast>();

  const innerAt = (
    ctx: ForecastContext,
    origin: number,
    horizon: number,
  ): QuantileForecast => {
    const key = `${origin}:${horizon}`;
    let hit = past.get(key);
    if (!hit) {
      hit = inner.forecast(
        { ...ctx, origin, pastDemand: ctx.pastDemand.subarray(0, origin) },
        horizon,
      );
      past.set(key, hit);
    }
    return hit;
  };

  const pool = options.pool;
  return {
    name: `${inner.name}+calibrated`,
    record(ctx, horizon, demand): void {
      if (!pool || ctx.origin < minHistory) return;
      const f = innerAt(ctx, ctx.origin, horizon);
      for (let h = 0; h < horizon; h++) {
        const t = ctx.origin + h;
        const band = spreadOf(f, h);
        if (!band || t >= demand.length) continue;
        const z = scoreOf(Math.log1p(demand[t]) - band.mid, band, asymmetric);
        // With half-spreads a score is filed under the half-spread it was measured in.
        const unit = !asymmetric ? band.spread : z > 0 ? band.up : band.down;
        pool.add(stratum(ctx, t), h, ctx.calendar[t], z, unit);
      }
    },
    forecast(ctx: ForecastContext, horizon: number): QuantileForecast {
      const now = innerAt(ctx, ctx.origin, horizon);
      const levels = options.levels ?? now.levels;
      if (ctx.origin < minHistory) return now;
      // Scores by stratum and horizon, from origins whose outcome is known now.
      const scores = new Map<number, number[]>();
      const all: number[][] = Array.from({ length: horizon }, () => []);
      // With a pool, the series' own scores are not read.
      const first = Math.max(minHistory, ctx.origin - (pool ? 0 : window));
      for (let o = ctx.origin - 1; o >= first; o--) {
        const f = innerAt(ctx, o, horizon);
        for (let h = 0; h < horizon && o + h < ctx.origin; h++) {
          const band = spreadOf(f, h);
          if (!band) continue;
          const z = scoreOf(
            Math.log1p(ctx.pastDemand[o + h]) - band.mid,
            band,
            asymmetric,
          );
          const key = stratum(ctx, o + h) * horizon + h;
          const list = scores.get(key) ?? [];
          list.push(z);
          scores.set(key, list);
          all[h].push(z);
        }
      }
      const values = levels.map(() => new Float64Array(horizon));
      for (let h = 0; h < horizon; h++) {
        const band = spreadOf(now, h);
        // Too few scores in this stratum: all strata of this horizon.
        const s = stratum(ctx, ctx.origin + h);
        const asOf = ctx.calendar[ctx.origin];
        const base: ArrayLike<number> | undefined = pool
          ? pool.scores(s, h, asOf)
          : scores.get(s * horizon + h);
        // The scores of forecasts as wide as this one (with half-spreads: as wide on each side).
        const scoresFor = (unit: number | undefined): ArrayLike<number> => {
          let own = base;
          if (pool && unit !== undefined && bands > 1) {
            const near = pool.spreadBand(s, h, asOf, unit, bands);
            if (near.length >= minScores) own = near;
          }
          return !own || own.length < minScores ? all[h] : own;
        };
        const upper = scoresFor(
          band ? (asymmetric ? band.up : band.spread) : undefined,
        );
        const lower = asymmetric && band ? scoresFor(band.down) : upper;
        if (!band || upper.length < minScores || lower.length < minScores) {
          levels.forEach((l, k) => (values[k][h] = quantileOf(now, h, l)));
          continue;
        }
        const sortedUpper = Float64Array.from(upper).sort();
        const sortedLower =
          lower === upper ? sortedUpper : Float64Array.from(lower).sort();
        levels.forEach((l, k) => {
          const sorted = l >= 0.5 ? sortedUpper : sortedLower;
          const n = sorted.length;
          const level = !correct
            ? l
            : l >= 0.5
              ? Math.ceil((n + 1) * l) / n
              : Math.floor((n + 1) * l) / n;
          const z = sortedQuantile(sorted, Math.min(1, Math.max(0, level)));
          values[k][h] = Math.max(
            0,
            Math.expm1(band.mid + unscale(z, band, asymmetric)),
          );
        });
      }
      return { levels, values };
    },
  };
}

const Z90 = normalInverse(0.9);

interface Band {
  readonly mid: number;
  readonly spread: number;
  /** Half-spreads above and below the median (the symmetric spread where one is degenerate). */
  readonly up: number;
  readonly down: number;
}

/** Median, spread and half-spreads on the log(1 + y) scale of one period of a forecast. */
function spreadOf(f: QuantileForecast, h: number): Band | null {
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
function scoreOf(error: number, band: Band, asymmetric: boolean): number {
  if (!asymmetric) return error / band.spread;
  return error / (error > 0 ? band.up : band.down);
}

/** The inverse of scoreOf. */
function unscale(z: number, band: Band, asymmetric: boolean): number {
  if (!asymmetric) return band.spread * z;
  return z * (z > 0 ? band.up : band.down);
}

/** The forecast's value at a level, interpolated linearly between its levels. */
function quantileOf(f: QuantileForecast, h: number, level: number): number {
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
