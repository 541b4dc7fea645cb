import { logistic, logit, nelderMead } from '../core/optim';
import { gaussianForecast } from '../core/quantiles';
import type { Forecast } from '../types';

/**
 * Additive Holt-Winters, ETS(A,Ad,A) or ETS(A,A,A) by AICc (non-seasonal when `m` <= 1 or the
 * history is shorter than two seasons). Smoothing parameters are fitted by SSE minimisation with a bounded
 * Nelder-Mead; initial states come from the classical first-seasons heuristic. Missing periods
 * (valid = 0) propagate the state without an update and are left out of the SSE.
 */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  period: number;
  /** Final states after the last observation. */
  level: number;
  trend: number;
  /** Seasonal states for the next `period` steps, in order. */
  season: number[];
  sigma: number;
}

export interface EtsFit {
  params: EtsParams;
  forecast: Forecast;
  /** Level+trend and seasonal parts of the point forecast (for the driver breakdown). */
  levelPart: Float64Array;
  seasonPart: Float64Array;
}

const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

interface Init {
  l0: number;
  b0: number;
  s0: Float64Array;
}

function initialStates(y: Float64Array, m: number): Init {
  const n = y.length;
  if (m <= 1) {
    // Least-squares line through the first few points; l0 is its value one step before t = 0.
    const k = Math.min(n, 10);
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < k; i++) {
      sx += i;
      sy += y[i];
      sxy += i * y[i];
      sxx += i * i;
    }
    const den = k * sxx - sx * sx;
    const b0 = den > 0 ? (k * sxy - sx * sy) / den : 0;
    const a0 = k > 0 ? (sy - b0 * sx) / k : 0;
    return { l0: a0 - b0, b0, s0: new Float64Array(0) };
  }
  const mean = (from: number): number => {
    let s = 0;
    for (let i = from; i < from + m; i++) s += y[i];
    return s / m;
  };
  const a = mean(0);
  const b = n >= 2 * m ? mean(m) : a;
  const b0 = (b - a) / m;
  const s0 = new Float64Array(m);
  const seasons = Math.min(Math.floor(n / m), 2);
  for (let k = 0; k < seasons; k++) {
    const base = k === 0 ? a : b;
    for (let j = 0; j < m; j++)
      s0[j] += (y[k * m + j] - (base + (j - (m - 1) / 2) * b0)) / seasons;
  }
  return { l0: a - ((m - 1) / 2) * b0, b0, s0 };
}

/** Runs the filter; returns SSE and (optionally) the final states. */
function runFilter(
  y: Float64Array,
  valid: Uint8Array | undefined,
  m: number,
  init: Init,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  out?: {
    level: number;
    trend: number;
    season: Float64Array;
    sse: number;
    count: number;
  },
): number {
  let l = init.l0;
  let b = init.b0;
  const seasonal = m > 1;
  const s = seasonal ? Float64Array.from(init.s0) : new Float64Array(0);
  let sse = 0;
  let count = 0;
  let si = 0;
  for (let t = 0; t < y.length; t++) {
    const st = seasonal ? s[si] : 0;
    const fc = l + phi * b + st;
    const ok = !valid || valid[t] === 1;
    const e = ok ? y[t] - fc : 0;
    if (ok) {
      sse += e * e;
      count++;
    }
    const lNew = l + phi * b + alpha * e;
    b = phi * b + beta * e;
    l = lNew;
    if (seasonal) {
      s[si] = st + gamma * e;
      si = si + 1 === m ? 0 : si + 1;
    }
  }
  if (out) {
    out.level = l;
    out.trend = b;
    // Rotate so that season[0] applies to the first forecast step.
    out.season = new Float64Array(seasonal ? m : 0);
    for (let j = 0; j < out.season.length; j++) out.season[j] = s[(si + j) % m];
    out.sse = sse;
    out.count = count;
  }
  return sse;
}

export function fitEts(
  y: Float64Array,
  m: number,
  h: number,
  levels: readonly number[],
  valid?: Uint8Array,
  maxIter = 60,
  fixed?: EtsParams,
): EtsFit {
  const period = m > 1 && y.length >= 2 * m ? m : 1;
  const init = initialStates(y, period);
  if (fixed && fixed.period === period) {
    // Re-run the filter with known smoothing parameters (cheap): used for later backtest origins.
    const params = filterWith(
      y,
      valid,
      period,
      init,
      fixed.alpha,
      fixed.beta,
      fixed.gamma,
      fixed.phi,
      0,
    );
    return { params, ...etsForecast(params, h, levels) };
  }
  // Like forecast::ets, try the damped and the undamped (phi = 1) trend and keep the lower AICc.
  const damped = fitVariant(y, valid, period, init, true, maxIter);
  const linear = fitVariant(y, valid, period, init, false, maxIter);
  const best = linear.aicc <= damped.aicc ? linear : damped;
  return { params: best.params, ...etsForecast(best.params, h, levels) };
}

