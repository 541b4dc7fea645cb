import { naiveScale } from '../core/metrics';
import type { Hierarchy } from './structure';

/**
 * Per-level pooled error variances for `wlsVar` (`variances` option), in MASE units: for each
 * level, the mean over its series of (mean squared residual / scale²), times each series' own
 * scale², where scale = the in-sample seasonal-naive MAE (the MASE denominator). Pooling over a
 * level is far less noisy than one series' few backtest errors. Series without residuals get their
 * level's pooled value; a level without any gets 1. O(n·(T + history)).
 */
export function pooledLevelVariances(
  h: Hierarchy,
  histories: ArrayLike<number>[],
  residuals: ArrayLike<number>[],
  period: number,
): Float64Array {
  const n = h.ids.length;
  if (histories.length !== n || residuals.length !== n)
    throw new Error(`hierarchy: expected ${n} histories and residual series`);
  const scale = histories.map((s) => naiveScale(s, period));
  const rel = new Float64Array(h.levels.length);
  const cnt = new Float64Array(h.levels.length);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    const r = residuals[i];
    for (let t = 0; t < r.length; t++)
      if (Number.isFinite(r[t])) {
        s += r[t] * r[t];
        c++;
      }
    if (c === 0 || !(scale[i] > 0)) continue;
    rel[h.levelOf[i]] += s / c / (scale[i] * scale[i]);
    cnt[h.levelOf[i]]++;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = h.levelOf[i];
    const r = cnt[l] > 0 ? rel[l] / cnt[l] : 1;
    out[i] = Math.max(r, 1e-6) * Math.max(scale[i], 1e-9) ** 2;
  }
  return out;
}
