import type { EventType, SignalScope } from './csv-formats';
import type { MetricRow } from './training';

export type ForecastLevel =
  | 'series'
  | 'product'
  | 'category'
  | 'store'
  | 'chain';

export interface HistoryPoint {
  date: string;
  units: number;
  onPromo: boolean;
  stockout: boolean;
}

export interface ForecastPoint {
  date: string;
  p10: number;
  p50: number;
  p90: number;
  /** The model's P50 (= p50; p10/p50/p90 stay the model's values). */
  baseline?: number;
  /** A manual override's value for the date (single series), null without one. */
  override?: number | null;
  /** What recommendations use: the override where present, else the baseline. */
  final?: number;
}

/** Per-step contribution of each driver group (level, seasonality, price, promotion, market, event). */
export type DriverSeries = Record<string, number[]>;

/**
 * GET /api/forecasts/series. With level=series (default: store + sku given) one series; with
 * level=product|category|store|chain the sum over the matching series. Aggregated P50 is the exact
 * sum of P50s; aggregated P10/P90 are approximated as P50 ∓ sqrt(Σ (P50 − Pq)²) per side, i.e. the
 * series' spreads combined as if independent (documented in docs/training.md).
 */
export interface SeriesForecastResponse {
  level: ForecastLevel;
  store: string | null;
  sku: string | null;
  category: string | null;
  /** Number of series aggregated (1 for a single series). */
  series: number;
  runId: string | null;
  /** The winning model (single series) or the most frequent one (aggregates). */
  model: string | null;
  history: HistoryPoint[];
  forecast: ForecastPoint[];
  /** Backtest metrics of the serving run for the series or group (null when not trained). */
  backtest: Omit<MetricRow, 'level' | 'key'> | null;
  /**
   * The serving run's backtest forecasts against actuals per day: the chosen model's forecast
   * from the most recent backtest origin (the last horizon of history), summed over the series of
   * the selection that have one. Empty when the run stored none (untrained, new series, or runs
   * from before backtests were stored).
   */
  backtestPoints: BacktestPoint[];
  drivers: DriverSeries | null;
  /** Calendar events overlapping the chart window (history start … last forecast day) that apply. */
  events: ForecastEvent[];
  /** Market-trend signals that apply to the selection (global, its region, store, category). */
  signals: SignalOption[];
  /** The values of the signal asked for with `signal=<name>` over the window, else null. */
  signal: (SignalOption & { points: { date: string; value: number }[] }) | null;
}

/** One day of a backtest window: what the model forecast from the origin, and what sold. */
export interface BacktestPoint {
  date: string;
  /** First day of the backtest window. */
  origin: string;
  p10: number;
  p50: number;
  p90: number;
  /** Units sold that day by the same series (null when no sales row exists). */
  actual: number | null;
}

/** A holiday, event, promotion or closure from the calendar (end inclusive). */
export interface ForecastEvent {
  name: string;
  type: EventType;
  start: string;
  end: string;
  scope: SignalScope;
  scopeKey: string;
}

export interface SignalOption {
  name: string;
  scope: SignalScope;
  /** '' for global, else the region, store code or category path. */
  scopeKey: string;
}

/** GET /api/forecasts/accuracy: the serving (champion) run's backtest accuracy. */
export interface AccuracyResponse {
  runId: string | null;
  promotedAt: string | null;
  overall: MetricRow | null;
  categories: MetricRow[];
  stores: MetricRow[];
}

/**
 * Levels of the reconciled forecast hierarchy (bottom: product × store). `categoryStore` and
 * `productStore` keys are `<store code>|<top category>` and `<store code>|<sku>`.
 */
export const HIERARCHY_LEVELS = [
  'chain',
  'region',
  'store',
  'category',
  'categoryStore',
  'product',
  'productStore',
] as const;

/** The region level's node of the stores without a region (a region import refuses this name). */
export const NO_REGION_KEY = '(no region)';
export type HierarchyLevel = (typeof HIERARCHY_LEVELS)[number];

/**
 * One node of a level: its key (region name, store code, top category, sku, `<store>|<category>`
 * or `<store>|<sku>`; '' for chain).
 */
export interface LevelNode {
  key: string;
  label: string;
}

/**
 * GET /api/forecasts/levels: history and reconciled P10/P50/P90 of one node of the hierarchy
 * chain → region → store and chain → category → product, all over the product × store bottom
 * series of the serving run. P50s are coherent: every parent's P50 equals the sum of its
 * children's (and of its bottom series') P50. P10/P90 are the reconciled sample paths' quantiles.
 */
export interface LevelForecastResponse {
  level: HierarchyLevel;
  key: string;
  runId: string | null;
  /** Reconciliation method used (config HIERARCHY_METHOD). */
  method: string;
  /** Where the upper levels' base forecasts come from: `engine` or `bottom` (sums of the bottom). */
  base: 'engine' | 'bottom';
  /** Bottom series under this node. */
  series: number;
  /** Nodes of the level this reader may open (for the selector). */
  nodes: LevelNode[];
  /**
   * The level of the node's children: chain and region → store, store → categoryStore, category →
   * product, categoryStore and product → productStore; null for productStore (the bottom).
   */
  childLevel: HierarchyLevel | null;
  /** The node's children one level down (keys at childLevel), P50 per step. */
  children: { key: string; p50: number[] }[];
  history: HistoryPoint[];
  forecast: ForecastPoint[];
  /** Accuracy of the reconciled forecasts at this level (over the nodes the reader may open). */
  accuracy: LevelAccuracy | null;
}

/**
 * Accuracy of the reconciled forecasts at one level, on the champion's backtest window (the
 * serving run's most recent backtest origin, reconciled with the served method): means over the
 * level's nodes.
 */
export interface LevelAccuracy {
  level: HierarchyLevel;
  /** Mean MASE of the reconciled P50 (scale: seasonal-naive error over the 56 days before). */
  mase: number | null;
  /** Mean MASE of the base forecasts (before reconciliation) on the same days. */
  baseMase: number | null;
  /** Share of node-days whose actual lies inside the reconciled P10–P90 (nominal 0.80). */
  coverage: number | null;
  /** Nodes scored (nodes without sales before the window have no MASE scale and are left out). */
  nodes: number;
}

/** GET /api/forecasts/levels/accuracy: the accuracy per level the reader may open. */
export interface LevelAccuracyResponse {
  runId: string | null;
  method: string;
  /** The backtest window scored (ISO days), null before a run with backtests. */
  from: string | null;
  to: string | null;
  levels: LevelAccuracy[];
}
