import { IntervalDemand, PeriodMoments } from './types';

export interface IntervalOptions {
  /** Standard deviation of the lead time, in periods (0 when the interval has no lead-time uncertainty). */
  readonly leadTimeSd?: number;
  /**
   * Correlation of forecast errors between periods (0 = independent). Errors of
   * one forecast are usually positively correlated across days, which makes
   * the interval spread wider than √L·σd.
   */
  readonly errorCorrelation?: number;
  /** Which per-period reading to add up. Default 'normal'. */
  readonly shape?: 'normal' | 'lognormal';
}

/**
 * Demand over the first `length` periods (fractional lengths weight the last
 * period). Variance combines demand and lead-time variability,
 * σ² = Σσt² (= L·σd² when stationary) + μd²·σL², with μd the average per-period demand.
 */
export function intervalDemand(
  moments: PeriodMoments,
  length: number,
  options: IntervalOptions = {},
): IntervalDemand {
  if (length <= 0) return { length: 0, mean: 0, sd: 0, meanPerPeriod: 0 };
  const rho = options.errorCorrelation ?? 0;
  const sigmaL = options.leadTimeSd ?? 0;
  const lognormal = options.shape === 'lognormal';
  const means = lognormal ? moments.lognormalMean : moments.mean;
  const sds = lognormal ? moments.lognormalSd : moments.sd;
  const n = means.length;
  let mean = 0;
  let sumVar = 0;
  let sumSd = 0;
  for (let t = 0; t < length; t++) {
    const w = Math.min(1, length - t);
    const src = Math.min(t, n - 1);
    mean += w * means[src];
    sumVar += w * sds[src] * sds[src];
    sumSd += w * sds[src];
  }
  const meanPerPeriod = mean / length;
  const demandVar = (1 - rho) * sumVar + rho * sumSd * sumSd;
  const variance = demandVar + meanPerPeriod * meanPerPeriod * sigmaL * sigmaL;
  return { length, mean, sd: Math.sqrt(variance), meanPerPeriod };
}
