import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../core/random';
import type { PreparedSeries } from '../panel/prepare';
import type { ResolvedNeuralOptions } from './options';
import { type FeatureSpec, writeFeatures, writeTargets } from './features';

/** Rows (series, origin) as parallel arrays. */
export interface WindowSet {
  series: Int32Array;
  origin: Int32Array;
}

/**
 * Every training window of the panel, without listing them: series `si` has windows at origins
 * minOrigin .. minOrigin + count - 1 (whole horizon before the validation horizon); `cum` holds
 * the running counts so a uniform draw over (series, time) is a binary search.
 */
export interface WindowPool {
  minOrigin: number;
  series: Int32Array;
  cum: Float64Array;
  total: number;
  validation: WindowSet;
}

/**
 * Training windows are origins whose whole horizon lies before each series' cutoff. The last
 * horizon before the cutoff is the time-based validation split (one window per series); training
 * windows end before it.
 */
export function windowPool(
  series: PreparedSeries[],
  cutoff: (p: PreparedSeries) => number,
  spec: FeatureSpec,
): WindowPool {
  const H = spec.horizon;
  const minOrigin = Math.max(2, Math.ceil(spec.lagWindow / 2));
  const si: number[] = [];
  const cum: number[] = [];
  const vs: number[] = [];
  const vo: number[] = [];
  let total = 0;
  series.forEach((p, i) => {
    const c = cutoff(p);
    const count = c - 2 * H - minOrigin + 1;
    if (count > 0) {
      total += count;
      si.push(i);
      cum.push(total);
    }
    if (c - H >= minOrigin) {
      vs.push(i);
      vo.push(c - H);
    }
  });
  return {
    minOrigin,
    series: Int32Array.from(si),
    cum: Float64Array.from(cum),
    total,
    validation: { series: Int32Array.from(vs), origin: Int32Array.from(vo) },
  };
}

/**
 * One epoch's training sample, in training order: a seeded uniform draw (with replacement) of
 * `count` windows over all series and origins, so an epoch costs the same for 1,000 or 100,000
 * series and every epoch sees fresh windows. A pool smaller than `count` is used whole, shuffled.
 */
export function drawWindows(
  pool: WindowPool,
  count: number,
  rand: () => number,
  out: WindowSet,
): number {
  if (pool.total <= count) {
    let r = 0;
    for (let k = 0; k < pool.series.length; k++) {
      const n = pool.cum[k] - (k > 0 ? pool.cum[k - 1] : 0);
      for (let j = 0; j < n; j++, r++) {
        out.series[r] = pool.series[k];
        out.origin[r] = pool.minOrigin + j;
      }
    }
    // Fisher-Yates over the pairs.
    for (let i = r - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const ts = out.series[i];
      const to = out.origin[i];
      out.series[i] = out.series[j];
      out.origin[i] = out.origin[j];
      out.series[j] = ts;
      out.origin[j] = to;
    }
    return r;
  }
  const { cum } = pool;
  for (let r = 0; r < count; r++) {
    const u = Math.floor(rand() * pool.total);
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out.series[r] = pool.series[lo];
    out.origin[r] = pool.minOrigin + u - (lo > 0 ? cum[lo - 1] : 0);
  }
  return count;
}

/** Feature rows, scaled targets and target masks, reused across epochs (no per-batch copies). */
interface Matrix {
  x: Float32Array;
  y: Float32Array;
  mask: Float32Array;
  rows: number;
}

function allocMatrix(spec: FeatureSpec, capacity: number): Matrix {
  return {
    x: new Float32Array(capacity * spec.width),
    y: new Float32Array(capacity * spec.horizon),
    mask: new Float32Array(capacity * spec.horizon),
    rows: 0,
  };
}

function materialise(
  spec: FeatureSpec,
  series: PreparedSeries[],
  w: WindowSet,
  rows: number,
  m: Matrix,
): Matrix {
  const D = spec.width;
  const H = spec.horizon;
  for (let r = 0; r < rows; r++) {
    const p = series[w.series[r]];
    const o = w.origin[r];
    const scale = writeFeatures(spec, p, o, m.x.subarray(r * D, (r + 1) * D));
    writeTargets(
      p,
      o,
      H,
      scale,
      m.y.subarray(r * H, (r + 1) * H),
      m.mask.subarray(r * H, (r + 1) * H),
    );
  }
  m.rows = rows;
  return m;
}

export function buildNetwork(
  spec: FeatureSpec,
  hidden: number[],
  seed: number,
): tf.Sequential {
  const model = tf.sequential();
  hidden.forEach((units, i) =>
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        inputShape: i === 0 ? [spec.width] : undefined,
        kernelInitializer: tf.initializers.heNormal({ seed: seed + i }),
      }),
    ),
  );
  model.add(
    tf.layers.dense({
      units: spec.horizon * spec.quantiles.length,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 101 }),
      // Start every output at the current level (targets are scaled by it).
      biasInitializer: tf.initializers.constant({ value: 1 }),
    }),
  );
  return model;
}

/** Mean pinball loss over valid targets; pred is [b, H*Q] laid out step-major; q is [1, 1, Q]. */
function pinballLoss(
  pred: tf.Tensor2D,
  y: tf.Tensor2D,
  mask: tf.Tensor2D,
  q: tf.Tensor3D,
): tf.Scalar {
  const b = y.shape[0];
  const H = y.shape[1];
  const Q = q.shape[2];
  const p = pred.reshape([b, H, Q]);
  const diff = y.reshape([b, H, 1]).sub(p);
  const loss = tf.maximum(diff.mul(q), diff.mul(q.sub(1)));
  const m = mask.reshape([b, H, 1]);
  return loss.mul(m).sum().div(m.sum().mul(Q).add(1e-9)) as tf.Scalar;
}

