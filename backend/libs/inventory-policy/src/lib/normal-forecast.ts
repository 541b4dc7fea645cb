import { normalInverse } from './normal';
import { QuantileForecast } from './types';

/**
 * Quantile forecast from per-period means and standard deviations under a
 * normal assumption, clipped at zero; for callers that forecast moments, not quantiles.
 */
export function normalQuantileForecast(
  mean: ArrayLike<number>,
  sd: ArrayLike<number>,
  levels: readonly number[] = [0.1, 0.5, 0.9],
): QuantileForecast {
  const values = levels.map((level) => {
    const z = normalInverse(level);
    return Float64Array.from(mean, (m, t) => Math.max(0, m + z * sd[t]));
  });
  return { levels, values };
}

/** Same mean and spread in every period. */
export function flatForecast(
  mean: number,
  sd: number,
  periods: number,
  levels?: readonly number[],
): QuantileForecast {
  return normalQuantileForecast(
    new Float64Array(periods).fill(mean),
    new Float64Array(periods).fill(sd),
    levels,
  );
}
