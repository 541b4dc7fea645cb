/**
 * In-sample one-step residuals for MinT in bench:hierarchy. The engine reports only multi-step
 * backtest errors (3 windows: few independent rows for a covariance), while MinT is defined on
 * one-step in-sample residuals. We fit the library's ETS on the history visible at the origin and
 * re-run an additive Holt-Winters filter with its smoothing constants, recording y_t − ŷ_{t|t−1}.
 * A proxy for the selected model's residuals (the engine may pick another model for a series).
 */
import { cleanHistory, fitEts } from '../src';

/**
 * The last `rows` one-step residuals of `history` (NaN where the period is missing or inside the
 * two-season burn-in). O(n) after the ETS fit.
 */
export function etsOneStepResiduals(
  history: Float64Array,
  period: number,
  rows: number,
): Float64Array {
  const out = new Float64Array(rows).fill(NaN);
  const { y, valid, validCount } = cleanHistory(history);
  if (validCount < 8) return out;
  let first = 0;
  while (first < y.length && !valid[first]) first++;
  const ys = y.subarray(first);
  const vs = valid.subarray(first);
  const { params: p } = fitEts(ys, period, 1, [0.5], vs);
  const m = p.period > 1 ? p.period : 1;
  // Initial states: level = mean of the first season, trend from the second, season = deviations.
  const mean = (a: number, b: number): number => {
    let s = 0;
    for (let i = a; i < b; i++) s += ys[i];
    return s / Math.max(1, b - a);
  };
  let level = mean(0, Math.min(m, ys.length));
  let trend = ys.length >= 2 * m && m > 1 ? (mean(m, 2 * m) - level) / m : 0;
  const season = new Float64Array(m);
  if (m > 1) for (let j = 0; j < m; j++) season[j] = ys[j] - level;
  const burn = Math.max(2 * m, 4);
  const n = ys.length;
  for (let t = 0; t < n; t++) {
    const s = m > 1 ? season[t % m] : 0;
    const fc = level + p.phi * trend + s;
    const row = rows - (n - t);
    if (!vs[t]) {
      level += p.phi * trend;
      trend *= p.phi;
      continue;
    }
    const e = ys[t] - fc;
    if (row >= 0 && t >= burn) out[row] = e;
    level = level + p.phi * trend + p.alpha * e;
    trend = p.phi * trend + p.beta * e;
    if (m > 1) season[t % m] = s + p.gamma * e;
  }
  return out;
}
