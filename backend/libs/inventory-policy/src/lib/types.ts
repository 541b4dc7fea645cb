/**
 * Quantile forecast of demand per period (day or week), period 0 being the
 * period in which the decision is made. values[k][t] is the levels[k]
 * quantile of demand in period t. Levels ascend, e.g. [0.1, 0.5, 0.9].
 */
export interface QuantileForecast {
  readonly levels: readonly number[];
  readonly values: readonly Float64Array[];
}

/** Cycle service level: P(no stock-out in a replenishment cycle). Fill rate: share of demand served from stock. */
export type ServiceTarget =
  | { readonly kind: 'cycle-service'; readonly level: number }
  | { readonly kind: 'fill-rate'; readonly level: number };

/** An open purchase order; arrivesInPeriods 0 means it arrives in the decision period (negative = overdue, treated as 0). */
export interface PurchaseOrder {
  readonly quantity: number;
  readonly arrivesInPeriods: number;
}

export type PeriodUnit = 'day' | 'week';

/** 'auto' switches to a count distribution for slow movers (see README). */
export type DistributionChoice =
  | 'auto'
  | 'normal'
  | 'lognormal'
  | 'poisson'
  | 'negative-binomial';

export type DemandDistribution = Exclude<DistributionChoice, 'auto'>;

/** Mean and standard deviation of demand per period, derived from quantiles. */
export interface PeriodMoments {
  /** Normal reading: Swanson mean and spread of the outer quantile pair. */
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** Lognormal reading (median P50, log-spread of the outer pair) as mean and sd; NaN where a quantile is 0. */
  readonly lognormalMean: Float64Array;
  readonly lognormalSd: Float64Array;
  /** Median of (P90 − P50) / (P50 − P10) over the periods: > 1 means right-skewed. */
  readonly skew: number;
  readonly p50: Float64Array;
  readonly p90: Float64Array;
}

/** Demand over an interval of `length` periods, including lead-time variability when asked. */
export interface IntervalDemand {
  readonly length: number;
  readonly mean: number;
  readonly sd: number;
  /** Average demand per period over the interval (μd in σ² = L·σd² + μd²·σL²). */
  readonly meanPerPeriod: number;
}