export interface TrainReport {
  /** Training windows drawn per epoch. */
  windows: number;
  /** All training windows available (the epoch sample is drawn from these). */
  windowsAvailable: number;
  validationWindows: number;
  epochs: number;
  /** Epoch whose weights were kept (0 = the warm-start weights were not improved on). */
  bestEpoch: number;
  bestValidationLoss: number;
  /** True when training continued from another model's weights. */
  warmStart: boolean;
}

const EVAL_BATCH = 50_000;

/**
 * Trains with Adam on pinball loss, each epoch on a fresh seeded sample of `o.maxWindows` windows,
 * evaluating the validation split after each epoch and restoring the best weights (early stopping
 * with patience). With `warmStart`, training continues from that model's weights (which count as
 * epoch 0, so fine-tuning can never end worse on the validation split than where it started).
 */
export async function trainNetwork(
  spec: FeatureSpec,
  series: PreparedSeries[],
  cutoff: (p: PreparedSeries) => number,
  o: ResolvedNeuralOptions,
  seed: number,
  onEpoch?: (epoch: number) => void,
  warmStart?: tf.LayersModel,
): Promise<{ model: tf.Sequential; report: TrainReport }> {
  const pool = windowPool(series, cutoff, spec);
  const perEpoch = Math.min(o.maxWindows, pool.total);
  const sample: WindowSet = {
    series: new Int32Array(perEpoch),
    origin: new Int32Array(perEpoch),
  };
  const tm = allocMatrix(spec, perEpoch);
  const vw = pool.validation;
  const vm = materialise(
    spec,
    series,
    vw,
    vw.series.length,
    allocMatrix(spec, vw.series.length),
  );
  const D = spec.width;
  const H = spec.horizon;
  const model = buildNetwork(spec, o.hidden, seed);
  if (warmStart) model.setWeights(warmStart.getWeights());
  const optimizer = tf.train.adam(o.learningRate);
  const q = tf.tensor3d(spec.quantiles, [1, 1, spec.quantiles.length]);
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const evalLoss = (m: Matrix, rows: number): number => {
    let total = 0;
    let weight = 0;
    for (let from = 0; from < rows; from += EVAL_BATCH) {
      const n = Math.min(rows, from + EVAL_BATCH) - from;
      const ys = m.y.subarray(from * H, (from + n) * H);
      const ms = m.mask.subarray(from * H, (from + n) * H);
      // model.apply, not predict: predict splits into batches of 32 and the wasm slice kernel
      // copies the whole input out of the heap for every batch (quadratic in the panel size).
      const l = tf.tidy(
        () =>
          pinballLoss(
            model.apply(
              tf.tensor2d(m.x.subarray(from * D, (from + n) * D), [n, D]),
            ) as tf.Tensor2D,
            tf.tensor2d(ys, [n, H]),
            tf.tensor2d(ms, [n, H]),
            q,
          ).dataSync()[0],
      );
      let w = 0;
      for (let i = 0; i < ms.length; i++) w += ms[i];
      total += l * w;
      weight += w;
    }
    return weight > 0 ? total / weight : NaN;
  };
  // Without a validation split (very short panels), the training loss drives early stopping.
  const validate = (): number =>
    vm.rows > 0
      ? evalLoss(vm, vm.rows)
      : evalLoss(tm, Math.min(tm.rows, EVAL_BATCH));
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  if (warmStart && vm.rows > 0) {
    best = validate();
    bestWeights = model.getWeights().map((t) => t.clone());
    o.log(`neural warm start: validation pinball ${best.toFixed(5)}`);
  }
  let epoch = 0;
  for (; epoch < o.epochs && perEpoch > 0; epoch++) {
    materialise(
      spec,
      series,
      sample,
      drawWindows(pool, perEpoch, rand, sample),
      tm,
    );
    for (let from = 0; from < tm.rows; from += o.batchSize) {
      const n = Math.min(tm.rows, from + o.batchSize) - from;
      tf.tidy(() => {
        const xt = tf.tensor2d(tm.x.subarray(from * D, (from + n) * D), [n, D]);
        const yt = tf.tensor2d(tm.y.subarray(from * H, (from + n) * H), [n, H]);
        const mt = tf.tensor2d(tm.mask.subarray(from * H, (from + n) * H), [
          n,
          H,
        ]);
        optimizer.minimize(() =>
          pinballLoss(model.apply(xt) as tf.Tensor2D, yt, mt, q),
        );
      });
    }
    const v = validate();
    o.log(`neural epoch ${epoch + 1}: validation pinball ${v.toFixed(5)}`);
    onEpoch?.(epoch + 1);
    if (v < best - 1e-6) {
      best = v;
      bestEpoch = epoch + 1;
      bestWeights?.forEach((t) => t.dispose());
      bestWeights = model.getWeights().map((t) => t.clone());
    } else if (epoch + 1 - bestEpoch >= o.patience) {
      epoch++;
      break;
    }
  }
  if (bestWeights) {
    model.setWeights(bestWeights);
    bestWeights.forEach((t) => t.dispose());
  }
  optimizer.dispose();
  q.dispose();
  return {
    model,
    report: {
      windows: perEpoch,
      windowsAvailable: pool.total,
      validationWindows: vm.rows,
      epochs: epoch,
      bestEpoch,
      bestValidationLoss: best,
      warmStart: warmStart !== undefined,
    },
  };
}
