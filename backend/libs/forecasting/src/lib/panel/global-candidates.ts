import type * as tf from '@tensorflow/tfjs';
import { type GbdtStageResult, runGbdtStage } from '../gbdt-candidate/stage';
import { ensureBackend } from '../neural/backend';
import { type NeuralArtifact, saveNeural } from '../neural/artifacts';
import { buildFeatureSpec, type FeatureSpec } from '../neural/features';
import { trainNetwork, type TrainReport } from '../neural/model';
import { resolveNeuralOptions } from '../neural/options';
import { predictRaw, toForecast } from '../neural/predict';
import { type LocalBacktest, recordBacktest } from './local-backtest';
import type { PreparedSeries } from './prepare';
import type { PanelResult, TrainAndForecastOptions } from './result-types';
import { now, type PanelRun, yieldToLoop } from './run-context';

export interface NeuralStage {
  backend: PanelResult['backend'];
  /** The model for the final forecast; undefined when disabled or when training failed. */
  model?: tf.LayersModel;
  spec?: FeatureSpec;
  reports: { backtest?: TrainReport; final?: TrainReport };
  /** The backtest model's weights, kept only when the caller asked (a run's global step). */
  backtestArtifact?: NeuralArtifact;
}

/**
 * Step 3: the global neural model, trained on data before each series' first origin, scored on
 * the origins, then fine-tuned from those weights on everything for the final forecast. A failure
 * is a warning: the run goes on with the other candidates.
 */
export async function neuralStage(
  run: PanelRun,
  ok: PreparedSeries[],
  options: TrainAndForecastOptions['neural'],
  bt: LocalBacktest,
  keepBacktest = false,
): Promise<NeuralStage> {
  const out: NeuralStage = { backend: 'none', reports: {} };
  const neuralOpts = options === false ? undefined : (options ?? {});
  if (!neuralOpts || neuralOpts.enabled === false || ok.length === 0)
    return out;
  const { progress, timings, seed } = run;
  const t1 = now();
  try {
    const ro = resolveNeuralOptions(neuralOpts, run.period);
    out.backend = await ensureBackend(ro.backend);
    ro.log(`tfjs backend: ${out.backend}`);
    const spec = buildFeatureSpec(ok, run.freq, run.horizon, run.levels, ro);
    out.spec = spec;
    // One progress scale over both trainings (early stopping may skip ahead).
    const trainTotal = ro.epochs + (ro.retrainFinal ? ro.finalEpochs : 0);
    const trainPhase =
      (offset: number) =>
      (epoch: number): void =>
        progress({ phase: 'train', done: offset + epoch, total: trainTotal });
    const backtest = await trainNetwork(
      spec,
      ok,
      (p) => p.origins[0] ?? p.n,
      ro,
      seed,
      trainPhase(0),
    );
    out.reports.backtest = backtest.report;
    const reqs = ok.flatMap((p) =>
      p.origins.map((origin) => ({ series: p, origin })),
    );
    const raw = predictRaw(backtest.model, spec, reqs);
    reqs.forEach((r, i) => {
      const k = r.series.origins.indexOf(r.origin);
      recordBacktest(run, bt, r.series, k, 'neural', toForecast(raw[i], spec));
    });
    timings['neuralBacktest'] = now() - t1;
    if (keepBacktest)
      out.backtestArtifact = await saveNeural(backtest.model, spec);
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
        backtest.model,
      );
      backtest.model.dispose();
      out.reports.final = fin.report;
      out.model = fin.model;
    } else {
      out.model = backtest.model;
    }
    timings['neuralFinalTrain'] = now() - t1 - timings['neuralBacktest'];
  } catch (e) {
    run.warnings.push(
      `neural model skipped: ${e instanceof Error ? e.message : String(e)}`,
    );
    out.model = undefined;
  }
  return out;
}

/**
 * Step 3b: the global GBDT candidate, same protocol as the neural model (backtest model on data
 * before each series' first origin, scored on the origins; final model on everything).
 */
export async function gbdtStage(
  run: PanelRun,
  ok: PreparedSeries[],
  options: TrainAndForecastOptions['gbdt'],
  bt: LocalBacktest,
): Promise<GbdtStageResult | undefined> {
  if (options === false || options?.enabled === false || !ok.length)
    return undefined;
  const t1 = now();
  let gbdt: GbdtStageResult | undefined;
  try {
    await yieldToLoop();
    gbdt = runGbdtStage(
      ok,
      run.freq,
      run.horizon,
      run.levels,
      run.seed,
      options ?? {},
    );
    for (const p of ok) {
      const fcs = gbdt.backtest.get(p) ?? [];
      fcs.forEach((fc, k) => recordBacktest(run, bt, p, k, 'gbdt', fc));
    }
    run.timings['gbdtBacktest'] = gbdt.seconds.backtest;
    run.timings['gbdtFinalTrain'] = gbdt.seconds.final;
  } catch (e) {
    run.warnings.push(
      `gbdt model skipped: ${e instanceof Error ? e.message : String(e)}`,
    );
    gbdt = undefined;
  }
  run.timings['gbdt'] = now() - t1;
  return gbdt;
}
