import { averageMetrics } from '../core/metrics';
import type { Metrics, ModelName } from '../types';
import type { SelectionMetric } from './result-types';

/** Preference order on ties: simpler first. */
const ORDER: ModelName[] = [
  'seasonal-naive',
  'moving-average',
  'croston-sba',
  'tsb',
  'ets',
  'neural',
  'gbdt',
  'ensemble',
];

/**
 * Picks the model with the lowest mean backtest metric (bias by its absolute value). Returns
 * undefined when nothing was scored (the caller then applies the no-backtest default).
 */
export function selectModel(
  scores: Map<ModelName, Metrics[]>,
  metric: SelectionMetric,
): {
  model: ModelName | undefined;
  summary: Partial<Record<ModelName, Metrics>>;
} {
  const summary: Partial<Record<ModelName, Metrics>> = {};
  let best: ModelName | undefined;
  let bestValue = Infinity;
  const names = [...scores.keys()].sort(
    (a, b) => ORDER.indexOf(a) - ORDER.indexOf(b),
  );
  for (const name of names) {
    const avg = averageMetrics(scores.get(name) ?? []);
    summary[name] = avg;
    const v = avg[metric];
    if (Number.isFinite(v) && v < bestValue - 1e-12) {
      bestValue = v;
      best = name;
    }
  }
  return { model: best, summary };
}
