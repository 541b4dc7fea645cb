import type {
  GbdtCandidateModel,
  GbdtCandidateOptions,
  GbdtTrainReport,
} from '../gbdt-candidate/model';
import type { LocalParams } from '../models/local';
import type { NeuralArtifact } from '../neural/artifacts';
import type { TrainReport } from '../neural/model';
import type { NeuralOptions } from '../neural/options';
import type {
  DriverBreakdown,
  Forecast,
  Frequency,
  Metrics,
  ModelName,
  Progress,
} from '../types';
import type { SeriesKind } from './prepare';

export type SelectionMetric = 'mase' | 'wape' | 'rmsse' | 'smape' | 'pinball';

export interface TrainAndForecastOptions {
  /** Default 28 days / 12 weeks / 12 months. */
  horizon?: number;
  /** Default [0.1, 0.5, 0.9]; 0.5 is always added (the point forecast is the P50). */
  quantiles?: number[];
  seed?: number;
  /** Rolling backtest origins, each one horizon apart (default 3). */
  origins?: number;
  /** Backtest metric that picks the model per series (default 'mase'). */
  selectionMetric?: SelectionMetric;
  /**
   * How much better (relative backtest metric) a series' own winner must be than the global
   * winner of its kind before the series leaves the global winner (default 0.5; 0 = plain
   * per-series selection, Infinity = global winner only).
   */
  selectionMargin?: number;
  /** Share of zero periods from which Croston/TSB are used (default 0.3). */
  intermittentThreshold?: number;
  /** Series with fewer valid observations get their category profile (default 8). */
  minObservations?: number;
  /** Global neural model options, or false to skip it. */
  neural?: NeuralOptions | false;
  /** Global gradient-boosted-trees candidate options, or false to skip it. */
  gbdt?: GbdtCandidateOptions | false;
  /** Compute the driver breakdown (default true). */
  drivers?: boolean;
  /** Nelder-Mead iterations per ETS variant (default 60). */
  etsMaxIter?: number;
  /**
   * Global models from a run's global step (`fitGlobalModels`): used instead of training the
   * neural and GBDT models on this panel, with the step's selection winners and category
   * profiles, so every series is forecast as it would be in any other panel.
   */
  pretrained?: GlobalModels;
  onProgress?: (p: Progress) => void;
}

/**
 * A run's global models, trained once on a bounded sample of its series (see global-models.ts).
 * JSON-safe except the neural weight buffers (`serializeGlobalModels` encodes them).
 */
export interface GlobalModels {
  version: 1;
  frequency: Frequency;
  horizon: number;
  quantiles: number[];
  seed: number;
  /** Series the models were trained on, and series in the panel the sample was drawn from. */
  sampleSeries: number;
  panelSeries: number;
  gbdt?: {
    backtest: GbdtCandidateModel;
    final: GbdtCandidateModel;
    reports: { backtest: GbdtTrainReport; final: GbdtTrainReport };
  };
  neural?: {
    backtest: NeuralArtifact;
    final: NeuralArtifact;
    reports: { backtest?: TrainReport; final?: TrainReport };
  };
  /** Global backtest winner per series kind (the selection shrinks towards it). */
  winners: Record<string, ModelName>;
  /** Category profiles for brand-new series. */
  categoryProfiles: Record<string, CategoryProfile>;
  /** Problems of the global step (e.g. the neural model failed). */
  warnings: string[];
}

export interface SeriesResult {
  id: string;
  model: ModelName;
  kind: SeriesKind;
  /** ISO dates of the forecast steps. */
  dates: string[];
  forecast: Forecast;
  /** Backtest metrics (averaged over origins) of every model scored on this series. */
  backtest: Partial<Record<ModelName, Metrics>>;
  /**
   * The chosen model's backtest forecast at each origin (ascending, so the last one is the most
   * recent), to draw against the actuals. Empty for series without a backtest (new series).
   */
  backtestForecasts: BacktestWindow[];
  drivers?: DriverBreakdown;
}

/** One backtest origin's forecast window, all inside the history. */
export interface BacktestWindow {
  /** History points visible at the origin (index of the first forecast step). */
  origin: number;
  /** ISO date of the first step. */
  start: string;
  /** ISO dates of the steps. */
  dates: string[];
  p50: Float64Array;
  /** Nearest computed quantile levels to 0.1 and 0.9. */
  p10: Float64Array;
  p90: Float64Array;
  /** Every quantile level the model computed at this origin, ascending, and its values per level. */
  levels?: readonly number[];
  values?: readonly Float64Array[];
}

export interface CategoryProfile {
  /** `quantiles[k][h]`: mean forecast relative to each series' recent level. */
  quantiles: number[][];
  /** Median recent level of the category's series (prior for new series without history). */
  level: number;
}

/** Everything needed to forecast again without retraining; JSON-safe except the weight buffer. */
export interface ForecastArtifacts {
  version: 1;
  frequency: Frequency;
  horizon: number;
  quantiles: number[];
  selection: Record<string, ModelName>;
  /** Final fitted parameters of every local candidate per series (ensemble members included). */
  local: Record<string, LocalParams[]>;
  /** Whether the neural model is an ensemble member for the series. */
  neuralMember: Record<string, boolean>;
  categoryProfiles: Record<string, CategoryProfile>;
  neural?: NeuralArtifact;
  /** The final GBDT candidate (JSON trees + feature spec) when it ran. */
  gbdt?: GbdtCandidateModel;
  /** Whether the GBDT candidate is an ensemble member for the series. */
  gbdtMember?: Record<string, boolean>;
}

export interface PanelResult {
  frequency: Frequency;
  horizon: number;
  quantiles: number[];
  series: SeriesResult[];
  /** Per-series failures; the rest of the panel is still forecast. */
  errors: { id: string; message: string }[];
  /** Panel-level problems that did not stop the run (e.g. the neural model failed). */
  warnings: string[];
  backend: 'tensorflow' | 'wasm' | 'cpu' | 'none';
  neural?: { backtest?: TrainReport; final?: TrainReport };
  gbdt?: { backtest?: GbdtTrainReport; final?: GbdtTrainReport };
  artifacts: ForecastArtifacts;
  /** Wall seconds per phase (informational). */
  timings: Record<string, number>;
}
