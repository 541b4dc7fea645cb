import * as tf from '@tensorflow/tfjs';
import { finalizeForecast } from '../core/quantiles';
import { emptyDrivers, shapleyValues } from '../panel/drivers';
import type { PreparedSeries } from '../panel/prepare';
import type { CovariateGroup, DriverBreakdown, Forecast } from '../types';
import {
  type FeatureSpec,
  type OcclusionGroup,
  occlusionColumns,
  writeFeatures,
} from './features';

export interface PredictRequest {
  series: PreparedSeries;
  origin: number;
  occlude?: ReadonlySet<OcclusionGroup>;
}

/** tfjs-wasm is slow with small batches, so rows are predicted in large blocks. */
export const PREDICT_BATCH = 50_000;

/** Model outputs for `rows` feature rows of `x` (row-major, width `D`), [rows * H*Q]. */
function predictMatrix(
  model: tf.LayersModel,
  x: Float32Array,
  rows: number,
  D: number,
): Float32Array {
  // One apply over the block (predict would slice it into batches, and the wasm slice kernel
  // copies the whole input per batch). The output is read outside tf.tidy, which walks its return
  // value element by element.
  const yt = tf.tidy(
    () =>
      model.apply(tf.tensor2d(x.subarray(0, rows * D), [rows, D])) as tf.Tensor,
  );
  const y = yt.dataSync() as Float32Array;
  yt.dispose();
  return y;
}

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
    const y = predictMatrix(model, x, chunk.length, D);
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
  const out: DriverBreakdown[] = [];
  const perChunk = Math.max(1, Math.floor(PREDICT_BATCH / subsets));
  const D = spec.width;
  const HQ = H * Q;
  // Each target's features are written twice (nothing / everything occluded); every subset's row
  // is the full row with the absent groups' columns taken from the occluded one.
  const cols = occlusionColumns(spec);
  const ranges = groups.map((grp) => cols.get(grp) ?? []);
  const full = new Float32Array(D);
  const neutral = new Float32Array(D);
  const all = new Set<OcclusionGroup>(groups);
  const x = new Float32Array(Math.min(targets.length, perChunk) * subsets * D);
  for (let from = 0; from < targets.length; from += perChunk) {
    const chunk = targets.slice(from, from + perChunk);
    const scales = new Float64Array(chunk.length);
    chunk.forEach((t, ci) => {
      scales[ci] = writeFeatures(spec, t.series, t.origin, full);
      writeFeatures(spec, t.series, t.origin, neutral, all);
      for (let s = 0; s < subsets; s++) {
        const base = (ci * subsets + s) * D;
        x.set(full, base);
        ranges.forEach((rs, i) => {
          if (s & (1 << i)) return;
          for (const [a, b] of rs) x.set(neutral.subarray(a, b), base + a);
        });
      }
    });
    const y = predictMatrix(model, x, chunk.length * subsets, D);
    chunk.forEach((_, ci) => {
      const v = (s: number, h: number): number =>
        y[(ci * subsets + s) * HQ + h * Q + mid] * scales[ci];
      const d = emptyDrivers(H);
      for (let h = 0; h < H; h++) {
        d.level[h] = v(0, h);
        const phi = shapleyValues(g, (s) => v(s, h));
        groups.forEach((grp, i) => (d[grp][h] = phi[i]));
      }
      out.push(d);
    });
  }
  return out;
}
