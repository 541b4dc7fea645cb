import {
  calibrateStep,
  quantileOf,
  readScores,
  recordScore,
  scoreOf,
  spreadOf,
} from '../quantile-calibration';
import { QuantileForecast } from '../types';
import { Forecaster, ForecastContext } from './forecaster';
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
        if (t >= demand.length) continue;
        recordScore(
          pool,
          f,
          h,
          demand[t],
          stratum(ctx, t),
          ctx.calendar[t],
          asymmetric,
        );
      }
    },
    forecast(ctx: ForecastContext, horizon: number): QuantileForecast {
      const now = innerAt(ctx, ctx.origin, horizon);
      const levels = options.levels ?? now.levels;
      if (ctx.origin < minHistory) return now;
      if (pool) {
        // The pooled path is the nightly run's (calibrateStep); the series' own scores are not read.
        const steps = Array.from({ length: horizon }, (_, h) =>
          calibrateStep(
            now,
            h,
            levels,
            pool,
            stratum(ctx, ctx.origin + h),
            ctx.calendar[ctx.origin],
            {
              spreadBands: bands,
              minScores,
              finiteSampleCorrection: correct,
              asymmetricSpread: asymmetric,
            },
          ),
        );
        return {
          levels,
          values: levels.map((_, k) => Float64Array.from(steps, (v) => v[k])),
        };
      }
      // Own-series scores by stratum and horizon, from origins whose outcome is known now.
      const scores = new Map<number, number[]>();
      const all: number[][] = Array.from({ length: horizon }, () => []);
      const first = Math.max(minHistory, ctx.origin - window);
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
        const own = scores.get(stratum(ctx, ctx.origin + h) * horizon + h);
        const picked = !own || own.length < minScores ? all[h] : own;
        const sorted = Float64Array.from(picked).sort();
        const read =
          !band || picked.length < minScores
            ? levels.map((l) => quantileOf(now, h, l))
            : readScores(band, levels, sorted, sorted, correct, asymmetric);
        read.forEach((v, k) => (values[k][h] = v));
      }
      return { levels, values };
    },
  };
}
