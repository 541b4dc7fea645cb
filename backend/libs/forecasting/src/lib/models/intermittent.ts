import { countForecast } from '../core/quantiles';
import type { Forecast } from '../types';

/**
 * Intermittent-demand methods. Both return a flat demand rate; quantiles come from a negative
 * binomial (or Poisson) distribution with that mean and the in-sample variance of demand, so
 * intervals stay on non-negative counts. Smoothing constants are picked from a small grid by
 * in-sample one-step squared error (cheap and robust for sparse series).
 */
export interface IntermittentParams {
  method: 'croston-sba' | 'tsb';
  alpha: number;
  beta: number;
  rate: number;
  variance: number;
}

export interface IntermittentFit {
  params: IntermittentParams;
  forecast: Forecast;
}

const GRID = [0.05, 0.1, 0.2, 0.3];

export function zeroShare(y: Float64Array, valid?: Uint8Array): number {
  let z = 0;
  let c = 0;
  for (let t = 0; t < y.length; t++) {
    if (valid && valid[t] === 0) continue;
    c++;
    if (y[t] === 0) z++;
  }
  return c > 0 ? z / c : 0;
}

/** Croston with the Syntetos-Boylan bias correction; returns [rate, in-sample SSE]. */
function crostonRun(y: Float64Array, alpha: number): [number, number] {
  let z = NaN;
  let p = NaN;
  let q = 1;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const f = z === z ? ((1 - alpha / 2) * z) / p : NaN;
    if (f === f) sse += (y[t] - f) * (y[t] - f);
    if (y[t] > 0) {
      if (z === z) {
        z += alpha * (y[t] - z);
        p += alpha * (q - p);
      } else {
        z = y[t];
        p = q;
      }
      q = 1;
    } else {
      q++;
    }
  }
  return [z === z ? ((1 - alpha / 2) * z) / p : 0, sse];
}

/** Teunter-Syntetos-Babai: smooths demand probability every period, size on demand periods. */
function tsbRun(
  y: Float64Array,
  alpha: number,
  beta: number,
): [number, number] {
  let z = NaN;
  let p = NaN;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    if (z === z) {
      const f = p * z;
      sse += (y[t] - f) * (y[t] - f);
    }
    const occ = y[t] > 0 ? 1 : 0;
    if (z === z) {
      p += beta * (occ - p);
      if (occ) z += alpha * (y[t] - z);
    } else if (occ) {
      z = y[t];
      p = 1 / (t + 1);
    }
  }
  return [z === z ? p * z : 0, sse];
}

function demandVariance(y: Float64Array, rate: number): number {
  let s = 0;
  for (let t = 0; t < y.length; t++) s += (y[t] - rate) * (y[t] - rate);
  return y.length > 1 ? s / (y.length - 1) : rate;
}

export function fitIntermittent(
  method: 'croston-sba' | 'tsb',
  y: Float64Array,
  h: number,
  levels: readonly number[],
): IntermittentFit {
  let best: [number, number, number] = [0, 0, Infinity]; // alpha, beta, sse
  let rate = 0;
  for (const a of GRID) {
    for (const b of method === 'tsb' ? GRID : [0]) {
      const [r, sse] = method === 'tsb' ? tsbRun(y, a, b) : crostonRun(y, a);
      if (sse < best[2]) {
        best = [a, b, sse];
        rate = r;
      }
    }
  }
  const params: IntermittentParams = {
    method,
    alpha: best[0],
    beta: best[1],
    rate,
    variance: demandVariance(y, rate),
  };
  return { params, forecast: intermittentForecast(params, h, levels) };
}

export function intermittentForecast(
  p: IntermittentParams,
  h: number,
  levels: readonly number[],
): Forecast {
  const mean = new Float64Array(h).fill(Math.max(0, p.rate));
  const variance = new Float64Array(h).fill(Math.max(p.variance, p.rate));
  return countForecast(mean, variance, levels);
}
