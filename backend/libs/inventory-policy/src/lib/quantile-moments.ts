import { normalInverse } from './normal';
import { PeriodMoments, QuantileForecast } from './types';

const Z90 = normalInverse(0.9);

/**
 * Quantile of one period at `level`, interpolating linearly between the given
 * levels and extrapolating beyond them on the normal scale of the outer pair.
 */
export function quantileAt(
  forecast: QuantileForecast,
  period: number,
  level: number,
): number {
  const { levels, values } = forecast;
  const n = levels.length;
  if (n === 0) throw new RangeError('forecast has no quantile levels');
  if (n === 1) return values[0][period];
  for (let k = 0; k < n; k++) {
    if (Math.abs(levels[k] - level) < 1e-12) return values[k][period];
  }
  if (level > levels[0] && level < levels[n - 1]) {
    let k = 0;
    while (levels[k + 1] < level) k++;
    const w = (level - levels[k]) / (levels[k + 1] - levels[k]);
    return values[k][period] * (1 - w) + values[k + 1][period] * w;
  }
  // Outside the given range: assume the outer pair are normal quantiles.
  const zLo = normalInverse(levels[0]);
  const zHi = normalInverse(levels[n - 1]);
  const lo = values[0][period];
  const hi = values[n - 1][period];
  const sd = (hi - lo) / (zHi - zLo);
  const mid = lo - zLo * sd;
  return Math.max(0, mid + normalInverse(level) * sd);
}

/**
 * Per-period mean and spread from quantiles, by a documented rule:
 * mean = Swanson's rule 0.3·P10 + 0.4·P50 + 0.3·P90 (keeps the skew of
 * demand forecasts that a median alone would drop); sd = (P90 − P10) / (2·z0.9),
 * exact for a normal and robust for the mildly skewed shapes of demand.
 * Forecasts shorter than `length` repeat their last period.
 */
export function periodMoments(
  forecast: QuantileForecast,
  length: number,
): PeriodMoments {
  const horizon = forecast.values[0]?.length ?? 0;
  if (horizon === 0) throw new RangeError('forecast has no periods');
  const n = Math.max(1, Math.ceil(length));
  const mean = new Float64Array(n);
  const sd = new Float64Array(n);
  const p50 = new Float64Array(n);
  const p90 = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const src = Math.min(t, horizon - 1);
    const q10 = Math.max(0, quantileAt(forecast, src, 0.1));
    const q50 = Math.max(q10, quantileAt(forecast, src, 0.5));
    const q90 = Math.max(q50, quantileAt(forecast, src, 0.9));
    mean[t] = 0.3 * q10 + 0.4 * q50 + 0.3 * q90;
    sd[t] = (q90 - q10) / (2 * Z90);
    p50[t] = q50;
    p90[t] = q90;
  }
  return { mean, sd, p50, p90 };
}
