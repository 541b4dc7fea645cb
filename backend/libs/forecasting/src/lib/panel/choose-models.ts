import type { Forecast, Metrics, ModelName } from '../types';
import { medianEnsemble } from './ensemble';
import { type LocalBacktest, recordBacktest } from './local-backtest';
import type { PreparedSeries } from './prepare';
import type { SelectionMetric } from './result-types';
import type { PanelRun } from './run-context';
import { selectModel } from './select';

export interface SeriesSelection {
  model: ModelName;
  summary: Partial<Record<ModelName, Metrics>>;
}

export interface Choice {
  selection: Map<PreparedSeries, SeriesSelection>;
  /**
   * Per origin, the selected model's and the ensemble's backtest forecasts (the final step may
   * still switch a neural pick to the ensemble); everything else is dropped to bound memory.
   */
  keptBacktests: Map<PreparedSeries, Map<ModelName, Forecast>[]>;
}

/**
 * Step 4: scores the median ensemble of all scored members at each origin, then picks a model per
 * series by the selection metric (fallback: the ensemble when a global model exists for regular
 * series, TSB for intermittent ones, ETS otherwise).
 */
export function chooseModels(
  run: PanelRun,
  ok: PreparedSeries[],
  bt: LocalBacktest,
  metric: SelectionMetric,
  hasGlobalModel: boolean,
): Choice {
  const selection = new Map<PreparedSeries, SeriesSelection>();
  const keptBacktests = new Map<PreparedSeries, Map<ModelName, Forecast>[]>();
  for (const p of ok) {
    const sc = bt.scores.get(p) as Map<ModelName, Metrics[]>;
    const perOrigin = bt.forecasts.get(p) ?? [];
    perOrigin.forEach((fcs, k) => {
      if (fcs.size < 2) return;
      recordBacktest(
        run,
        bt,
        p,
        k,
        'ensemble',
        medianEnsemble([...fcs.values()]),
      );
    });
    bt.forecasts.delete(p);
    const s = selectModel(sc, metric);
    const fallback: ModelName =
      hasGlobalModel && p.kind === 'regular'
        ? 'ensemble'
        : p.kind === 'intermittent'
          ? 'tsb'
          : 'ets';
    const model = s.model ?? fallback;
    selection.set(p, { model, summary: s.summary });
    keptBacktests.set(
      p,
      perOrigin.map((fcs) => {
        const keep = new Map<ModelName, Forecast>();
        for (const name of [model, 'ensemble'] as ModelName[]) {
          const fc = fcs.get(name);
          if (fc) keep.set(name, fc);
        }
        return keep;
      }),
    );
  }
  return { selection, keptBacktests };
}
