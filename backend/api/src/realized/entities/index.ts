import { DriftFlag } from './drift-flag.entity';
import { FrozenForecast } from './frozen-forecast.entity';
import { FrozenIssue } from './frozen-issue.entity';
import { FrozenScale } from './frozen-scale.entity';
import { RealizedAccuracy } from './realized-accuracy.entity';
import { RealizedDay } from './realized-day.entity';

export {
  DriftFlag,
  FrozenForecast,
  FrozenIssue,
  FrozenScale,
  RealizedAccuracy,
  RealizedDay,
};

export const REALIZED_ENTITIES = [
  FrozenIssue,
  FrozenForecast,
  FrozenScale,
  RealizedAccuracy,
  RealizedDay,
  DriftFlag,
];
