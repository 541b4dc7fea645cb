import { QuantileForecast } from '../types';

/** One store × product history, one entry per period. */
export interface SeriesHistory {
  readonly demand: Float64Array;
  /** Calendar index per period (e.g. week number) so seasonal lags survive gaps. Default 0, 1, 2, … */
  readonly calendar?: Int32Array;
  /** Drivers known in advance (price, promotion flags), one array per name, aligned with demand. */
  readonly covariates?: Readonly<Record<string, Float64Array>>;
}

/** What a forecaster may see at a decision: demand before `origin` only, calendar and planned drivers in full. */
export interface ForecastContext {
  readonly origin: number;
  readonly pastDemand: Float64Array;
  readonly calendar: Int32Array;
  readonly covariates: Readonly<Record<string, Float64Array>>;
}

export interface Forecaster {
  readonly name: string;
  /** Quantiles of demand for periods origin … origin + horizon − 1. */
  forecast(context: ForecastContext, horizon: number): QuantileForecast;
}

export function forecastContext(
  history: SeriesHistory,
  origin: number,
): ForecastContext {
  return {
    origin,
    // subarray: the forecaster cannot read demand at or after the origin.
    pastDemand: history.demand.subarray(0, origin),
    calendar:
      history.calendar ??
      Int32Array.from({ length: history.demand.length }, (_, i) => i),
    covariates: history.covariates ?? {},
  };
}

/**
 * Remembers forecasts by origin and horizon, so replaying one series at several
 * service levels (the what-if slider, calibration) forecasts only once.
 * Use one per series.
 */
export function cachingForecaster(inner: Forecaster): Forecaster {
  const cache = new Map<string, QuantileForecast>();
  return {
    name: inner.name,
    forecast(context, horizon) {
      const key = `${context.origin}:${horizon}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = inner.forecast(context, horizon);
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

/** Empirical quantile (linear interpolation, type 7) of a sorted array. */
export function sortedQuantile(
  sorted: ArrayLike<number>,
  level: number,
): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * level;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
