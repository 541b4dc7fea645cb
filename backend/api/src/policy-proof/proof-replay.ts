import {
  type Forecaster,
  type QuantileForecast,
  replayPolicy,
  type ReplayResult,
  seasonalNaiveForecaster,
  SERVED_QUANTILE_LEVELS,
  type UnmetDemand,
} from '@shelfcast/inventory-policy';

/** Why a line was not replayed (stored per line, never an error of the run). */
export type ProofSkipReason =
  | 'no-backtest'
  | 'no-stock-history'
  | 'short-series'
  | 'all-zero'
  | 'unsupported-grain';

/** One recommendation line's inputs, in periods of its grain. */
export interface ProofSeries {
  /** Recorded sales per period: history first, then the replayed periods. */
  readonly sales: Float64Array;
  /** Index of the first replayed period in `sales`. */
  readonly start: number;
  /**
   * The champion's backtest forecast of the replayed periods (one origin, at or before `start`):
   * values[k][i] is level k of period start + i. Null when the champion has none.
   */
  readonly backtest: QuantileForecast | null;
  /** Stock on hand at the end of the period before `start`; null without a snapshot. */
  readonly initialOnHand: number | null;
  /** Periods of one season (7 daily, 52 weekly) for the seasonal-naive side. */
  readonly season: number;
  readonly leadTime: number;
  readonly reviewPeriod: number;
  readonly serviceLevel: number;
  readonly unmetDemand: UnmetDemand;
  readonly casePack: number;
  readonly moq: number;
}

export interface ProofSide {
  readonly fillRate: number;
  readonly avgOnHand: number;
  /** Periods that ended with demand lost. */
  readonly stockOutPeriods: number;
  readonly lostUnits: number;
}

export type ProofOutcome =
  | {
      readonly skipped: false;
      readonly periods: number;
      readonly demand: number;
      readonly served: ProofSide;
      readonly naive: ProofSide;
    }
  | { readonly skipped: true; readonly reason: ProofSkipReason };

/** Seasons of history the seasonal-naive side needs before the first replayed period. */
export const MIN_HISTORY_SEASONS = 2;

/**
 * Replays the served policy (replayPolicy → servedPolicyInput, lost sales or backorders by the
 * store's setting, quantile reading) over the replayed periods twice: fed by the champion's
 * backtest forecast, and fed by seasonal naive on the sales known before each decision. Both
 * start from the recorded stock. At a decision in period t the backtest side reads the backtest
 * values from t on: they were made at the backtest origin (≤ t), so nothing after t is seen.
 */
export function replayProof(s: ProofSeries): ProofOutcome {
  const periods = s.sales.length - s.start;
  if (!s.backtest) return { skipped: true, reason: 'no-backtest' };
  if (s.initialOnHand === null)
    return { skipped: true, reason: 'no-stock-history' };
  if (!s.sales.some((v) => v > 0)) return { skipped: true, reason: 'all-zero' };
  if (s.start < MIN_HISTORY_SEASONS * s.season || periods <= 0)
    return { skipped: true, reason: 'short-series' };

  const backtest = s.backtest;
  const champion: Forecaster = {
    name: 'champion-backtest',
    forecast(ctx) {
      const from = Math.max(0, ctx.origin - s.start);
      return {
        levels: backtest.levels,
        values: backtest.values.map((v) =>
          v.subarray(Math.min(from, v.length - 1)),
        ),
      };
    },
  };
  const naive = seasonalNaiveForecaster({
    season: s.season,
    levels: SERVED_QUANTILE_LEVELS,
  });
  const side = (forecaster: Forecaster): ProofSide =>
    summarize(
      replayPolicy({ demand: s.sales }, forecaster, {
        service: { kind: 'fill-rate', level: s.serviceLevel },
        leadTime: s.leadTime,
        reviewPeriod: s.reviewPeriod,
        start: s.start,
        initialOnHand: s.initialOnHand ?? 0,
        casePack: s.casePack,
        moq: s.moq,
        policyUnmetDemand: s.unmetDemand,
        lostSalesDemand: 'quantiles',
        keepTrace: true,
      }),
    );
  const served = side(champion);
  let demand = 0;
  for (let t = s.start; t < s.sales.length; t++) demand += s.sales[t];
  return { skipped: false, periods, demand, served, naive: side(naive) };
}

function summarize(r: ReplayResult): ProofSide {
  let stockOutPeriods = 0;
  let lostUnits = 0;
  const trace = r.trace;
  for (let i = 0; trace && i < r.periods; i++) {
    const lost = trace.demand[i] - trace.sales[i];
    if (lost > 1e-9) {
      stockOutPeriods++;
      lostUnits += lost;
    }
  }
  return {
    fillRate: r.fillRate,
    avgOnHand: r.averageOnHand,
    stockOutPeriods,
    lostUnits,
  };
}
