/** Sampling frequency of a series. Dates are ISO `yyyy-mm-dd` strings (UTC calendar days). */
export type Frequency = 'day' | 'week' | 'month';

/** Feature groups a dynamic covariate belongs to; they are also the driver-breakdown groups. */
export type CovariateGroup = 'price' | 'promotion' | 'market' | 'event';

export type DriverGroup = 'level' | 'seasonality' | CovariateGroup;

export const DRIVER_GROUPS: readonly DriverGroup[] = [
  'level',
  'seasonality',
  'price',
  'promotion',
  'market',
  'event',
];

/**
 * A dynamic covariate on the series' own grid. `values` has length `n + H`: the history plus the
 * known future values over the horizon. NaN means unknown (treated as the group's neutral value).
 */
export interface Covariate {
  name: string;
  group: CovariateGroup;
  values: Float64Array;
}

export interface StaticAttributes {
  store?: string;
  category?: string;
  brand?: string;
  /** Regular price level of the item (any unit, compared across series). */
  priceLevel?: number;
  /** Expected mean sales per period for a brand-new series (level prior). */
  levelPrior?: number;
}

/**
 * One series on a regular grid: `values[i]` is the period starting `start` + i periods.
 * NaN marks a missing period. `stockout[i] = 1` means sales were censored by a stock-out there,
 * so the value is not used as demand for fitting or scoring.
 */
export interface SeriesInput {
  id: string;
  start: string;
  values: Float64Array;
  stockout?: Uint8Array;
  attributes?: StaticAttributes;
  covariates?: Covariate[];
}

export interface Panel {
  frequency: Frequency;
  series: SeriesInput[];
}

export type ModelName =
  | 'seasonal-naive'
  | 'moving-average'
  | 'ets'
  | 'croston-sba'
  | 'tsb'
  | 'neural'
  | 'gbdt'
  | 'ensemble'
  | 'category-profile';

export interface QuantileForecast {
  /** Quantile levels, ascending. */
  levels: number[];
  /** `values[k][h]` is the forecast of quantile `levels[k]` at step h. */
  values: Float64Array[];
}

/** A point + quantile forecast over H steps. `point` is the P50. */
export interface Forecast extends QuantileForecast {
  point: Float64Array;
}

export interface Metrics {
  wape: number;
  mase: number;
  smape: number;
  rmsse: number;
  bias: number;
  pinball: number;
  coverage: number;
  /** Number of scored (non-missing, non-censored) actuals. */
  count: number;
}

/** Per-step contribution of each driver group; the groups sum to the model's raw P50. */
export type DriverBreakdown = Record<DriverGroup, Float64Array>;

export interface Progress {
  phase: 'prepare' | 'backtest' | 'train' | 'forecast' | 'drivers';
  done: number;
  total: number;
}
