import type { OverrideMode } from '@shelfcast/contracts';

/** What the forecast math needs of an override. */
export interface OverrideSpec {
  readonly id: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly mode: OverrideMode;
  readonly value: number;
}

/**
 * Final value per date of one override over the given dates (dates outside the range get NaN).
 * per_period: the value on each date; total: the value spread over the in-range dates in
 * proportion to the baseline (evenly when the baseline is zero there).
 */
export function overrideValues(
  o: OverrideSpec,
  dates: readonly string[],
  baseline: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(dates.length).fill(NaN);
  let inRange = 0;
  let base = 0;
  for (let i = 0; i < dates.length; i++)
    if (dates[i] >= o.startDate && dates[i] <= o.endDate) {
      inRange++;
      base += Math.max(0, baseline[i]);
    }
  for (let i = 0; i < dates.length; i++) {
    if (dates[i] < o.startDate || dates[i] > o.endDate) continue;
    if (o.mode === 'per_period') out[i] = o.value;
    else
      out[i] =
        base > 0
          ? (o.value * Math.max(0, baseline[i])) / base
          : o.value / inRange;
  }
  return out;
}

/**
 * Applies overrides (later ids win where ranges overlap) to one series' quantiles in place of the
 * baseline: P50 becomes the final value, P10/P90 are scaled by final / baseline P50 (shifted when
 * the baseline P50 is zero). Returns the override value per date (NaN where none).
 */
export function applyOverrides(
  overrides: readonly OverrideSpec[],
  dates: readonly string[],
  p10: Float64Array,
  p50: Float64Array,
  p90: Float64Array,
): Float64Array {
  const applied = new Float64Array(dates.length).fill(NaN);
  const baseline = Float64Array.from(p50);
  for (const o of [...overrides].sort((a, b) => a.id - b.id)) {
    const v = overrideValues(o, dates, baseline);
    for (let i = 0; i < v.length; i++)
      if (!Number.isNaN(v[i])) applied[i] = v[i];
  }
  for (let i = 0; i < dates.length; i++) {
    const f = applied[i];
    if (Number.isNaN(f)) continue;
    const b = baseline[i];
    if (b > 0) {
      const r = f / b;
      p10[i] *= r;
      p90[i] *= r;
    } else {
      p10[i] = Math.max(0, p10[i] + f - b);
      p90[i] = p90[i] + f - b;
    }
    p50[i] = f;
  }
  return applied;
}
