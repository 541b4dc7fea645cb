import { saveNeural } from '../neural/artifacts';
import type { Panel } from '../types';
import { chooseModels } from './choose-models';
import {
  attributeNeuralDrivers,
  emptyArtifacts,
  finalForecasts,
} from './final-forecast';
import { gbdtStage, neuralStage } from './global-candidates';
import { localBacktest, prepareAll } from './local-backtest';
import { forecastNewSeries } from './new-series';
import type { PanelResult, TrainAndForecastOptions } from './result-types';
import { now, startRun } from './run-context';

export { resolveQuantiles } from './run-context';

/**
 * Backtest, model selection and final forecast over a whole panel. See the README for the method;
 * in short: every candidate is scored on rolling origins (features only from data before each
 * origin), the selection metric picks a model (or the median ensemble) per series, and the
 * winner's final forecast, its backtest metrics and a driver breakdown are returned.
 */
export async function trainAndForecast(
  panel: Panel,
  options: TrainAndForecastOptions = {},
): Promise<PanelResult> {
  const run = startRun(panel, options);
  const { timings } = run;
  const prepared = prepareAll(run, panel, options);
  const established = prepared.filter((p) => p.kind !== 'new');
  const bt = await localBacktest(run, established);
  const ok = established.filter((p) => !bt.broken.has(p));
  const neural = await neuralStage(run, ok, options.neural, bt);
  const gbdt = await gbdtStage(run, ok, options.gbdt, bt);

  const t2 = now();
  const choice = chooseModels(
    run,
    ok,
    bt,
    options.selectionMetric ?? 'mase',
    Boolean(neural.model || gbdt),
    options.selectionMargin,
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
  forecastNewSeries(run, ok, prepared, results, artifacts, wantDrivers);

  if (neural.model && neural.spec) {
    artifacts.neural = await saveNeural(neural.model, neural.spec);
    neural.model.dispose();
  }
  run.progress({
    phase: 'forecast',
    done: prepared.length,
    total: prepared.length,
  });
  timings['total'] = now() - run.t0;
  return {
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
}
