import type { Forecast, Metrics, ModelName } from '../types';
import { medianEnsemble } from './ensemble';
import {
  DEFAULT_SELECTION_MARGIN,
  guardedChoice,
  globalWinners,
  type SeriesEvidence,
} from './guarded-selection';
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
  /** The global winner per series kind the selection was shrunk towards. */
  winners: Map<string, ModelName>;
}

/**
 * Step 4: scores the median ensemble of all scored members at each origin, then picks a model per
 * series by the selection metric, shrunk towards the global winner of the series' kind (a series
 * leaves the global winner only when its own winner beats it by more than `margin`, see
 * guarded-selection.ts; `fixedWinners` replaces the panel's own winners). Fallback when nothing was scored: the ensemble when a global model exists
 * for regular series, TSB for intermittent ones, ETS otherwise.
 */
export function chooseModels(
  run: PanelRun,
  ok: PreparedSeries[],
  bt: LocalBacktest,
  metric: SelectionMetric,
  hasGlobalModel: boolean,
  margin = DEFAULT_SELECTION_MARGIN,
  fixedWinners?: Map<string, ModelName>,
): Choice {
  const selection = new Map<PreparedSeries, SeriesSelection>();
  const keptBacktests = new Map<PreparedSeries, Map<ModelName, Forecast>[]>();
  const own = new Map<PreparedSeries, ModelName | undefined>();
  const origins = new Map<PreparedSeries, Map<ModelName, Forecast>[]>();
  const evidence = new Map<PreparedSeries, SeriesEvidence>();
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
    origins.set(p, perOrigin);
    const s = selectModel(sc, metric);
    own.set(p, s.model);
    evidence.set(p, { kind: p.kind, summary: s.summary });
  }
  // A sharded run shrinks towards the winners of its global step, so a series' choice does not
  // depend on which other series share its shard.
  const winners = fixedWinners ?? globalWinners([...evidence.values()], metric);
  for (const p of ok) {
    const e = evidence.get(p) as SeriesEvidence;
    const fallback: ModelName =
      hasGlobalModel && p.kind === 'regular'
        ? 'ensemble'
        : p.kind === 'intermittent'
          ? 'tsb'
          : 'ets';
    const model =
      guardedChoice(e, own.get(p), winners.get(p.kind), metric, margin) ??
      fallback;
    selection.set(p, { model, summary: e.summary });
    keptBacktests.set(
      p,
      (origins.get(p) ?? []).map((fcs) => {
        const keep = new Map<ModelName, Forecast>();
        for (const name of [model, 'ensemble'] as ModelName[]) {
          const fc = fcs.get(name);
          if (fc) keep.set(name, fc);
        }
        return keep;
      }),
    );
  }
  return { selection, keptBacktests, winners };
}
