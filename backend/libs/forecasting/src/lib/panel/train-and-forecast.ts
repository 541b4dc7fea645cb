import type * as tf from '@tensorflow/tfjs';
import { formatIsoDay, periodDay, seasonPeriod } from '../core/calendar';
import { scoreForecast } from '../core/metrics';
import { DEFAULT_QUANTILES } from '../core/quantiles';
import {
  fitLocal,
  type LocalFit,
  type LocalModelName,
  type LocalParams,
} from '../models/local';
import {
  gbdtDrivers,
  type GbdtStageResult,
  runGbdtStage,
} from '../gbdt-candidate/stage';
import { saveNeural } from '../neural/artifacts';
import { ensureBackend } from '../neural/backend';
import { buildFeatureSpec, type FeatureSpec } from '../neural/features';
import { trainNetwork, type TrainReport } from '../neural/model';
import { resolveNeuralOptions } from '../neural/options';
import { neuralDrivers, predictRaw, toForecast } from '../neural/predict';
import type {
  DriverBreakdown,
  Forecast,
  Metrics,
  ModelName,
  Panel,
} from '../types';
import { buildCategoryProfiles, categoryForecast } from './category';
import { emptyDrivers, ensembleDrivers, localDrivers } from './drivers';
import { medianEnsemble } from './ensemble';
import {
  actualsAt,
  historyAt,
  type PreparedSeries,
  prepareSeries,
  resolveHorizon,
  scaleHistory,
} from './prepare';
import type {
  BacktestWindow,
  ForecastArtifacts,
  PanelResult,
  SeriesResult,
  TrainAndForecastOptions,
} from './result-types';
import { selectModel } from './select';

