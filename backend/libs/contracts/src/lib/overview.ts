/** The overview page's KPIs (GET /api/overview). */

export const OVERVIEW_SCOPES = [
  'chain',
  'region',
  'store',
  'category',
] as const;
/** chain: every store (a store manager: their stores); region: stores.region; store: a store code; category: a path prefix. */
export type OverviewScope = (typeof OVERVIEW_SCOPES)[number];

/** Sales in a window ending at `asOf` and the same weekdays 52 weeks (364 days) earlier. */
export interface SalesWindowKpi {
  days: number;
  from: string;
  to: string;
  units: number;
  revenue: number;
  lastYearUnits: number;
  lastYearRevenue: number;
  /** Days of the last-year window that have sales rows (0: no comparison possible). */
  lastYearDays: number;
}

/** The serving run's P50 (model values, overrides not applied) for the days after `asOf`. */
export interface ForecastWindowKpi {
  days: number;
  from: string;
  to: string;
  units: number;
  /** Days of the window the serving run covers (fewer when its horizon ends earlier). */
  coveredDays: number;
}

/**
 * `served`: actuals of the last 4 weeks against the forecasts that were serving on each day (for
 * each day the promoted run with the latest data end before it). `backtest`: no such forecasts
 * exist (e.g. demo data, where every run ends with the data): the serving run's rolling-origin
 * backtest instead. `none`: neither.
 */
export type AccuracySource = 'served' | 'backtest' | 'none';

export interface AccuracyKpi {
  source: AccuracySource;
  /** Σ|forecast − actual| / Σ actual. */
  wape: number | null;
  /** Σ(forecast − actual) / Σ actual: positive means over-forecast. */
  bias: number | null;
  /** The window of served forecasts (null for backtest/none). */
  from: string | null;
  to: string | null;
  /** Store × product series scored. */
  series: number;
  /** The run the numbers come from (backtest: the serving run; served: the latest of the runs). */
  runId: string | null;
  /** Weekly WAPE of served forecasts, oldest first (empty for backtest). */
  weekly: { from: string; wape: number | null }[];
}

export interface InventoryKpi {
  /** The recommendation run the counts come from (the latest generated), null before the first. */
  runId: string | null;
  /** Lines whose P50 projection runs out of stock within the horizon (risk=stockout). */
  stockoutRisk: number;
  /** Σ excess stock value (units above order-up-to plus cover × unit cost). */
  excessValue: number;
  /** Lines waiting for a decision. */
  pendingApprovals: number;
}

export interface DailyUnits {
  date: string;
  units: number;
}

export interface OverviewResponse {
  scope: OverviewScope;
  /** '' for the chain. */
  key: string;
  /** The last day counted as "today": the request's asOf, else the last sales date in the data. */
  asOf: string | null;
  /** true when asOf was not given and came from the data (not the wall clock). */
  asOfFromData: boolean;
  /** Stores in the scope after the reader's store assignment. */
  stores: number;
  sales7: SalesWindowKpi | null;
  sales28: SalesWindowKpi | null;
  forecast7: ForecastWindowKpi | null;
  forecast28: ForecastWindowKpi | null;
  accuracy: AccuracyKpi;
  inventory: InventoryKpi;
  /** Sparklines: daily units of the last 28 days, the same days last year, and the next 28 days' forecast. */
  trend: {
    sales: DailyUnits[];
    lastYear: DailyUnits[];
    forecast: DailyUnits[];
  };
}
