import type { Forecast, Metrics } from '../types';

/**
 * In-sample scale of the seasonal-naive forecast: mean |y_t - y_{t-m}| over valid pairs. Falls back
 * to lag 1 when the history is shorter than m + 1, and to the mean |y| when the series is flat, so
 * MASE / RMSSE stay finite.
 */
export function naiveScale(
  y: ArrayLike<number>,
  m: number,
  squared = false,
): number {
  const compute = (lag: number): number => {
    let s = 0;
    let c = 0;
    for (let t = lag; t < y.length; t++) {
      const d = y[t] - y[t - lag];
      if (d === d) {
        s += squared ? d * d : Math.abs(d);
        c++;
      }
    }
    return c > 0 ? s / c : NaN;
  };
  let scale = y.length > m ? compute(m) : NaN;
  if (!(scale > 0)) scale = compute(1);
  if (!(scale > 0)) {
    let s = 0;
    let c = 0;
    for (let t = 0; t < y.length; t++) {
      if (y[t] === y[t]) {
        s += squared ? y[t] * y[t] : Math.abs(y[t]);
        c++;
      }
    }
    scale = c > 0 && s > 0 ? s / c : 1;
  }
  return scale;
}

export function pinball(actual: number, pred: number, level: number): number {
  const d = actual - pred;
  return d >= 0 ? level * d : (level - 1) * d;
}

/**
 * Scores one forecast against actuals (NaN actuals are skipped). `history` is the in-sample series
 * used for the MASE / RMSSE scales. Pinball loss is averaged over steps and levels and divided by
 * the mean |actual| so it is comparable across series; coverage is the share of actuals inside
 * the pair of levels nearest P10 and P90 (the outermost pair with the default levels), so a run
 * asked for more levels (the served policy's nine) still reports the P10-P90 coverage.
 */
function nearestLevel(levels: readonly number[], q: number): number {
  let best = 0;
  for (let k = 1; k < levels.length; k++)
    if (Math.abs(levels[k] - q) < Math.abs(levels[best] - q)) best = k;
  return best;
}

export function scoreForecast(
  actual: ArrayLike<number>,
  fc: Forecast,
  history: ArrayLike<number>,
  m: number,
): Metrics {
  const maeScale = naiveScale(history, m);
  const mseScale = naiveScale(history, m, true);
  let absErr = 0;
  let absAct = 0;
  let sq = 0;
  let err = 0;
  let smape = 0;
  let pin = 0;
  let inside = 0;
  let count = 0;
  const lo = fc.values[nearestLevel(fc.levels, 0.1)];
  const hi = fc.values[nearestLevel(fc.levels, 0.9)];
  for (let h = 0; h < actual.length; h++) {
    const a = actual[h];
    if (!(a === a)) continue;
    const p = fc.point[h];
    const e = p - a;
    absErr += Math.abs(e);
    absAct += Math.abs(a);
    sq += e * e;
    err += e;
    const den = Math.abs(a) + Math.abs(p);
    smape += den > 0 ? (2 * Math.abs(e)) / den : 0;
    for (let k = 0; k < fc.levels.length; k++)
      pin += pinball(a, fc.values[k][h], fc.levels[k]);
    if (fc.values.length > 1 && a >= lo[h] && a <= hi[h]) inside++;
    count++;
  }
  if (count === 0) {
    return {
      wape: NaN,
      mase: NaN,
      smape: NaN,
      rmsse: NaN,
      bias: NaN,
      pinball: NaN,
      coverage: NaN,
      count,
    };
  }
  const meanAbs = absAct / count;
  return {
    wape: absAct > 0 ? absErr / absAct : absErr > 0 ? Infinity : 0,
    mase: absErr / count / maeScale,
    smape: smape / count,
    rmsse: Math.sqrt(sq / count / mseScale),
    bias: absAct > 0 ? err / absAct : 0,
    pinball: pin / count / fc.levels.length / (meanAbs > 0 ? meanAbs : 1),
    coverage: inside / count,
    count,
  };
}

/** Count-weighted mean of several metric records (for averaging over backtest origins). */
export function averageMetrics(list: Metrics[]): Metrics {
  const keys: (keyof Metrics)[] = [
    'wape',
    'mase',
    'smape',
    'rmsse',
    'bias',
    'pinball',
    'coverage',
  ];
  const out: Metrics = {
    wape: 0,
    mase: 0,
    smape: 0,
    rmsse: 0,
    bias: 0,
    pinball: 0,
    coverage: 0,
    count: 0,
  };
  let total = 0;
  for (const m of list) {
    if (!(m.count > 0) || !Number.isFinite(m.mase)) continue;
    for (const k of keys) out[k] += m[k] * m.count;
    total += m.count;
  }
  for (const k of keys) out[k] = total > 0 ? out[k] / total : NaN;
  out.count = total;
  return out;
}

/**
 * Pooled accuracy over many series (for benchmark tables): WAPE and bias pooled over all
 * actuals; MASE, sMAPE, coverage averaged per series.
 */
export interface PooledAccumulator {
  absErr: number;
  absAct: number;
  err: number;
  mase: number[];
  smape: number[];
  coverage: number[];
}

export function newPooled(): PooledAccumulator {
  return { absErr: 0, absAct: 0, err: 0, mase: [], smape: [], coverage: [] };
}

export function addToPooled(
  acc: PooledAccumulator,
  actual: ArrayLike<number>,
  fc: Forecast,
  m: Metrics,
): void {
  for (let h = 0; h < actual.length; h++) {
    const a = actual[h];
    if (!(a === a)) continue;
    acc.absErr += Math.abs(fc.point[h] - a);
    acc.absAct += Math.abs(a);
    acc.err += fc.point[h] - a;
  }
  if (m.count > 0) {
    acc.mase.push(m.mase);
    acc.smape.push(m.smape);
    acc.coverage.push(m.coverage);
  }
}

export function summarizePooled(acc: PooledAccumulator): {
  wape: number;
  bias: number;
  mase: number;
  smape: number;
  coverage: number;
  series: number;
} {
  const mean = (a: number[]): number =>
    a.length ? a.reduce((s, v) => s + v, 0) / a.length : NaN;
  return {
    wape: acc.absAct > 0 ? acc.absErr / acc.absAct : NaN,
    bias: acc.absAct > 0 ? acc.err / acc.absAct : NaN,
    mase: mean(acc.mase),
    smape: mean(acc.smape),
    coverage: mean(acc.coverage),
    series: acc.mase.length,
  };
}
