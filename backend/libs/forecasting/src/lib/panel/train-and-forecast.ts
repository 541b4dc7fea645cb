import { saveNeural } from '../neural/artifacts';
import type { ModelName, Panel } from '../types';
import { chooseModels } from './choose-models';
import {
  attributeNeuralDrivers,
  emptyArtifacts,
  finalForecasts,
} from './final-forecast';
import { gbdtStage, neuralStage } from './global-candidates';
import { localBacktest, prepareAll } from './local-backtest';
import { forecastNewSeries } from './new-series';
import {
  checkPretrained,
  pretrainedGbdtStage,
  pretrainedNeuralStage,
} from './pretrained-stages';
import type {
  GlobalModels,
  PanelResult,
  TrainAndForecastOptions,
} from './result-types';
import { now, startRun } from './run-context';

export { resolveQuantiles } from './run-context';

/**
 * Backtest, model selection and final forecast over a whole panel. See the README for the method;
 * in short: every candidate is scored on rolling origins (features only from data before each
 * origin), the selection metric picks a model (or the median ensemble) per series, and the
 * winner's final forecast, its backtest metrics and a driver breakdown are returned. With
 * `options.pretrained` the global models come from a run's global step instead of this panel.
 */
export async function trainAndForecast(
  panel: Panel,
  options: TrainAndForecastOptions = {},
): Promise<PanelResult> {
  return (await runPanel(panel, options, false)).result;
}

/** What the global step keeps besides the result (see global-models.ts). */
export interface PanelRunExtras {
  result: PanelResult;
  winners: Map<string, ModelName>;
  gbdtBacktest?: NonNullable<GlobalModels['gbdt']>['backtest'];
  neuralBacktest?: NonNullable<GlobalModels['neural']>['backtest'];
}

export async function runPanel(
  panel: Panel,
  options: TrainAndForecastOptions,
  keepBacktestModels: boolean,
): Promise<PanelRunExtras> {
  const run = startRun(panel, options);
  const { timings } = run;
  const pre = options.pretrained;
  if (pre) checkPretrained(run, pre);
  const prepared = prepareAll(run, panel, options);
  const established = prepared.filter((p) => p.kind !== 'new');
  const bt = await localBacktest(run, established);
  const ok = established.filter((p) => !bt.broken.has(p));
  const neural = pre
    ? await pretrainedNeuralStage(run, ok, pre, bt)
    : await neuralStage(run, ok, options.neural, bt, keepBacktestModels);
  const gbdt = pre
    ? await pretrainedGbdtStage(run, ok, pre, bt)
    : await gbdtStage(run, ok, options.gbdt, bt);

  const t2 = now();
  const choice = chooseModels(
    run,
    ok,
    bt,
    options.selectionMetric ?? 'mase',
    Boolean(neural.model || gbdt),
    options.selectionMargin,
    pre ? new Map(Object.entries(pre.winners)) : undefined,
  );
  const artifacts = emptyArtifacts(run, gbdt);
  const wantDrivers = options.drivers !== false;
  const { results, targets } = await finalForecasts(
    run,
    ok,
    prepared.length,
    choice,
    neural,
    gbdt,
    artifacts,
    wantDrivers,
  );
  timings['finalForecast'] = now() - t2;
  attributeNeuralDrivers(run, neural, targets);
  forecastNewSeries(
    run,
    ok,
    prepared,
    results,
    artifacts,
    wantDrivers,
    pre?.categoryProfiles,
  );

  if (neural.model && neural.spec) {
    artifacts.neural =
      pre?.neural?.final ?? (await saveNeural(neural.model, neural.spec));
    neural.model.dispose();
  }
  run.progress({
    phase: 'forecast',
    done: prepared.length,
    total: prepared.length,
  });
  timings['total'] = now() - run.t0;
  const result: PanelResult = {
    frequency: run.freq,
    horizon: run.horizon,
    quantiles: run.levels,
    series: results,
    errors: run.errors,
    warnings: run.warnings,
    backend: neural.backend,
    neural: neural.reports,
    gbdt: gbdt?.reports,
    artifacts,
    timings,
  };
  return {
    result,
    winners: choice.winners,
    gbdtBacktest: gbdt?.backtestModel,
    neuralBacktest: neural.backtestArtifact,
  };
}
