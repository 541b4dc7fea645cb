import { scoreForecast } from '../core/metrics';
import {
  fitLocal,
  type LocalModelName,
  type LocalParams,
} from '../models/local';
import type { Forecast, Metrics, ModelName, Panel } from '../types';
import {
  actualsAt,
  historyAt,
  type PreparedSeries,
  prepareSeries,
  scaleHistory,
} from './prepare';
import type { TrainAndForecastOptions } from './result-types';
import {
  type BacktestForecasts,
  type BacktestScores,
  failSeries,
  now,
  type PanelRun,
  pushMetric,
  yieldToLoop,
} from './run-context';

/** Step 1: validates and prepares every series; a series that fails is reported and skipped. */
export function prepareAll(
  run: PanelRun,
  panel: Panel,
  options: TrainAndForecastOptions,
): PreparedSeries[] {
  const prepared: PreparedSeries[] = [];
  panel.series.forEach((s, i) => {
    try {
      prepared.push(
        prepareSeries(s, i, {
          frequency: run.freq,
          horizon: run.horizon,
          origins: options.origins ?? 3,
          intermittentThreshold: options.intermittentThreshold ?? 0.3,
          minObservations: options.minObservations ?? 8,
        }),
      );
    } catch (e) {
      failSeries(run, s?.id ?? `#${i}`, e);
    }
  });
  run.progress({
    phase: 'prepare',
    done: prepared.length,
    total: panel.series.length,
  });
  return prepared;
}

export interface LocalBacktest {
  scores: BacktestScores;
  forecasts: BacktestForecasts;
  /** Series whose local fits threw: left out of every later step. */
  broken: Set<PreparedSeries>;
}

/** Step 2: refits every local candidate at every origin and scores it on the following horizon. */
export async function localBacktest(
  run: PanelRun,
  established: PreparedSeries[],
): Promise<LocalBacktest> {
  const scores: BacktestScores = new Map();
  const forecasts: BacktestForecasts = new Map();
  const broken = new Set<PreparedSeries>();
  let done = 0;
  for (const p of established) {
    try {
      const { perModel, perOrigin } = backtestSeries(run, p);
      scores.set(p, perModel);
      forecasts.set(p, perOrigin);
    } catch (e) {
      failSeries(run, p.input.id, e);
      broken.add(p);
    }
    if (++done % 250 === 0) {
      run.progress({ phase: 'backtest', done, total: established.length });
      await yieldToLoop();
    }
  }
  run.progress({ phase: 'backtest', done, total: established.length });
  run.timings['localBacktest'] = now() - run.t0;
  return { scores, forecasts, broken };
}

function backtestSeries(
  run: PanelRun,
  p: PreparedSeries,
): {
  perModel: Map<ModelName, Metrics[]>;
  perOrigin: Map<ModelName, Forecast>[];
} {
  const perModel = new Map<ModelName, Metrics[]>();
  const perOrigin: Map<ModelName, Forecast>[] = [];
  const firstFit = new Map<LocalModelName, LocalParams>();
  for (const origin of p.origins) {
    const hist = historyAt(p, origin);
    const actual = actualsAt(p, origin, run.horizon);
    const scaleHist = scaleHistory(p, origin);
    const fcs = new Map<ModelName, Forecast>();
    for (const name of p.candidates) {
      // ETS constants are estimated at the first origin and re-filtered at later ones.
      const fit = fitLocal(name, hist, run.local, firstFit.get(name));
      if (!firstFit.has(name)) firstFit.set(name, fit.params);
      const fc = fit.forecast;
      fcs.set(name, fc);
      pushMetric(
        perModel,
        name,
        scoreForecast(actual, fc, scaleHist, run.period),
      );
    }
    perOrigin.push(fcs);
  }
  return { perModel, perOrigin };
}

/**
 * Adds a candidate's backtest forecast at origin k of a series: kept for the ensemble and the
 * windows, and scored against the actuals that followed the origin.
 */
export function recordBacktest(
  run: PanelRun,
  bt: Pick<LocalBacktest, 'scores' | 'forecasts'>,
  p: PreparedSeries,
  k: number,
  name: ModelName,
  fc: Forecast,
): void {
  bt.forecasts.get(p)?.[k]?.set(name, fc);
  const sc = bt.scores.get(p);
  if (sc)
    pushMetric(
      sc,
      name,
      scoreForecast(
        actualsAt(p, p.origins[k], run.horizon),
        fc,
        scaleHistory(p, p.origins[k]),
        run.period,
      ),
    );
}
