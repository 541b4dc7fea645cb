export * from './lib/types';
export * from './lib/core/calendar';
export * from './lib/core/metrics';
export * from './lib/core/quantiles';
export * from './lib/core/stats';
export * from './lib/models/baselines';
export * from './lib/models/ets';
export * from './lib/models/intermittent';
export * from './lib/models/local';
export * from './lib/models/gbdt/gbdt';
export * from './lib/panel/result-types';
export {
  trainAndForecast,
  resolveQuantiles,
} from './lib/panel/train-and-forecast';
export * from './lib/panel/global-models';
export * from './lib/panel/prepare';
export * from './lib/panel/ensemble';
export * from './lib/panel/interval-calibration';
export * from './lib/neural/options';
export * from './lib/neural/artifacts';
export { ensureBackend, type TfBackendName } from './lib/neural/backend';
export type { FeatureSpec } from './lib/neural/features';
export type { TrainReport } from './lib/neural/model';
export * from './lib/panel/from-artifacts';
export * from './lib/panel/aggregate';
export type {
  GbdtCandidateModel,
  GbdtCandidateOptions,
  GbdtTrainReport,
} from './lib/gbdt-candidate/model';
export * from './lib/hierarchy';
