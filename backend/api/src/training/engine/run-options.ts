import type {
  Frequency,
  TrainAndForecastOptions,
} from '@shelfcast/forecasting';
import { SERVED_QUANTILE_LEVELS } from '@shelfcast/inventory-policy';
import type { ShardOptions } from './shard-task';

// The library options of a run, shared by its global step and its shards: the global models are
// only valid for the horizon, quantiles, origins and seed they were fitted with.

export function horizonFor(freq: Frequency, horizonDays: number): number {
  return freq === 'day'
    ? horizonDays
    : freq === 'week'
      ? Math.ceil(horizonDays / 7)
      : Math.ceil(horizonDays / 30);
}

export function libraryOptions(
  o: ShardOptions,
  freq: Frequency,
  note: (m: string) => void,
): TrainAndForecastOptions {
  return {
    horizon: horizonFor(freq, o.horizonDays),
    // The levels the served policy reads (stored per date by writeResults).
    quantiles: [...SERVED_QUANTILE_LEVELS],
    origins: o.origins,
    seed: o.seed,
    neural: o.neural ? { epochs: o.epochs, log: (m) => note(m) } : false,
  };
}
