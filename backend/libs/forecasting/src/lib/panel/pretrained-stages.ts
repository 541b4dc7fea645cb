import { applyGbdtStage, type GbdtStageResult } from '../gbdt-candidate/stage';
import { loadNeural } from '../neural/artifacts';
import { ensureBackend } from '../neural/backend';
import { predictRaw, toForecast } from '../neural/predict';
import type { NeuralStage } from './global-candidates';
import { type LocalBacktest, recordBacktest } from './local-backtest';
import type { PreparedSeries } from './prepare';
import type { GlobalModels } from './result-types';
import { now, type PanelRun, yieldToLoop } from './run-context';

/** Rejects global models fitted for another frequency, horizon or quantile set. */
export function checkPretrained(run: PanelRun, g: GlobalModels): void {
  const same =
    g.frequency === run.freq &&
    g.horizon === run.horizon &&
    g.quantiles.length === run.levels.length &&
    g.quantiles.every((q, i) => q === run.levels[i]);
  if (!same)
    throw new Error(
      `pretrained global models are for ${g.frequency}/H=${g.horizon}/[${g.quantiles.join(',')}], the run is ${run.freq}/H=${run.horizon}/[${run.levels.join(',')}]`,
    );
}

/**
 * Step 3 with the run's global neural models: backtest forecasts from the backtest model, final
 * forecasts (later) from the final model. Nothing is trained, so a series' forecasts depend only
 * on its own data and the models.
 */
export async function pretrainedNeuralStage(
  run: PanelRun,
  ok: PreparedSeries[],
  g: GlobalModels,
  bt: LocalBacktest,
): Promise<NeuralStage> {
  const out: NeuralStage = { backend: 'none', reports: {} };
  if (!g.neural || ok.length === 0) return out;
  const t1 = now();
  out.backend = await ensureBackend();
  out.reports = g.neural.reports;
  const spec = g.neural.final.spec;
  const backtest = await loadNeural(g.neural.backtest);
  try {
    const reqs = ok.flatMap((p) =>
      p.origins.map((origin) => ({ series: p, origin })),
    );
    const raw = predictRaw(backtest, g.neural.backtest.spec, reqs);
    reqs.forEach((r, i) => {
      const k = r.series.origins.indexOf(r.origin);
      recordBacktest(run, bt, r.series, k, 'neural', toForecast(raw[i], spec));
    });
  } finally {
    backtest.dispose();
  }
  out.model = await loadNeural(g.neural.final);
  out.spec = spec;
  run.timings['neuralBacktest'] = now() - t1;
  return out;
}

/** Step 3b with the run's global GBDT models (see `applyGbdtStage`). */
export async function pretrainedGbdtStage(
  run: PanelRun,
  ok: PreparedSeries[],
  g: GlobalModels,
  bt: LocalBacktest,
): Promise<GbdtStageResult | undefined> {
  if (!g.gbdt || !ok.length) return undefined;
  const t1 = now();
  await yieldToLoop();
  const gbdt = applyGbdtStage(
    ok,
    g.gbdt.backtest,
    g.gbdt.final,
    g.gbdt.reports,
  );
  for (const p of ok) {
    const fcs = gbdt.backtest.get(p) ?? [];
    fcs.forEach((fc, k) => recordBacktest(run, bt, p, k, 'gbdt', fc));
  }
  run.timings['gbdt'] = now() - t1;
  return gbdt;
}
