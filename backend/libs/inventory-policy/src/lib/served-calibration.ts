import {
  LevelRecalibration,
  recalibrateLevels,
  recordLevel,
} from './level-recalibration';
import {
  calibrateStep,
  recordScore,
  StepCalibration,
} from './quantile-calibration';
import { ScorePool } from './replay/score-pool';
import { SERVED_QUANTILE_LEVELS } from './served-policy';
import { QuantileForecast } from './types';

/**
 * The calibration the policy replay validated (bench/policy-replay.ts, "ours"): errors pooled over
 * the panel by promotion state and by 5 equal-count bands of the forecast's own half-spread, read
 * at the split-conformal level.
 */
export const SERVED_CALIBRATION: Required<StepCalibration> = {
  spreadBands: 5,
  minScores: 20,
  finiteSampleCorrection: true,
  asymmetricSpread: true,
};

/** A forecast made at an earlier origin, with the outcomes known now. */
export interface KnownForecast {
  /** Steps 0..H−1; needs P10, P50 and P90 (interpolated between its levels otherwise). */
  readonly forecast: QuantileForecast;
  /** Outcome per step; NaN where it is not known (missing, or censored by a stock-out). */
  readonly actuals: ArrayLike<number>;
  /** Stratum per step (1: promotion, 0: other). */
  readonly strata: ArrayLike<number>;
}

export interface ServedCalibrationSeries {
  /** The forecast to serve, steps 0..H−1. */
  readonly forecast: QuantileForecast;
  /** Stratum per step of the forecast. */
  readonly strata: ArrayLike<number>;
  /** The series' earlier forecasts with known outcomes (the run's backtest windows). */
  readonly known: readonly KnownForecast[];
}

/**
 * Calibrates a panel's forecasts at `levels` from the panel's own earlier forecasts whose outcomes
 * are known: every known step gives a score (recordScore) in one pool shared by the panel, keyed
 * by step and stratum, and each step of each forecast is read from it (calibrateStep), the same two
 * functions the replay's calibratedForecaster calls. A step with too few scores keeps its forecast.
 * `known` replaces the panel's own earlier forecasts in the pool (a sharded run pools a fixed
 * sample of its series, so a series' calibration does not depend on its shard).
 */
export function calibrateServedForecasts(
  panel: readonly ServedCalibrationSeries[],
  levels: readonly number[] = SERVED_QUANTILE_LEVELS,
  options: Required<StepCalibration> = SERVED_CALIBRATION,
  known?: readonly KnownForecast[],
): QuantileForecast[] {
  const pool = poolKnownSteps(panel, known, (into, k, h) =>
    recordScore(
      into,
      k.forecast,
      h,
      k.actuals[h],
      k.strata[h] ?? 0,
      0,
      options.asymmetricSpread,
    ),
  );
  return readSteps(panel, levels, (forecast, h, stratum) =>
    calibrateStep(forecast, h, levels, pool, stratum, 1, options),
  );
}

/**
 * One pool shared by the panel, filled with every known step (`known`, or each series' own earlier
 * forecasts). Every known outcome precedes the forecasts being served: calendar 0, read as of 1.
 */
function poolKnownSteps(
  panel: readonly ServedCalibrationSeries[],
  known: readonly KnownForecast[] | undefined,
  record: (pool: ScorePool, k: KnownForecast, h: number) => void,
): ScorePool {
  const pool = new ScorePool(Number.POSITIVE_INFINITY);
  for (const list of known ? [known] : panel.map((s) => s.known))
    for (const k of list) {
      const steps = k.forecast.values[0]?.length ?? 0;
      for (let h = 0; h < steps && h < k.actuals.length; h++)
        record(pool, k, h);
    }
  return pool;
}

/** Each series' forecast read step by step at `levels` (`read` gives the step's values per level). */
function readSteps(
  panel: readonly ServedCalibrationSeries[],
  levels: readonly number[],
  read: (
    forecast: QuantileForecast,
    h: number,
    stratum: number,
  ) => ArrayLike<number>,
): QuantileForecast[] {
  return panel.map((s) => {
    const steps = s.forecast.values[0]?.length ?? 0;
    const values = levels.map(() => new Float64Array(steps));
    for (let h = 0; h < steps; h++) {
      const v = read(s.forecast, h, s.strata[h] ?? 0);
      for (let k = 0; k < v.length; k++) values[k][h] = v[k];
    }
    return { levels, values };
  });
}

/**
 * Share of the calibration's correction the served quantiles take: half. Chosen on bench:policy's
 * development weeks (105..132) among none, half and the full correction, by the rule fixed before
 * that run (docs/inventory-policy.md): the full correction widened the engine's quantiles so much
 * that its stock at 90% was no longer below seasonal naive's.
 */
export const SERVED_CORRECTION = 0.5;

/**
 * The forecast moved `share` of the way from its own values to the calibrated ones, level by level
 * (`raw` must carry every level of `calibrated`).
 */
export function partialCorrection(
  raw: QuantileForecast,
  calibrated: QuantileForecast,
  share = SERVED_CORRECTION,
): QuantileForecast {
  return {
    levels: calibrated.levels,
    values: calibrated.levels.map((level, k) => {
      const r = raw.levels.findIndex((l) => Math.abs(l - level) < 1e-9);
      if (r < 0) throw new Error(`raw forecast has no level ${level}`);
      const own = raw.values[r];
      return calibrated.values[k].map((c, h) => own[h] + share * (c - own[h]));
    }),
  };
}

/**
 * Level recalibration's settings (a candidate tried on bench:policy's development weeks, not
 * chosen; the nightly run does not apply it): the forecast's own nine levels and tail (`levels`
 * reading), covering levels pooled by promotion state and 5 equal-count bands of the forecast's
 * log spread.
 */
export const SERVED_RECALIBRATION: Required<LevelRecalibration> = {
  minScores: 20,
  finiteSampleCorrection: true,
  reading: 'levels',
  spreadBands: 5,
};

/**
 * Recalibrates a panel's forecasts at `levels` by level (level-recalibration.ts) from the panel's
 * own earlier forecasts whose outcomes are known: each known step files its covering level in one
 * pool shared by the panel, keyed by step and stratum (recordLevel), and each step of each
 * forecast is read at the conformal quantile of those levels (recalibrateLevels), the two
 * functions the replay's levelRecalibratedForecaster calls. The known forecasts are the run's
 * latest backtest windows, so the levels follow the engine's recent coverage. A step with too few
 * known outcomes keeps its forecast.
 */
export function recalibrateServedForecasts(
  panel: readonly ServedCalibrationSeries[],
  levels: readonly number[] = SERVED_QUANTILE_LEVELS,
  options: Required<LevelRecalibration> = SERVED_RECALIBRATION,
  known?: readonly KnownForecast[],
): QuantileForecast[] {
  const pool = poolKnownSteps(panel, known, (into, k, h) =>
    recordLevel(
      into,
      k.forecast,
      h,
      k.actuals[h],
      k.strata[h] ?? 0,
      0,
      options.reading,
    ),
  );
  return readSteps(panel, levels, (forecast, h, stratum) =>
    recalibrateLevels(forecast, h, levels, pool, stratum, 1, options),
  );
}
