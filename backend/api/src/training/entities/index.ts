import { ForecastRun } from './forecast-run.entity';
import { ForecastValue } from './forecast-value.entity';
import { ModelArtifact } from './model-artifact.entity';
import { RunMetric } from './run-metric.entity';
import { RunSeries } from './run-series.entity';
import { SchedulerLock } from './scheduler-lock.entity';
import { Serving } from './serving.entity';

export {
  ForecastRun,
  ForecastValue,
  ModelArtifact,
  RunMetric,
  RunSeries,
  SchedulerLock,
  Serving,
};

export const TRAINING_ENTITIES = [
  ForecastRun,
  RunSeries,
  ForecastValue,
  RunMetric,
  ModelArtifact,
  Serving,
  SchedulerLock,
];