const now = (): number => Date.now() / 1000;
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export function resolveQuantiles(q?: number[]): number[] {
  const set = new Set([...(q && q.length ? q : DEFAULT_QUANTILES), 0.5]);
  return [...set].filter((x) => x > 0 && x < 1).sort((a, b) => a - b);
}

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
  const t0 = now();
  const timings: Record<string, number> = {};
  const freq = panel.frequency;
  const H = resolveHorizon(freq, options.horizon);
  const levels = resolveQuantiles(options.quantiles);
  const m = seasonPeriod(freq);
  const seed = options.seed ?? 42;
  const metric = options.selectionMetric ?? 'mase';
  const progress = options.onProgress ?? (() => undefined);
  const ctx = { period: m, horizon: H, levels, etsMaxIter: options.etsMaxIter };
  const errors: { id: string; message: string }[] = [];
  const warnings: string[] = [];
  const fail = (id: string, e: unknown): void => {
    errors.push({ id, message: e instanceof Error ? e.message : String(e) });
  };

  // 1. Validate and prepare.
  const prepared: PreparedSeries[] = [];
  panel.series.forEach((s, i) => {
    try {
      prepared.push(
        prepareSeries(s, i, {
          frequency: freq,
          horizon: H,
          origins: options.origins ?? 3,
          intermittentThreshold: options.intermittentThreshold ?? 0.3,
          minObservations: options.minObservations ?? 8,
        }),
      );
    } catch (e) {
      fail(s?.id ?? `#${i}`, e);
    }
  });
  progress({
    phase: 'prepare',
    done: prepared.length,
    total: panel.series.length,
  });
  const established = prepared.filter((p) => p.kind !== 'new');

  // 2. Local backtests: refit every candidate at every origin.
  const scores = new Map<PreparedSeries, Map<ModelName, Metrics[]>>();
  const btForecasts = new Map<PreparedSeries, Map<ModelName, Forecast>[]>();
  const broken = new Set<PreparedSeries>();
  let done = 0;
  for (const p of established) {
    try {
      const perModel = new Map<ModelName, Metrics[]>();
      const perOrigin: Map<ModelName, Forecast>[] = [];
      const firstFit = new Map<LocalModelName, LocalParams>();
      for (const origin of p.origins) {
        const hist = historyAt(p, origin);
        const actual = actualsAt(p, origin, H);
        const scaleHist = scaleHistory(p, origin);
        const fcs = new Map<ModelName, Forecast>();
        for (const name of p.candidates) {
          // ETS constants are estimated at the first origin and re-filtered at later ones.
          const fit = fitLocal(name, hist, ctx, firstFit.get(name));
          if (!firstFit.has(name)) firstFit.set(name, fit.params);
          const fc = fit.forecast;
          fcs.set(name, fc);
          push(perModel, name, scoreForecast(actual, fc, scaleHist, m));
        }
        perOrigin.push(fcs);
      }
      scores.set(p, perModel);
      btForecasts.set(p, perOrigin);
    } catch (e) {
      fail(p.input.id, e);
      broken.add(p);
    }
    if (++done % 250 === 0) {
      progress({ phase: 'backtest', done, total: established.length });
      await yieldToLoop();
    }
  }
  progress({ phase: 'backtest', done, total: established.length });
  timings['localBacktest'] = now() - t0;

  // 3. Global neural model: trained on data before each series' first origin, scored on the
  //    origins, then fine-tuned from those weights on everything for the final forecast.
  const neuralOpts =
    options.neural === false ? undefined : (options.neural ?? {});
  let backend: PanelResult['backend'] = 'none';
  let neuralModel: tf.LayersModel | undefined;
  let spec: FeatureSpec | undefined;
  const reports: { backtest?: TrainReport; final?: TrainReport } = {};
  const ok = established.filter((p) => !broken.has(p));
  if (neuralOpts && neuralOpts.enabled !== false && ok.length > 0) {
    const t1 = now();
    try {
      const ro = resolveNeuralOptions(neuralOpts, m);
      backend = await ensureBackend(ro.backend);
      ro.log(`tfjs backend: ${backend}`);
      spec = buildFeatureSpec(ok, freq, H, levels, ro);
      // One progress scale over both trainings (early stopping may skip ahead).
      const trainTotal = ro.epochs + (ro.retrainFinal ? ro.finalEpochs : 0);
      const trainPhase =
        (offset: number) =>
        (epoch: number): void =>
          progress({ phase: 'train', done: offset + epoch, total: trainTotal });
      const bt = await trainNetwork(
        spec,
        ok,
        (p) => p.origins[0] ?? p.n,
        ro,
        seed,
        trainPhase(0),
      );
      reports.backtest = bt.report;
      const reqs = ok.flatMap((p) =>
        p.origins.map((origin) => ({ series: p, origin })),
      );
      const raw = predictRaw(bt.model, spec, reqs);
      reqs.forEach((r, i) => {
        const fc = toForecast(raw[i], spec as FeatureSpec);
        const k = r.series.origins.indexOf(r.origin);
        btForecasts.get(r.series)?.[k].set('neural', fc);
        const sc = scores.get(r.series);
        if (sc)
          push(
            sc,
            'neural',
            scoreForecast(
              actualsAt(r.series, r.origin, H),
              fc,
              scaleHistory(r.series, r.origin),
              m,
            ),
          );
      });
      timings['neuralBacktest'] = now() - t1;
      if (ro.retrainFinal && ro.finalEpochs > 0) {
        // Warm start: the backtest model already learned the panel; a few epochs on windows up
        // to the end of the history bring in the latest data at a fraction of a full training.
        const fin = await trainNetwork(
          spec,
          ok,
          (p) => p.n,
          { ...ro, epochs: ro.finalEpochs, learningRate: ro.learningRate / 2 },
          seed + 1,
          trainPhase(ro.epochs),
          bt.model,
        );
        bt.model.dispose();
        reports.final = fin.report;
        neuralModel = fin.model;
      } else {
        neuralModel = bt.model;
      }
      timings['neuralFinalTrain'] = now() - t1 - timings['neuralBacktest'];
    } catch (e) {
      warnings.push(
        `neural model skipped: ${e instanceof Error ? e.message : String(e)}`,
      );
      neuralModel = undefined;
    }
  }

  // 3b. Global GBDT candidate: same protocol as the neural model (backtest model on data before
  //     each series' first origin, scored on the origins; final model on everything).
  let gbdt: GbdtStageResult | undefined;
  if (options.gbdt !== false && options.gbdt?.enabled !== false && ok.length) {
    const t1 = now();
    try {
      await yieldToLoop();
      gbdt = runGbdtStage(ok, freq, H, levels, seed, options.gbdt ?? {});
      for (const p of ok) {
        const fcs = gbdt.backtest.get(p) ?? [];
        const sc = scores.get(p);
        fcs.forEach((fc, k) => {
          btForecasts.get(p)?.[k]?.set('gbdt', fc);
          if (sc)
            push(
              sc,
              'gbdt',
              scoreForecast(
                actualsAt(p, p.origins[k], H),
                fc,
                scaleHistory(p, p.origins[k]),
                m,
              ),
            );
        });
      }
      timings['gbdtBacktest'] = gbdt.seconds.backtest;
      timings['gbdtFinalTrain'] = gbdt.seconds.final;
    } catch (e) {
      warnings.push(
        `gbdt model skipped: ${e instanceof Error ? e.message : String(e)}`,
      );
      gbdt = undefined;
    }
    timings['gbdt'] = now() - t1;
  }

  // 4. Ensemble backtest (median of all scored members) and selection.
  const t2 = now();
  const selection = new Map<
    PreparedSeries,
    { model: ModelName; summary: Partial<Record<ModelName, Metrics>> }
  >();
  // Per origin, the selected model's and the ensemble's backtest forecasts (step 5 may still
  // switch a neural pick to the ensemble); everything else is dropped here to bound memory.
  const keptBacktests = new Map<PreparedSeries, Map<ModelName, Forecast>[]>();
  for (const p of ok) {
    const sc = scores.get(p) as Map<ModelName, Metrics[]>;
    const perOrigin = btForecasts.get(p) ?? [];
    perOrigin.forEach((fcs, k) => {
      if (fcs.size < 2) return;
      const ens = medianEnsemble([...fcs.values()]);
      fcs.set('ensemble', ens);
      push(
        sc,
        'ensemble',
        scoreForecast(
          actualsAt(p, p.origins[k], H),
          ens,
          scaleHistory(p, p.origins[k]),
          m,
        ),
      );
    });
    btForecasts.delete(p);
    const s = selectModel(sc, metric);
    const fallback: ModelName =
      (neuralModel || gbdt) && p.kind === 'regular'
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

  // 5. Final fits and forecasts.
  const finalNeural = new Map<PreparedSeries, Forecast>();
  if (neuralModel && spec) {
    const reqs = ok.map((p) => ({ series: p, origin: p.n }));
    const raw = predictRaw(neuralModel, spec, reqs);
    reqs.forEach((r, i) =>
      finalNeural.set(r.series, toForecast(raw[i], spec as FeatureSpec)),
    );
  }
  const results: SeriesResult[] = [];
  const artifacts: ForecastArtifacts = {
    version: 1,
    frequency: freq,
    horizon: H,
    quantiles: levels,
    selection: {},
    local: {},
    neuralMember: {},
    categoryProfiles: {},
    ...(gbdt ? { gbdt: gbdt.model, gbdtMember: {} } : {}),
  };
  const wantDrivers = options.drivers !== false;
  // The trees' attributions in one batch (2^groups predictions of every final forecast).
  const tg = now();
  const gbdtDriverMap =
    wantDrivers && gbdt
      ? gbdtDrivers(gbdt.model, [...gbdt.final.keys()])
      : undefined;
  if (gbdtDriverMap) timings['gbdtDrivers'] = now() - tg;
  const neuralDriverTargets: {
    result: SeriesResult;
    p: PreparedSeries;
    members?: DriverBreakdown[];
  }[] = [];
  done = 0;
  for (const p of ok) {
    try {
      const sel = selection.get(p) as {
        model: ModelName;
        summary: Partial<Record<ModelName, Metrics>>;
      };
      const fits = new Map<LocalModelName, LocalFit>();
      for (const name of p.candidates)
        fits.set(name, fitLocal(name, p.clean, ctx));
      const nfc = finalNeural.get(p);
      const gfc = gbdt?.final.get(p);
      let model = sel.model;
      if (model === 'neural' && !nfc) model = 'ensemble';
      if (model === 'gbdt' && !gfc) model = 'ensemble';
      let forecast: Forecast;
      let drivers: DriverBreakdown | undefined;
      const memberDrivers = [...fits.values()].map(localDrivers);
      const gDrivers = gfc ? gbdtDriverMap?.get(p) : undefined;
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
      const result: SeriesResult = {
        id: p.input.id,
        model,
        kind: p.kind,
        dates: dates(p, H, freq),
        forecast,
        backtest: sel.summary,
        backtestForecasts: backtestWindows(
          p,
          keptBacktests.get(p) ?? [],
          model,
          H,
          freq,
        ),
        drivers,
      };
      keptBacktests.delete(p);
      results.push(result);
      if (wantDrivers && nfc && (model === 'neural' || model === 'ensemble')) {
        neuralDriverTargets.push({
          result,
          p,
          members: model === 'ensemble' ? memberDrivers : undefined,
        });
      }
      artifacts.selection[p.input.id] = model;
      artifacts.local[p.input.id] = [...fits.values()].map((f) => f.params);
      artifacts.neuralMember[p.input.id] = nfc !== undefined;
      if (artifacts.gbdtMember)
        artifacts.gbdtMember[p.input.id] = gfc !== undefined;
    } catch (e) {
      fail(p.input.id, e);
    }
    if (++done % 500 === 0) {
      progress({ phase: 'forecast', done, total: prepared.length });
      await yieldToLoop();
    }
  }
  timings['finalForecast'] = now() - t2;

  // 6. Neural driver attribution (batched Shapley over feature groups).
  if (neuralModel && spec && neuralDriverTargets.length) {
    const t3 = now();
    const d = neuralDrivers(
      neuralModel,
      spec,
      neuralDriverTargets.map((t) => ({ series: t.p, origin: t.p.n })),
    );
    neuralDriverTargets.forEach((t, i) => {
      t.result.drivers = t.members
        ? ensembleDrivers([...t.members, d[i]], t.result.forecast.point)
        : d[i];
    });
    progress({
      phase: 'drivers',
      done: neuralDriverTargets.length,
      total: neuralDriverTargets.length,
    });
    timings['drivers'] = now() - t3;
  }

  // 7. Brand-new series: category profile x level prior.
  const byId = new Map(results.map((r) => [r.id, r]));
  artifacts.categoryProfiles = buildCategoryProfiles(
    ok
      .filter((p) => byId.has(p.input.id))
      .map((p) => ({
        series: p,
        forecast: (byId.get(p.input.id) as SeriesResult).forecast,
      })),
    Math.max(m, H),
  );
  for (const p of prepared.filter((q) => q.kind === 'new')) {
    try {
      const { forecast } = categoryForecast(
        p,
        artifacts.categoryProfiles,
        levels,
        H,
      );
      const drivers = emptyDrivers(H);
      drivers.level.set(forecast.point);
      results.push({
        id: p.input.id,
        model: 'category-profile',
        kind: 'new',
        dates: dates(p, H, freq),
        forecast,
        backtest: {},
        backtestForecasts: [],
        drivers: wantDrivers ? drivers : undefined,
      });
      artifacts.selection[p.input.id] = 'category-profile';
    } catch (e) {
      fail(p.input.id, e);
    }
  }
  if (neuralModel && spec) {
    artifacts.neural = await saveNeural(neuralModel, spec);
    neuralModel.dispose();
  }
  progress({
    phase: 'forecast',
    done: prepared.length,
    total: prepared.length,
  });
  timings['total'] = now() - t0;
  return {
    frequency: freq,
    horizon: H,
    quantiles: levels,
    series: results,
    errors,
    warnings,
    backend,
    neural: reports,
    gbdt: gbdt?.reports,
    artifacts,
    timings,
  };
}

