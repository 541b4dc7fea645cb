import { finalizeForecast } from '../core/quantiles';
import { median, nanMean } from '../core/stats';
import type { Forecast } from '../types';
import type { PreparedSeries } from './prepare';
import type { CategoryProfile } from './result-types';

export const ALL_CATEGORIES = '*';

/** Recent level of a series: mean of the valid values over the last `window` periods. */
export function recentLevel(p: PreparedSeries, window: number): number {
  const { y, valid } = p.clean;
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, p.n - window); i < p.n; i++) {
    if (valid[i] === 1) {
      s += y[i];
      c++;
    }
  }
  return c > 0 ? s / c : NaN;
}

/**
 * Category profiles: the average of established series' forecasts divided by their recent level,
 * plus the category's median level. A brand-new series is forecast as profile x level prior.
 */
export function buildCategoryProfiles(
  items: { series: PreparedSeries; forecast: Forecast }[],
  window: number,
): Record<string, CategoryProfile> {
  const acc = new Map<
    string,
    { sums: Float64Array[]; count: number; levels: number[] }
  >();
  for (const { series, forecast } of items) {
    const level = recentLevel(series, window);
    if (!(level > 0)) continue;
    for (const key of [
      series.input.attributes?.category ?? ALL_CATEGORIES,
      ALL_CATEGORIES,
    ]) {
      let a = acc.get(key);
      if (!a) {
        a = {
          sums: forecast.values.map((v) => new Float64Array(v.length)),
          count: 0,
          levels: [],
        };
        acc.set(key, a);
      }
      forecast.values.forEach((v, k) =>
        v.forEach((x, h) => (a.sums[k][h] += x / level)),
      );
      a.count++;
      a.levels.push(level);
      if (key === ALL_CATEGORIES) break;
    }
  }
  const out: Record<string, CategoryProfile> = {};
  for (const [key, a] of acc) {
    out[key] = {
      quantiles: a.sums.map((s) => Array.from(s, (x) => x / a.count)),
      level: median(a.levels),
    };
  }
  return out;
}

export function categoryForecast(
  p: PreparedSeries,
  profiles: Record<string, CategoryProfile>,
  levels: number[],
  h: number,
): { forecast: Forecast; level: number } {
  const prof =
    profiles[p.input.attributes?.category ?? ALL_CATEGORIES] ??
    profiles[ALL_CATEGORIES];
  const observed = nanMean(
    Float64Array.from(p.clean.y.filter((_, i) => p.clean.valid[i] === 1)),
  );
  const level =
    p.input.attributes?.levelPrior ??
    (observed === observed ? observed : (prof?.level ?? 0));
  const values = levels.map((_, k) =>
    Float64Array.from(
      { length: h },
      (_, i) => (prof ? prof.quantiles[k][i] : 1) * level,
    ),
  );
  const mid = levels.indexOf(0.5);
  return {
    forecast: finalizeForecast({
      point: Float64Array.from(values[mid]),
      levels: [...levels],
      values,
    }),
    level,
  };
}
