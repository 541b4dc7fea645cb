import {
  LevelReading,
  recalibrateLevels,
  recordLevel,
} from '../level-recalibration';
import { QuantileForecast } from '../types';
import { CalibratedForecaster } from './calibrated-forecaster';
import { Forecaster, ForecastContext } from './forecaster';
import { ScorePool } from './score-pool';

export interface LevelRecalibrationOptions {
  /** Covering levels of the panel, by stratum and step; its window is the recency (weeks). */
  readonly pool: ScorePool;
  /** Output levels. */
  readonly levels: readonly number[];
  /** Promotion state (or any group) of absolute period t. Default: one group. */
  readonly stratum?: (context: ForecastContext, period: number) => number;
  /** See LevelRecalibration.minScores. Default 20. */
  readonly minScores?: number;
  /** See LevelRecalibration.reading. Default `knots`. */
  readonly reading?: LevelReading;
  /** See LevelRecalibration.spreadBands. Default 1. */
  readonly spreadBands?: number;
}

/**
 * The replay's side of level recalibration (level-recalibration.ts, what the nightly run stores):
 * record() files the covering level of each outcome of the inner forecast made at an origin; a
 * forecast at origin t reads only outcomes before calendar[t] (the pool hides later ones). Every
 * series of the panel must record into the pool before the first forecast. One per series.
 */
export function levelRecalibratedForecaster(
  inner: Forecaster,
  options: LevelRecalibrationOptions,
): CalibratedForecaster {
  const stratum = options.stratum ?? (() => 0);
  const past = new Map<string, QuantileForecast>();
  const innerAt = (ctx: ForecastContext, horizon: number): QuantileForecast => {
    const key = `${ctx.origin}:${horizon}`;
    let hit = past.get(key);
    if (!hit) past.set(key, (hit = inner.forecast(ctx, horizon)));
    return hit;
  };
  return {
    name: `${inner.name}+levels`,
    record(ctx, horizon, demand): void {
      const f = innerAt(ctx, horizon);
      for (let h = 0; h < horizon; h++) {
        const t = ctx.origin + h;
        if (t >= demand.length) continue;
        recordLevel(
          options.pool,
          f,
          h,
          demand[t],
          stratum(ctx, t),
          ctx.calendar[t],
          options.reading,
        );
      }
    },
    forecast(ctx, horizon): QuantileForecast {
      const now = innerAt(ctx, horizon);
      const steps = Array.from({ length: horizon }, (_, h) =>
        recalibrateLevels(
          now,
          h,
          options.levels,
          options.pool,
          stratum(ctx, ctx.origin + h),
          ctx.calendar[ctx.origin],
          {
            minScores: options.minScores,
            reading: options.reading,
            spreadBands: options.spreadBands,
          },
        ),
      );
      return {
        levels: options.levels,
        values: options.levels.map((_, k) =>
          Float64Array.from(steps, (v) => v[k]),
        ),
      };
    },
  };
}