function filterWith(
  y: Float64Array,
  valid: Uint8Array | undefined,
  period: number,
  init: Init,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  nParams: number,
): EtsParams {
  const st = {
    level: 0,
    trend: 0,
    season: new Float64Array(0),
    sse: 0,
    count: 0,
  };
  runFilter(y, valid, period, init, alpha, beta, gamma, phi, st);
  const sigma = Math.sqrt(st.sse / Math.max(1, st.count - nParams));
  return {
    alpha,
    beta,
    gamma,
    phi,
    period,
    level: st.level,
    trend: st.trend,
    season: Array.from(st.season),
    sigma,
  };
}

function fitVariant(
  y: Float64Array,
  valid: Uint8Array | undefined,
  period: number,
  init: Init,
  damped: boolean,
  maxIter: number,
): { params: EtsParams; aicc: number } {
  const seasonal = period > 1;
  const decode = (x: Float64Array): [number, number, number, number] => {
    const alpha = 0.0001 + 0.9998 * logistic(x[0]);
    const beta = alpha * 0.999 * logistic(x[1]);
    const gamma = seasonal ? (1 - alpha) * 0.999 * logistic(x[2]) : 0;
    const phi = damped
      ? PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(x[seasonal ? 3 : 2])
      : 1;
    return [alpha, beta, gamma, phi];
  };
  const x0 = [logit(0.3), logit(0.1)];
  if (seasonal) x0.push(logit(0.1));
  if (damped) x0.push(1.5);
  const opt = nelderMead(
    (x) => {
      const [a, b, g, p] = decode(x);
      return runFilter(y, valid, period, init, a, b, g, p);
    },
    x0,
    { maxIter, step: 1, tol: 1e-5 },
  );
  const [alpha, beta, gamma, phi] = decode(opt.x);
  const st = {
    level: 0,
    trend: 0,
    season: new Float64Array(0),
    sse: 0,
    count: 0,
  };
  runFilter(y, valid, period, init, alpha, beta, gamma, phi, st);
  const k = x0.length + 2; // smoothing parameters + initial level and trend
  const n = Math.max(1, st.count);
  const sigma = Math.sqrt(st.sse / Math.max(1, n - k));
  const aicc =
    n * Math.log(Math.max(st.sse / n, 1e-300)) +
    2 * k +
    (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : 0);
  const params: EtsParams = {
    alpha,
    beta,
    gamma,
    phi,
    period,
    level: st.level,
    trend: st.trend,
    season: Array.from(st.season),
    sigma,
  };
  return { params, aicc };
}

/** Forecast from fitted ETS parameters (also used to reload saved baseline parameters). */
export function etsForecast(
  p: EtsParams,
  h: number,
  levels: readonly number[],
): { forecast: Forecast; levelPart: Float64Array; seasonPart: Float64Array } {
  const levelPart = new Float64Array(h);
  const seasonPart = new Float64Array(h);
  const sigma = new Float64Array(h);
  let damp = 0;
  let phiPow = 1;
  let varSum = 1;
  for (let i = 0; i < h; i++) {
    phiPow *= p.phi;
    damp += phiPow;
    levelPart[i] = p.level + damp * p.trend;
    seasonPart[i] = p.season.length ? p.season[i % p.season.length] : 0;
    sigma[i] = p.sigma * Math.sqrt(varSum);
    // Class-1 ETS variance: sigma^2 (1 + sum_j c_j^2), c_j = alpha + beta*phi_j + gamma*[j mod m = 0].
    const j = i + 1;
    const cj =
      p.alpha +
      p.beta * damp +
      (p.season.length && j % p.period === 0 ? p.gamma : 0);
    varSum += cj * cj;
  }
  const point = levelPart.map((v, i) => v + seasonPart[i]);
  return {
    forecast: gaussianForecast(point, sigma, levels),
    levelPart,
    seasonPart,
  };
}
