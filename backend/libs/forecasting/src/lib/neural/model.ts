import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffleInPlace } from '../core/random';
import type { PreparedSeries } from '../panel/prepare';
import type { ResolvedNeuralOptions } from './options';
import { type FeatureSpec, writeFeatures, writeTargets } from './features';

/** Rows (series, origin) as parallel arrays. */
export interface WindowSet {
  series: Int32Array;
  origin: Int32Array;
}

/**
 * Training windows for origins whose whole horizon lies before each series' cutoff. The last
 * horizon before the cutoff is the time-based validation split (one window per series); training
 * windows end before it. Windows are subsampled (seeded) to at most `maxWindows`.
 */
export function sampleWindows(
  series: PreparedSeries[],
  cutoff: (p: PreparedSeries) => number,
  spec: FeatureSpec,
  maxWindows: number,
  seed: number,
): { train: WindowSet; validation: WindowSet } {
  const H = spec.horizon;
  const minOrigin = Math.max(2, Math.ceil(spec.lagWindow / 2));
  let total = 0;
  for (const p of series)
    total += Math.max(0, cutoff(p) - 2 * H - minOrigin + 1);
  const keep = Math.min(1, maxWindows / Math.max(1, total));
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const ts: number[] = [];
  const to: number[] = [];
  const vs: number[] = [];
  const vo: number[] = [];
  series.forEach((p, si) => {
    const c = cutoff(p);
    for (let o = minOrigin; o + 2 * H <= c; o++) {
      if (keep < 1 && rand() >= keep) continue;
      ts.push(si);
      to.push(o);
    }
    if (c - H >= minOrigin) {
      vs.push(si);
      vo.push(c - H);
    }
  });
  return {
    train: { series: Int32Array.from(ts), origin: Int32Array.from(to) },
    validation: { series: Int32Array.from(vs), origin: Int32Array.from(vo) },
  };
}

interface Matrix {
  x: Float32Array;
  y: Float32Array;
  mask: Float32Array;
  rows: number;
}

function materialise(
  spec: FeatureSpec,
  series: PreparedSeries[],
  w: WindowSet,
): Matrix {
  const D = spec.width;
  const H = spec.horizon;
  const rows = w.series.length;
  const x = new Float32Array(rows * D);
  const y = new Float32Array(rows * H);
  const mask = new Float32Array(rows * H);
  for (let r = 0; r < rows; r++) {
    const p = series[w.series[r]];
    const o = w.origin[r];
    const scale = writeFeatures(spec, p, o, x.subarray(r * D, (r + 1) * D));
    writeTargets(
      p,
      o,
      H,
      scale,
      y.subarray(r * H, (r + 1) * H),
      mask.subarray(r * H, (r + 1) * H),
    );
  }
  return { x, y, mask, rows };
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

/** Mean pinball loss over valid targets; pred is [b, H*Q] laid out step-major. */
function pinballLoss(
  pred: tf.Tensor2D,
  y: tf.Tensor2D,
  mask: tf.Tensor2D,
  quantiles: number[],
): tf.Scalar {
  const b = y.shape[0];
  const H = y.shape[1];
  const Q = quantiles.length;
  const p = pred.reshape([b, H, Q]);
  const diff = y.reshape([b, H, 1]).sub(p);
  const q = tf.tensor1d(quantiles).reshape([1, 1, Q]);
  const loss = tf.maximum(diff.mul(q), diff.mul(q.sub(1)));
  const m = mask.reshape([b, H, 1]);
  return loss.mul(m).sum().div(m.sum().mul(Q).add(1e-9)) as tf.Scalar;
}

function batchOf(
  m: Matrix,
  idx: Int32Array,
  from: number,
  to: number,
  D: number,
  H: number,
) {
  const n = to - from;
  const xb = new Float32Array(n * D);
  const yb = new Float32Array(n * H);
  const mb = new Float32Array(n * H);
  for (let i = 0; i < n; i++) {
    const r = idx[from + i];
    xb.set(m.x.subarray(r * D, (r + 1) * D), i * D);
    yb.set(m.y.subarray(r * H, (r + 1) * H), i * H);
    mb.set(m.mask.subarray(r * H, (r + 1) * H), i * H);
  }
  return { xb, yb, mb, n };
}

export interface TrainReport {
  windows: number;
  validationWindows: number;
  epochs: number;
  bestEpoch: number;
  bestValidationLoss: number;
}

/**
 * Trains with Adam on pinball loss, shuffling with a seeded generator, evaluating the validation
 * split after each epoch and restoring the best weights (early stopping with patience).
 */
export async function trainNetwork(
  spec: FeatureSpec,
  series: PreparedSeries[],
  cutoff: (p: PreparedSeries) => number,
  o: ResolvedNeuralOptions,
  seed: number,
  onEpoch?: (epoch: number) => void,
): Promise<{ model: tf.Sequential; report: TrainReport }> {
  const { train, validation } = sampleWindows(
    series,
    cutoff,
    spec,
    o.maxWindows,
    seed,
  );
  const tm = materialise(spec, series, train);
  const vm = materialise(spec, series, validation);
  const D = spec.width;
  const H = spec.horizon;
  const model = buildNetwork(spec, o.hidden, seed);
  const optimizer = tf.train.adam(o.learningRate);
  const rand = mulberry32(seed);
  const order = Int32Array.from({ length: tm.rows }, (_, i) => i);
  const allVal = Int32Array.from({ length: vm.rows }, (_, i) => i);
  const evalLoss = (m: Matrix, idx: Int32Array): number => {
    if (idx.length === 0) return NaN;
    let total = 0;
    let weight = 0;
    for (let from = 0; from < idx.length; from += 50_000) {
      const { xb, yb, mb, n } = batchOf(
        m,
        idx,
        from,
        Math.min(idx.length, from + 50_000),
        D,
        H,
      );
      const l = tf.tidy(
        () =>
          pinballLoss(
            model.predict(tf.tensor2d(xb, [n, D])) as tf.Tensor2D,
            tf.tensor2d(yb, [n, H]),
            tf.tensor2d(mb, [n, H]),
            spec.quantiles,
          ).dataSync()[0],
      );
      let w = 0;
      for (let i = 0; i < mb.length; i++) w += mb[i];
      total += l * w;
      weight += w;
    }
    return weight > 0 ? total / weight : NaN;
  };
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  let epoch = 0;
  for (; epoch < o.epochs && tm.rows > 0; epoch++) {
    shuffleInPlace(order, rand);
    for (let from = 0; from < tm.rows; from += o.batchSize) {
      const { xb, yb, mb, n } = batchOf(
        tm,
        order,
        from,
        Math.min(tm.rows, from + o.batchSize),
        D,
        H,
      );
      tf.tidy(() => {
        const xt = tf.tensor2d(xb, [n, D]);
        const yt = tf.tensor2d(yb, [n, H]);
        const mt = tf.tensor2d(mb, [n, H]);
        optimizer.minimize(() =>
          pinballLoss(model.apply(xt) as tf.Tensor2D, yt, mt, spec.quantiles),
        );
      });
    }
    // Without a validation split (very short panels), the training loss drives early stopping.
    const v =
      vm.rows > 0
        ? evalLoss(vm, allVal)
        : evalLoss(tm, order.subarray(0, 50_000));
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
  return {
    model,
    report: {
      windows: tm.rows,
      validationWindows: vm.rows,
      epochs: epoch,
      bestEpoch,
      bestValidationLoss: best,
    },
  };
}
