import { normalQuantile } from '../core/stats';
import type { Forecast } from '../types';

export interface AggregateOptions {
  /**
   * Assumed average correlation between the forecast errors of the summed series (default 0.3).
   * 0 treats them as independent (narrowest intervals), 1 as perfectly correlated (sum of widths).
   */
  correlation?: number;
}

/**
 * Sums bottom-level forecasts into groups (category, store, chain...). Points (P50) are summed,
 * so aggregates are coherent with the bottom level. Aggregate quantiles use a documented normal
 * approximation: each series' spread is sigma_i = (P_hi - P_lo) / (z_hi - z_lo) from its outermost
 * quantiles, the group's sigma is sqrt((1 - rho) * sum sigma_i^2 + rho * (sum sigma_i)^2), and
 * quantile q is sum P50 + z_q * sigma (clipped at zero).
 */
export function aggregateForecasts(
  items: { group: string; forecast: Forecast }[],
  options: AggregateOptions = {},
): Map<string, Forecast> {
  const rho = Math.min(1, Math.max(0, options.correlation ?? 0.3));
  const acc = new Map<
    string,
    {
      p50: Float64Array;
      sumSq: Float64Array;
      sum: Float64Array;
      levels: number[];
    }
  >();
  for (const { group, forecast } of items) {
    const H = forecast.point.length;
    const lv = forecast.levels;
    let a = acc.get(group);
    if (!a) {
      a = {
        p50: new Float64Array(H),
        sumSq: new Float64Array(H),
        sum: new Float64Array(H),
        levels: [...lv],
      };
      acc.set(group, a);
    }
    const k = lv.length - 1;
    const dz = k > 0 ? normalQuantile(lv[k]) - normalQuantile(lv[0]) : 0;
    for (let h = 0; h < H; h++) {
      a.p50[h] += forecast.point[h];
      const s =
        dz > 0 ? (forecast.values[k][h] - forecast.values[0][h]) / dz : 0;
      a.sumSq[h] += s * s;
      a.sum[h] += s;
    }
  }
  const out = new Map<string, Forecast>();
  for (const [group, a] of acc) {
    const sigma = a.p50.map((_, h) =>
      Math.sqrt((1 - rho) * a.sumSq[h] + rho * a.sum[h] * a.sum[h]),
    );
    const values = a.levels.map((q) => {
      const z = q === 0.5 ? 0 : normalQuantile(q);
      return a.p50.map((p, h) => Math.max(0, p + z * sigma[h]));
    });
    out.set(group, {
      point: Float64Array.from(a.p50),
      levels: a.levels,
      values,
    });
  }
  return out;
}