function push<K>(map: Map<K, Metrics[]>, key: K, m: Metrics): void {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}

function dates(
  p: PreparedSeries,
  h: number,
  freq: Panel['frequency'],
  from = p.n,
): string[] {
  return Array.from({ length: h }, (_, i) =>
    formatIsoDay(periodDay(freq, p.startDay, from + i)),
  );
}

/** The chosen model's forecast at each origin it was scored on, with P10/P90 (nearest levels). */
function backtestWindows(
  p: PreparedSeries,
  perOrigin: Map<ModelName, Forecast>[],
  model: ModelName,
  h: number,
  freq: Panel['frequency'],
): BacktestWindow[] {
  const out: BacktestWindow[] = [];
  perOrigin.forEach((fcs, k) => {
    const fc = fcs.get(model);
    const origin = p.origins[k];
    if (!fc || origin === undefined) return;
    const steps = dates(p, h, freq, origin);
    out.push({
      origin,
      start: steps[0],
      dates: steps,
      p50: fc.point,
      p10: nearestLevel(fc, 0.1),
      p90: nearestLevel(fc, 0.9),
    });
  });
  return out;
}

function nearestLevel(fc: Forecast, q: number): Float64Array {
  let best = -1;
  fc.levels.forEach((l, k) => {
    if (best < 0 || Math.abs(l - q) < Math.abs(fc.levels[best] - q)) best = k;
  });
  return fc.values[best] ?? fc.point;
}
