import type { Metrics, ModelName } from '../types';
import type { SelectionMetric } from './result-types';

/** Preference order on ties: simpler first (same as select.ts). */
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
 * Default margin by which a series' own backtest winner must beat the global winner before the
 * series leaves it. Chosen on the development split (SHELFCAST_DEV_SPLIT=1, docs/forecasting.md):
 * plain per-series selection (margin 0) lost to its best member on both bench datasets because
 * three backtest origins per series are too few to tell most models apart.
 */
export const DEFAULT_SELECTION_MARGIN = 0.5;

export interface SeriesEvidence {
  /** Series kind: the global winner is chosen among series of the same kind. */
  kind: string;
  /** Mean backtest metrics per scored model. */
  summary: Partial<Record<ModelName, Metrics>>;
}

const value = (
  e: SeriesEvidence,
  model: ModelName,
  metric: SelectionMetric,
): number => {
  const v = e.summary[model]?.[metric];
  return v === undefined || !Number.isFinite(v) ? NaN : Math.abs(v);
};

/**
 * Per kind, the model with the lowest mean backtest metric over the series it was scored on,
 * among models scored on at least half of that kind's series.
 */
export function globalWinners(
  evidence: SeriesEvidence[],
  metric: SelectionMetric,
): Map<string, ModelName> {
  const sums = new Map<string, Map<ModelName, { sum: number; n: number }>>();
  const counts = new Map<string, number>();
  for (const e of evidence) {
    counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    const byModel = sums.get(e.kind) ?? new Map();
    sums.set(e.kind, byModel);
    for (const m of Object.keys(e.summary) as ModelName[]) {
      const v = value(e, m, metric);
      if (!(v === v)) continue;
      const acc = byModel.get(m) ?? { sum: 0, n: 0 };
      acc.sum += v;
      acc.n++;
      byModel.set(m, acc);
    }
  }
  const out = new Map<string, ModelName>();
  for (const [kind, byModel] of sums) {
    const total = counts.get(kind) ?? 0;
    let best: ModelName | undefined;
    let bestMean = Infinity;
    const names = [...byModel.keys()].sort(
      (a, b) => ORDER.indexOf(a) - ORDER.indexOf(b),
    );
    for (const m of names) {
      const { sum, n } = byModel.get(m) as { sum: number; n: number };
      if (n * 2 < total) continue;
      if (sum / n < bestMean - 1e-12) {
        bestMean = sum / n;
        best = m;
      }
    }
    if (best) out.set(kind, best);
  }
  return out;
}

/**
 * Shrinks per-series selection towards the global winner: a series keeps its own backtest winner
 * only when that beats the global winner's backtest metric on the same series by more than
 * `margin` (relative), or when the global winner was not scored on it. margin 0 is plain
 * per-series selection; Infinity always ships the global winner.
 */
export function guardedChoice(
  e: SeriesEvidence,
  own: ModelName | undefined,
  global: ModelName | undefined,
  metric: SelectionMetric,
  margin: number,
): ModelName | undefined {
  if (!global || own === global) return own;
  const g = value(e, global, metric);
  if (!(g === g)) return own;
  if (!own) return global;
  const o = value(e, own, metric);
  return o < (1 - margin) * g ? own : global;
}
