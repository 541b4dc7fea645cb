import {
  type Hierarchy,
  type Reconciler,
  reconcileQuantiles,
  sigmaFromQuantiles,
} from '@shelfcast/forecasting';
import type { LevelBottom } from './level-data';

/** Weekly seasonality of daily sales: the MASE scale is the seasonal-naive error. */
const PERIOD = 7;
/**
 * Sample paths per step for the backtest window's bands (the served bands use 100): coverage is
 * pooled over every node and day of a level, so fewer paths per node-day suffice, and the
 * accuracy must not double the levels' cost in the nightly run.
 */
export const ACCURACY_SAMPLES = 50;

/** Accuracy of every node (global order) on the champion's backtest window. */
export interface NodeAccuracy {
  /** MASE of the reconciled P50 (NaN: no scale, e.g. no sales before the window). */
  mase: Float64Array;
  /** MASE of the base forecast (before reconciliation) on the same days. */
  baseMase: Float64Array;
  /** Share of the window's days whose actual lies inside the reconciled P10–P90. */
  coverage: Float64Array;
  /** Days of the window. */
  days: number;
}

/** Base forecasts of the aggregates on the backtest window (NaN where the engine had none). */
export interface AggregateBacktest {
  p50: Float64Array[];
  sigma: Float64Array[];
}

/**
 * Reconciles the champion's backtest window with the served method and scores it per node: the
 * bottoms' base forecasts are the run's stored backtest P10/P50/P90, the aggregates' the engine's
 * backtest forecasts on the same days (their bottoms' sums where it has none). Actuals and MASE
 * scales of the aggregates are sums of their bottoms', so every level is scored against the same
 * sales. The reconciler's weights come from this window's errors too (the served forecasts are
 * reconciled with them), so these figures are in-sample for the weights: a little optimistic.
 */
export function backtestAccuracy(
  h: Hierarchy,
  reconciler: Reconciler,
  bottoms: LevelBottom[],
  aggregates: AggregateBacktest | null,
  residuals: Float64Array[] | undefined,
): NodeAccuracy {
  const k = h.nAgg;
  const n = k + h.nBottom;
  const T = bottoms[0]?.residuals.length ?? 0;
  const S = bottoms[0]?.scaleHistory.length ?? 0;
  const mean: Float64Array[] = new Array<Float64Array>(n);
  const sigma: Float64Array[] = new Array<Float64Array>(n);
  const actual: Float64Array[] = new Array<Float64Array>(n);
  const scaleHistory: Float64Array[] = new Array<Float64Array>(n);
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  for (let j = 0; j < h.nBottom; j++) {
    const b = bottoms[j];
    mean[k + j] = b.backtest.p50.map(finite);
    sigma[k + j] = sigmaFromQuantiles({
      levels: [0.1, 0.9],
      values: [b.backtest.p10, b.backtest.p90],
    }).map(finite);
    // The stored residual is actual − backtest P50 (a missing sale counted as 0).
    actual[k + j] = b.residuals.map((r, t) => finite(r + b.backtest.p50[t]));
    scaleHistory[k + j] = b.scaleHistory;
  }
  for (let i = 0; i < k; i++) {
    const m = new Float64Array(T);
    const v = new Float64Array(T);
    const a = new Float64Array(T);
    const s = new Float64Array(S);
    for (let c = h.childPtr[i]; c < h.childPtr[i + 1]; c++) {
      const j = k + h.children[c];
      for (let t = 0; t < T; t++) {
        m[t] += mean[j][t];
        v[t] += sigma[j][t] ** 2;
        a[t] += actual[j][t];
      }
      for (let t = 0; t < S; t++) s[t] += scaleHistory[j][t];
    }
    const p50 = aggregates?.p50[i];
    const sd = aggregates?.sigma[i];
    mean[i] = m.map((x, t) =>
      p50 && Number.isFinite(p50[t]) ? Math.max(0, p50[t]) : x,
    );
    sigma[i] = v.map((x, t) =>
      sd && Number.isFinite(sd[t]) && p50 && Number.isFinite(p50[t])
        ? sd[t]
        : Math.sqrt(x),
    );
    actual[i] = a;
    scaleHistory[i] = s;
  }
  const fcs = reconcileQuantiles(
    h,
    { ...reconciler, project: reconciler.projectSample },
    mean,
    sigma,
    {
      levels: [0.1, 0.9],
      residuals,
      samples: ACCURACY_SAMPLES,
      seed: 2,
    },
  );
  const out: NodeAccuracy = {
    mase: new Float64Array(n).fill(NaN),
    baseMase: new Float64Array(n).fill(NaN),
    coverage: new Float64Array(n).fill(NaN),
    days: T,
  };
  for (let i = 0; i < n && T > 0; i++) {
    const hist = scaleHistory[i];
    let scale = 0;
    for (let t = PERIOD; t < S; t++)
      scale += Math.abs(hist[t] - hist[t - PERIOD]);
    scale /= Math.max(1, S - PERIOD);
    const f = fcs[i];
    let err = 0;
    let baseErr = 0;
    let inside = 0;
    for (let t = 0; t < T; t++) {
      const y = actual[i][t];
      err += Math.abs(y - f.point[t]);
      baseErr += Math.abs(y - mean[i][t]);
      const lo = Math.min(f.values[0][t], f.point[t]);
      const hi = Math.max(f.values[1][t], f.point[t]);
      if (y >= lo && y <= hi) inside++;
    }
    if (scale > 0) {
      out.mase[i] = err / T / scale;
      out.baseMase[i] = baseErr / T / scale;
    }
    out.coverage[i] = inside / T;
  }
  return out;
}
