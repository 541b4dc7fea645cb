// Sanity check of the policy alone: synthetic lognormal demand (20% promotion
// weeks at 5× volume, log-sd 0.6) replayed with the true quantiles as forecasts.
// Any gap to the target here is the policy's, not the forecaster's.
import { Forecaster, normalInverse, replayPolicy } from '../src';

const LEVELS = [0.02, 0.1, 0.5, 0.9, 0.98];
const LOG_SD = 0.6;

export function oracleFillRates(
  targets: readonly number[],
  periods = 20000,
  policyUnmetDemand: 'lost-sales' | 'backorder' = 'lost-sales',
): number[] {
  let seed = 42;
  const uniform = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed + 0.5) / 2147483648;
  };
  const median = new Float64Array(periods);
  const demand = new Float64Array(periods);
  for (let i = 0; i < periods; i++) {
    median[i] = uniform() < 0.2 ? 5000 : 1000;
    demand[i] = median[i] * Math.exp(LOG_SD * normalInverse(uniform()));
  }
  const oracle: Forecaster = {
    name: 'oracle',
    forecast: (ctx, horizon) => ({
      levels: LEVELS,
      values: LEVELS.map((l) =>
        Float64Array.from(
          { length: horizon },
          (_, h) =>
            median[Math.min(ctx.origin + h, periods - 1)] *
            Math.exp(LOG_SD * normalInverse(l)),
        ),
      ),
    }),
  };
  return targets.map(
    (level) =>
      replayPolicy({ demand }, oracle, {
        service: { kind: 'fill-rate', level },
        start: 0,
        policyUnmetDemand,
      }).fillRate,
  );
}
