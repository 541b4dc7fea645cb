import * as tf from '@tensorflow/tfjs';
import { finalizeForecast } from '../core/quantiles';
import type { PreparedSeries } from '../panel/prepare';
import type { CovariateGroup, DriverBreakdown, Forecast } from '../types';
import {
  type FeatureSpec,
  type OcclusionGroup,
  writeFeatures,
} from './features';

export interface PredictRequest {
  series: PreparedSeries;
  origin: number;
  occlude?: ReadonlySet<OcclusionGroup>;
}

/** tfjs-wasm is slow with small batches, so rows are predicted in large blocks. */
export const PREDICT_BATCH = 50_000;

/** Raw outputs rescaled to units: `out[r]` is [H*Q] step-major (before clipping/sorting). */
export function predictRaw(
  model: tf.LayersModel,
  spec: FeatureSpec,
  reqs: PredictRequest[],
): Float32Array[] {
  const D = spec.width;
  const HQ = spec.horizon * spec.quantiles.length;
  const out: Float32Array[] = [];
  for (let from = 0; from < reqs.length; from += PREDICT_BATCH) {
    const chunk = reqs.slice(from, from + PREDICT_BATCH);
    const x = new Float32Array(chunk.length * D);
    const scales = chunk.map((r, i) =>
      writeFeatures(
        spec,
        r.series,
        r.origin,
        x.subarray(i * D, (i + 1) * D),
        r.occlude,
      ),
    );
    const y = tf.tidy(() =>
      (
        model.predict(tf.tensor2d(x, [chunk.length, D]), {
          batchSize: PREDICT_BATCH,
        }) as tf.Tensor
      ).dataSync(),
    );
    chunk.forEach((_, i) => {
      const row = new Float32Array(HQ);
      for (let j = 0; j < HQ; j++) row[j] = y[i * HQ + j] * scales[i];
      out.push(row);
    });
  }
  return out;
}

export function toForecast(raw: Float32Array, spec: FeatureSpec): Forecast {
  const H = spec.horizon;
  const Q = spec.quantiles.length;
  const values = spec.quantiles.map((_, k) =>
    Float64Array.from({ length: H }, (_, h) => raw[h * Q + k]),
  );
  const mid = spec.quantiles.indexOf(0.5);
  const point =
    mid >= 0
      ? Float64Array.from(values[mid])
      : Float64Array.from({ length: H }, (_, h) => median(values, h));
  return finalizeForecast({ point, levels: [...spec.quantiles], values });
}

function median(values: Float64Array[], h: number): number {
  const col = values.map((v) => v[h]).sort((a, b) => a - b);
  return col[Math.floor(col.length / 2)];
}

/** Groups the attribution distinguishes for this spec (only covariate groups present in it). */
export function attributionGroups(spec: FeatureSpec): OcclusionGroup[] {
  const groups: OcclusionGroup[] = ['seasonality'];
  const order: CovariateGroup[] = ['price', 'promotion', 'market', 'event'];
  for (const g of order)
    if (spec.covariates.some((c) => c.group === g)) groups.push(g);
  return groups;
}

/**
 * Exact Shapley attribution over feature groups by occlusion: v(S) is the P50 with the groups in S
 * present and all others replaced by neutral values; `level` is v(empty set) and each group gets
 * its Shapley value, so the parts sum to the unclipped P50 of the full model at every step.
 */
export function neuralDrivers(
  model: tf.LayersModel,
  spec: FeatureSpec,
  targets: { series: PreparedSeries; origin: number }[],
): DriverBreakdown[] {
  const groups = attributionGroups(spec);
  const g = groups.length;
  const subsets = 1 << g;
  const H = spec.horizon;
  const Q = spec.quantiles.length;
  const mid = Math.max(0, spec.quantiles.indexOf(0.5));
  const fact = [1];
  for (let i = 1; i <= g; i++) fact.push(fact[i - 1] * i);
  const out: DriverBreakdown[] = [];
  const perChunk = Math.max(1, Math.floor(PREDICT_BATCH / subsets));
  for (let from = 0; from < targets.length; from += perChunk) {
    const chunk = targets.slice(from, from + perChunk);
    const reqs: PredictRequest[] = [];
    for (const t of chunk) {
      for (let s = 0; s < subsets; s++) {
        const occ = new Set<OcclusionGroup>(
          groups.filter((_, i) => (s & (1 << i)) === 0),
        );
        reqs.push({ ...t, occlude: occ });
      }
    }
    const raw = predictRaw(model, spec, reqs);
    chunk.forEach((_, ci) => {
      const v = (s: number, h: number): number =>
        raw[ci * subsets + s][h * Q + mid];
      const d: DriverBreakdown = {
        level: new Float64Array(H),
        seasonality: new Float64Array(H),
        price: new Float64Array(H),
        promotion: new Float64Array(H),
        market: new Float64Array(H),
        event: new Float64Array(H),
      };
      for (let h = 0; h < H; h++) {
        d.level[h] = v(0, h);
        groups.forEach((grp, i) => {
          let phi = 0;
          for (let s = 0; s < subsets; s++) {
            if (s & (1 << i)) continue;
            let size = 0;
            for (let b = s; b; b &= b - 1) size++;
            phi +=
              ((fact[size] * fact[g - size - 1]) / fact[g]) *
              (v(s | (1 << i), h) - v(s, h));
          }
          d[grp][h] = phi;
        });
      }
      out.push(d);
    });
  }
  return out;
}
