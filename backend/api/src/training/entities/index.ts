import { ForecastRun } from './forecast-run.entity';
import { ForecastValue } from './forecast-value.entity';
import { ModelArtifact } from './model-artifact.entity';
import { RunBacktest } from './run-backtest.entity';
import { RunMetric } from './run-metric.entity';
import { RunSeries } from './run-series.entity';
import { RunGlobalModel } from './run-global-model.entity';
import { RunShard } from './run-shard.entity';
import { SchedulerLock } from './scheduler-lock.entity';
import { Serving } from './serving.entity';

export {
  ForecastRun,
  ForecastValue,
  ModelArtifact,
  RunBacktest,
  RunMetric,
  RunGlobalModel,
  RunSeries,
  RunShard,
  SchedulerLock,
  Serving,
};

export const TRAINING_ENTITIES = [
  ForecastRun,
  RunSeries,
  ForecastValue,
  RunBacktest,
  RunMetric,
  ModelArtifact,
  RunShard,
  RunGlobalModel,
  Serving,
  SchedulerLock,
];
