import { gaussianForecast } from '../core/quantiles';
import type { Forecast } from '../types';

export interface SeasonalNaiveParams {
  /** The last `period` values; step h repeats lastSeason[h mod period]. */
  lastSeason: number[];
  /** In-sample RMS of seasonal differences. */
  sigma: number;
}

export interface MovingAverageParams {
  window: number;
  level: number;
  sigma: number;
}

/**
 * Seasonal naive: each step repeats the value one season earlier (plain naive when the history is
 * shorter than a season). Spread from in-sample seasonal differences, widening per season ahead.
 */
export function fitSeasonalNaive(
  y: Float64Array,
  m: number,
): SeasonalNaiveParams {
  const n = y.length;
  const period = n >= m ? m : 1;
  let ss = 0;
  let c = 0;
  for (let t = period; t < n; t++) {
    const d = y[t] - y[t - period];
    ss += d * d;
    c++;
  }
  return {
    lastSeason: n > 0 ? Array.from(y.subarray(n - period)) : [0],
    sigma: c > 0 ? Math.sqrt(ss / c) : 0,
  };
}

export function seasonalNaiveForecast(
  p: SeasonalNaiveParams,
  h: number,
  levels: readonly number[],
): Forecast {
  const period = p.lastSeason.length;
  const point = new Float64Array(h);
  const sigma = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    point[i] = p.lastSeason[i % period];
    sigma[i] = p.sigma * Math.sqrt(Math.floor(i / period) + 1);
  }
  return gaussianForecast(point, sigma, levels);
}

/** Flat forecast at the mean of the last `window` values; spread from in-sample one-step errors. */
export function fitMovingAverage(
  y: Float64Array,
  window: number,
): MovingAverageParams {
  const n = y.length;
  const k = Math.max(1, Math.min(window, n));
  let s = 0;
  for (let t = n - k; t < n; t++) s += y[t];
  let run = 0;
  let ss = 0;
  let c = 0;
  for (let t = 0; t < n; t++) {
    if (t >= k) {
      const e = y[t] - run / k;
      ss += e * e;
      c++;
      run -= y[t - k];
    }
    run += y[t];
  }
  const sigma1 = c > 0 ? Math.sqrt(ss / c) : 0;
  return {
    window: k,
    level: n > 0 ? s / k : 0,
    sigma: sigma1 * Math.sqrt(1 + 1 / k),
  };
}

export function movingAverageForecast(
  p: MovingAverageParams,
  h: number,
  levels: readonly number[],
): Forecast {
  return gaussianForecast(
    new Float64Array(h).fill(p.level),
    new Float64Array(h).fill(p.sigma),
    levels,
  );
}

export function defaultMovingAverageWindow(m: number): number {
  return m === 7 ? 28 : m === 52 ? 8 : 6;
}
