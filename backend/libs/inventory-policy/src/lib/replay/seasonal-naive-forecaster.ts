import { QuantileForecast } from '../types';
import { Forecaster, ForecastContext, sortedQuantile } from './forecaster';

export interface SeasonalNaiveOptions {
  /** Season length in calendar units. Default 52 (weekly data). */
  readonly season?: number;
  readonly levels?: readonly number[];
  /** Fewer seasonal errors than this: use one-step naive errors for the spread. Default 8. */
  readonly minErrors?: number;
}

/**
 * Baseline: demand one season ago (nearest calendar neighbour within 2 if that
 * period is missing, else the last value), with quantiles from the empirical
 * additive errors of the same rule on the past.
 */
export function seasonalNaiveForecaster(
  options: SeasonalNaiveOptions = {},
): Forecaster {
  const season = options.season ?? 52;
  const levels = options.levels ?? [0.1, 0.5, 0.9];
  const minErrors = options.minErrors ?? 8;
  return {
    name: 'seasonal-naive',
    forecast(ctx: ForecastContext, horizon: number): QuantileForecast {
      const { pastDemand: y, calendar } = ctx;
      const n = y.length;
      const byCalendar = new Map<number, number>();
      for (let i = 0; i < n; i++) byCalendar.set(calendar[i], i);
      const lagged = (c: number): number | null => {
        for (const d of [0, -1, 1, -2, 2]) {
          const i = byCalendar.get(c - season + d);
          if (i !== undefined) return y[i];
        }
        return null;
      };
      let errors: number[] = [];
      for (let i = 0; i < n; i++) {
        const past = lagged(calendar[i]);
        if (
          past !== null &&
          byCalendar.get(calendar[i] - season) !== undefined
        ) {
          errors.push(y[i] - past);
        }
      }
      if (errors.length < minErrors) {
        errors = [];
        for (let i = 1; i < n; i++) errors.push(y[i] - y[i - 1]);
      }
      errors.sort((a, b) => a - b);
      const offsets = levels.map((l) => sortedQuantile(errors, l));
      const values = levels.map(() => new Float64Array(horizon));
      for (let h = 0; h < horizon; h++) {
        const c = calendar[Math.min(ctx.origin + h, calendar.length - 1)];
        const point = lagged(c) ?? (n > 0 ? y[n - 1] : 0);
        for (let k = 0; k < levels.length; k++) {
          values[k][h] = Math.max(0, point + offsets[k]);
        }
      }
      // Clipping at zero can only keep quantiles ordered, but keep them monotone explicitly.
      for (let k = 1; k < levels.length; k++) {
        for (let h = 0; h < horizon; h++) {
          values[k][h] = Math.max(values[k][h], values[k - 1][h]);
        }
      }
      return { levels, values };
    },
  };
}
