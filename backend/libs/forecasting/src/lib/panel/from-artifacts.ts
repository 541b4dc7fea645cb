import type * as tf from '@tensorflow/tfjs';
import { formatIsoDay, periodDay } from '../core/calendar';
import { predictGbdtCandidate } from '../gbdt-candidate/model';
import { forecastLocal } from '../models/local';
import { loadNeural } from '../neural/artifacts';
import { ensureBackend } from '../neural/backend';
import { predictRaw, toForecast } from '../neural/predict';
import type { Forecast, ModelName, Panel } from '../types';
import { categoryForecast } from './category';
import { medianEnsemble } from './ensemble';
import { type PreparedSeries, prepareSeries } from './prepare';
import type { ForecastArtifacts } from './result-types';

export interface ArtifactForecast {
  id: string;
  model: ModelName;
  dates: string[];
  forecast: Forecast;
}

/**
 * Forecasts from saved artifacts without retraining. Local models continue from their saved final
 * states; the neural model is reloaded from its weights and reads the panel's current history and
 * known-future covariates. Series missing from the artifacts are reported as errors.
 */
export async function forecastFromArtifacts(
  panel: Panel,
  artifacts: ForecastArtifacts,
): Promise<{
  series: ArtifactForecast[];
  errors: { id: string; message: string }[];
}> {
  const H = artifacts.horizon;
  const levels = artifacts.quantiles;
  const errors: { id: string; message: string }[] = [];
  const prepared: PreparedSeries[] = [];
  panel.series.forEach((s, i) => {
    try {
      if (!(s.id in artifacts.selection))
        throw new Error('series not in the artifacts');
      prepared.push(
        prepareSeries(s, i, {
          frequency: artifacts.frequency,
          horizon: H,
          origins: 0,
          intermittentThreshold: 1,
          minObservations: 0,
        }),
      );
    } catch (e) {
      errors.push({
        id: s.id,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  });
  const neuralFc = new Map<string, Forecast>();
  const needNeural = prepared.filter((p) => artifacts.neuralMember[p.input.id]);
  if (artifacts.neural && needNeural.length) {
    await ensureBackend();
    const model: tf.LayersModel = await loadNeural(artifacts.neural);
    const spec = artifacts.neural.spec;
    const raw = predictRaw(
      model,
      spec,
      needNeural.map((p) => ({ series: p, origin: p.n })),
    );
    needNeural.forEach((p, i) =>
      neuralFc.set(p.input.id, toForecast(raw[i], spec)),
    );
    model.dispose();
  }
  const gbdtFc = new Map<string, Forecast>();
  const needGbdt = prepared.filter((p) => artifacts.gbdtMember?.[p.input.id]);
  if (artifacts.gbdt && needGbdt.length) {
    const fcs = predictGbdtCandidate(
      artifacts.gbdt,
      needGbdt.map((p) => ({ series: p, origin: p.n })),
    );
    needGbdt.forEach((p, i) => gbdtFc.set(p.input.id, fcs[i]));
  }
  const out: ArtifactForecast[] = [];
  for (const p of prepared) {
    const id = p.input.id;
    try {
      const model = artifacts.selection[id];
      let forecast: Forecast;
      if (model === 'category-profile') {
        forecast = categoryForecast(
          p,
          artifacts.categoryProfiles,
          levels,
          H,
        ).forecast;
      } else if (model === 'neural') {
        const f = neuralFc.get(id);
        if (!f) throw new Error('neural model missing from artifacts');
        forecast = f;
      } else if (model === 'gbdt') {
        const f = gbdtFc.get(id);
        if (!f) throw new Error('gbdt model missing from artifacts');
        forecast = f;
      } else {
        const locals = (artifacts.local[id] ?? []).map((params) =>
          forecastLocal(params, H, levels),
        );
        if (model === 'ensemble') {
          const members = locals.map((l) => l.forecast);
          const f = neuralFc.get(id);
          if (f) members.push(f);
          const g = gbdtFc.get(id);
          if (g) members.push(g);
          forecast = medianEnsemble(members);
        } else {
          const l = locals.find((x) => x.params.model === model);
          if (!l)
            throw new Error(`parameters of ${model} missing from artifacts`);
          forecast = l.forecast;
        }
      }
      const dates = Array.from({ length: H }, (_, i) =>
        formatIsoDay(periodDay(artifacts.frequency, p.startDay, p.n + i)),
      );
      out.push({ id, model, dates, forecast });
    } catch (e) {
      errors.push({ id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { series: out, errors };
}
