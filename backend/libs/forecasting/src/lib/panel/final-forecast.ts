import type { GbdtStageResult } from '../gbdt-candidate/stage';
import { gbdtDrivers } from '../gbdt-candidate/stage';
import { fitLocal, type LocalFit, type LocalModelName } from '../models/local';
import type { FeatureSpec } from '../neural/features';
import { neuralDrivers, predictRaw, toForecast } from '../neural/predict';
import type { DriverBreakdown, Forecast } from '../types';
import type { Choice, SeriesSelection } from './choose-models';
import { ensembleDrivers, localDrivers } from './drivers';
import { medianEnsemble } from './ensemble';
import type { NeuralStage } from './global-candidates';
import type { PreparedSeries } from './prepare';
import type { ForecastArtifacts, SeriesResult } from './result-types';
import { failSeries, now, type PanelRun, yieldToLoop } from './run-context';
import { backtestWindows, forecastDates } from './windows';

/** A result whose drivers come from the neural model's attribution (step 6). */
export interface NeuralDriverTarget {
  result: SeriesResult;
  p: PreparedSeries;
  /** The other members' drivers when the result is the ensemble. */
  members?: DriverBreakdown[];
}

/** What the final fits read besides the series: the global models' final forecasts. */
interface FinalInputs {
  neuralFinal: Map<PreparedSeries, Forecast>;
  gbdt?: GbdtStageResult;
  gbdtDriverMap?: Map<PreparedSeries, DriverBreakdown>;
  wantDrivers: boolean;
}

export function emptyArtifacts(
  run: PanelRun,
  gbdt: GbdtStageResult | undefined,
): ForecastArtifacts {
  return {
    version: 1,
    frequency: run.freq,
    horizon: run.horizon,
    quantiles: run.levels,
    selection: {},
    local: {},
    neuralMember: {},
    categoryProfiles: {},
    ...(gbdt ? { gbdt: gbdt.model, gbdtMember: {} } : {}),
  };
}

/**
 * Step 5: final local fits on the whole history, then per series the selected model's forecast
 * (or the median ensemble of all members), its backtest windows and drivers. Results whose drivers
 * need the neural model are returned as targets for step 6.
 */
export async function finalForecasts(
  run: PanelRun,
  ok: PreparedSeries[],
  total: number,
  choice: Choice,
  neural: NeuralStage,
  gbdt: GbdtStageResult | undefined,
  artifacts: ForecastArtifacts,
  wantDrivers: boolean,
): Promise<{ results: SeriesResult[]; targets: NeuralDriverTarget[] }> {
  const neuralFinal = new Map<PreparedSeries, Forecast>();
  const { model: neuralModel, spec } = neural;
  if (neuralModel && spec) {
    const reqs = ok.map((p) => ({ series: p, origin: p.n }));
    const raw = predictRaw(neuralModel, spec, reqs);
    reqs.forEach((r, i) =>
      neuralFinal.set(r.series, toForecast(raw[i], spec as FeatureSpec)),
    );
  }
  // The trees' attributions in one batch (2^groups predictions of every final forecast).
  const tg = now();
  const gbdtDriverMap =
    wantDrivers && gbdt
      ? gbdtDrivers(gbdt.model, [...gbdt.final.keys()])
      : undefined;
  if (gbdtDriverMap) run.timings['gbdtDrivers'] = now() - tg;
  const inputs: FinalInputs = { neuralFinal, gbdt, gbdtDriverMap, wantDrivers };
  const results: SeriesResult[] = [];
  const targets: NeuralDriverTarget[] = [];
  let done = 0;
  for (const p of ok) {
    try {
      const f = forecastSeries(run, p, choice, inputs);
      results.push(f.result);
      if (f.target) targets.push(f.target);
      const id = p.input.id;
      artifacts.selection[id] = f.result.model;
      artifacts.local[id] = [...f.fits.values()].map((x) => x.params);
      artifacts.neuralMember[id] = f.nfc !== undefined;
      if (artifacts.gbdtMember) artifacts.gbdtMember[id] = f.gfc !== undefined;
    } catch (e) {
      failSeries(run, p.input.id, e);
    }
    if (++done % 500 === 0) {
      run.progress({ phase: 'forecast', done, total });
      await yieldToLoop();
    }
  }
  return { results, targets };
}

function forecastSeries(
  run: PanelRun,
  p: PreparedSeries,
  choice: Choice,
  inputs: FinalInputs,
): {
  result: SeriesResult;
  target?: NeuralDriverTarget;
  fits: Map<LocalModelName, LocalFit>;
  nfc?: Forecast;
  gfc?: Forecast;
} {
  const { wantDrivers } = inputs;
  const sel = choice.selection.get(p) as SeriesSelection;
  const fits = new Map<LocalModelName, LocalFit>();
  for (const name of p.candidates)
    fits.set(name, fitLocal(name, p.clean, run.local));
  const nfc = inputs.neuralFinal.get(p);
  const gfc = inputs.gbdt?.final.get(p);
  let model = sel.model;
  if (model === 'neural' && !nfc) model = 'ensemble';
  if (model === 'gbdt' && !gfc) model = 'ensemble';
  let forecast: Forecast;
  let drivers: DriverBreakdown | undefined;
  const memberDrivers = [...fits.values()].map(localDrivers);
  const gDrivers = gfc ? inputs.gbdtDriverMap?.get(p) : undefined;
  if (gDrivers) memberDrivers.push(gDrivers);
  if (model === 'ensemble') {
    const members = [...fits.values()].map((f) => f.forecast);
    if (nfc) members.push(nfc);
    if (gfc) members.push(gfc);
    forecast = medianEnsemble(members);
    if (wantDrivers && !nfc)
      drivers = ensembleDrivers(memberDrivers, forecast.point);
  } else if (model === 'neural') {
    forecast = nfc as Forecast;
  } else if (model === 'gbdt') {
    forecast = gfc as Forecast;
    if (wantDrivers) drivers = gDrivers;
  } else {
    const fit = fits.get(model as LocalModelName) as LocalFit;
    forecast = fit.forecast;
    if (wantDrivers) drivers = localDrivers(fit);
  }
  const { horizon: H, freq } = run;
  const result: SeriesResult = {
    id: p.input.id,
    model,
    kind: p.kind,
    dates: forecastDates(p, H, freq),
    forecast,
    backtest: sel.summary,
    backtestForecasts: backtestWindows(
      p,
      choice.keptBacktests.get(p) ?? [],
      model,
      H,
      freq,
    ),
    drivers,
  };
  choice.keptBacktests.delete(p);
  const target =
    wantDrivers && nfc && (model === 'neural' || model === 'ensemble')
      ? { result, p, members: model === 'ensemble' ? memberDrivers : undefined }
      : undefined;
  return { result, target, fits, nfc, gfc };
}

/** Step 6: neural driver attribution (batched Shapley over feature groups). */
export function attributeNeuralDrivers(
  run: PanelRun,
  neural: NeuralStage,
  targets: NeuralDriverTarget[],
): void {
  const { model, spec } = neural;
  if (!model || !spec || !targets.length) return;
  const t3 = now();
  const d = neuralDrivers(
    model,
    spec,
    targets.map((t) => ({ series: t.p, origin: t.p.n })),
  );
  targets.forEach((t, i) => {
    t.result.drivers = t.members
      ? ensembleDrivers([...t.members, d[i]], t.result.forecast.point)
      : d[i];
  });
  run.progress({
    phase: 'drivers',
    done: targets.length,
    total: targets.length,
  });
  run.timings['drivers'] = now() - t3;
}
