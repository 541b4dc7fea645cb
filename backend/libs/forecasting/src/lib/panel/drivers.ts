import type { LocalFit } from '../models/local';
import type { DriverBreakdown } from '../types';

export function emptyDrivers(h: number): DriverBreakdown {
  return {
    level: new Float64Array(h),
    seasonality: new Float64Array(h),
    price: new Float64Array(h),
    promotion: new Float64Array(h),
    market: new Float64Array(h),
    event: new Float64Array(h),
  };
}

/** Local models use no covariates: their forecast is level (with trend) plus seasonal part. */
export function localDrivers(fit: LocalFit): DriverBreakdown {
  const d = emptyDrivers(fit.levelPart.length);
  d.level.set(fit.levelPart);
  d.seasonality.set(fit.seasonPart);
  return d;
}

/**
 * Ensemble drivers: the mean of the members' breakdowns, rescaled per step so the parts sum to
 * the ensemble's P50 (the median ensemble has no exact additive decomposition).
 */
export function ensembleDrivers(
  members: DriverBreakdown[],
  p50: Float64Array,
): DriverBreakdown {
  const h = p50.length;
  const d = emptyDrivers(h);
  const keys = Object.keys(d) as (keyof DriverBreakdown)[];
  for (const m of members)
    for (const k of keys)
      for (let i = 0; i < h; i++) d[k][i] += m[k][i] / members.length;
  for (let i = 0; i < h; i++) {
    let total = 0;
    for (const k of keys) total += d[k][i];
    const f = Math.abs(total) > 1e-12 ? p50[i] / total : 0;
    for (const k of keys) d[k][i] *= f;
    if (f === 0) d.level[i] = p50[i];
  }
  return d;
}

/**
 * Exact Shapley values of g players from the value of every coalition: `v(s)` for each subset
 * bitmask s of 0..2^g − 1 (bit i set: player i present). Used with occlusion over feature groups,
 * where v(s) is the P50 with the groups in s present; the values sum to v(all) − v(∅).
 */
export function shapleyValues(
  g: number,
  v: (subset: number) => number,
): Float64Array {
  const fact = [1];
  for (let i = 1; i <= g; i++) fact.push(fact[i - 1] * i);
  const out = new Float64Array(g);
  for (let i = 0; i < g; i++)
    for (let s = 0; s < 1 << g; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let m = s; m; m &= m - 1) size++;
      out[i] +=
        ((fact[size] * fact[g - size - 1]) / fact[g]) *
        (v(s | (1 << i)) - v(s));
    }
  return out;
}
