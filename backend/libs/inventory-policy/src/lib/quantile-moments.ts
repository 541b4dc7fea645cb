import { normalInverse } from './normal';
import { PeriodMoments, QuantileForecast } from './types';

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
 * Beyond this log-scale spread (CV ≈ 2.9) a lognormal read from two quantiles
 * has an absurd mean (a P10 near zero blows it up), so the normal reading is used.
 */
export const MAX_LOG_SPREAD = 1.5;

/**
 * Per-period mean and spread from quantiles, by a documented rule:
 * mean = Swanson's rule 0.3·P10 + 0.4·P50 + 0.3·P90 (keeps the skew that a
 * median alone would drop); sd = (Q_hi − Q_lo) / (z_hi − z_lo) on the
 * outermost pair of levels, because safety stock lives in the tail
 * (P10/P90 → (P90 − P10) / 2.563). The lognormal reading takes P50 as the
 * median and the same outer pair on the log scale (NaN when a quantile is
 * 0 or the log spread exceeds MAX_LOG_SPREAD). Forecasts shorter than
 * `length` repeat their last period.
 */
export function periodMoments(
  forecast: QuantileForecast,
  length: number,
): PeriodMoments {
  const horizon = forecast.values[0]?.length ?? 0;
  if (horizon === 0) throw new RangeError('forecast has no periods');
  const n = Math.max(1, Math.ceil(length));
  const levels = forecast.levels;
  const outer =
    levels.length > 1 && levels[0] < 0.5 && levels[levels.length - 1] > 0.5;
  const loLevel = outer ? levels[0] : 0.1;
  const hiLevel = outer ? levels[levels.length - 1] : 0.9;
  const zSpan = normalInverse(hiLevel) - normalInverse(loLevel);
  const mean = new Float64Array(n);
  const sd = new Float64Array(n);
  const lognormalMean = new Float64Array(n);
  const lognormalSd = new Float64Array(n);
  const p50 = new Float64Array(n);
  const p90 = new Float64Array(n);
  const skews: number[] = [];
  for (let t = 0; t < n; t++) {
    const src = Math.min(t, horizon - 1);
    const q10 = Math.max(0, quantileAt(forecast, src, 0.1));
    const q50 = Math.max(q10, quantileAt(forecast, src, 0.5));
    const q90 = Math.max(q50, quantileAt(forecast, src, 0.9));
    const qLo = Math.min(q10, Math.max(0, quantileAt(forecast, src, loLevel)));
    const qHi = Math.max(q90, quantileAt(forecast, src, hiLevel));
    mean[t] = 0.3 * q10 + 0.4 * q50 + 0.3 * q90;
    sd[t] = (qHi - qLo) / zSpan;
    p50[t] = q50;
    p90[t] = q90;
    const s = qLo > 0 ? Math.log(qHi / qLo) / zSpan : Infinity;
    if (s <= MAX_LOG_SPREAD) {
      lognormalMean[t] = q50 * Math.exp((s * s) / 2);
      lognormalSd[t] = lognormalMean[t] * Math.sqrt(Math.expm1(s * s));
    } else {
      lognormalMean[t] = NaN;
      lognormalSd[t] = NaN;
    }
    if (q50 > q10) skews.push((q90 - q50) / (q50 - q10));
  }
  skews.sort((a, b) => a - b);
  const skew = skews.length > 0 ? skews[Math.floor(skews.length / 2)] : 1;
  return { mean, sd, lognormalMean, lognormalSd, skew, p50, p90 };
}
