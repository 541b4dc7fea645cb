import { QuantileForecast } from '../types';
import { Forecaster, ForecastContext, sortedQuantile } from './forecaster';

export interface PromoRegressionOptions {
  /** Covariate names used as regressors; 'price' enters as log(price). */
  readonly drivers?: readonly string[];
  /** Half-life of observation weights in periods, so the level follows drift. Default 26. */
  readonly halfLife?: number;
  /** Default [0.02, 0.1, 0.5, 0.9, 0.98]: the outer pair carries the heavy promotion tail to the policy. */
  readonly levels?: readonly number[];
  /** Ridge penalty on the driver coefficients (not the intercept). Default 1. */
  readonly ridge?: number;
  /** Periods of recent residuals that form the quantiles. Default 104. */
  readonly residualWindow?: number;
}

/**
 * Our internal forecaster for the replay: weighted least squares of log(1 + demand)
 * on log price and promotion drivers (deal, feature), with exponentially
 * decaying weights, and quantiles from the empirical residuals (inflated for
 * the fitted parameters). The planned price and promotions of the forecast
 * periods are inputs, as they are known when the order is placed.
 */
export function promoRegressionForecaster(
  options: PromoRegressionOptions = {},
): Forecaster {
  const drivers = options.drivers ?? ['price', 'deal', 'feat'];
  const halfLife = options.halfLife ?? 26;
  const levels = options.levels ?? [0.02, 0.1, 0.5, 0.9, 0.98];
  const ridge = options.ridge ?? 1;
  const window = options.residualWindow ?? 104;
  const p = drivers.length + 1;
  const decay = Math.pow(0.5, 1 / halfLife);

  const features = (ctx: ForecastContext, i: number, x: Float64Array): void => {
    x[0] = 1;
    for (let j = 0; j < drivers.length; j++) {
      const series = ctx.covariates[drivers[j]];
      const v = series ? series[Math.min(i, series.length - 1)] : 0;
      x[j + 1] = drivers[j] === 'price' ? Math.log(Math.max(v, 1e-9)) : v;
    }
  };

  return {
    name: 'promo-regression',
    forecast(ctx: ForecastContext, horizon: number): QuantileForecast {
      const y = ctx.pastDemand;
      const n = y.length;
      const xtx = new Float64Array(p * p);
      const xty = new Float64Array(p);
      const x = new Float64Array(p);
      let w = 1;
      for (let i = n - 1; i >= 0; i--, w *= decay) {
        features(ctx, i, x);
        const target = Math.log1p(y[i]);
        for (let a = 0; a < p; a++) {
          xty[a] += w * x[a] * target;
          for (let b = 0; b < p; b++) xtx[a * p + b] += w * x[a] * x[b];
        }
      }
      for (let a = 1; a < p; a++) xtx[a * p + a] += ridge;
      xtx[0] += 1e-9;
      const beta = solve(xtx, xty, p);
      const fitted = (i: number): number => {
        features(ctx, i, x);
        let s = 0;
        for (let a = 0; a < p; a++) s += beta[a] * x[a];
        return s;
      };
      // Leave-one-out residuals e / (1 − h): in-sample residuals of rare
      // promotion weeks (high leverage) look small but forecast badly.
      const from = Math.max(0, n - window);
      const residuals: number[] = [];
      for (let i = from; i < n; i++) {
        const e = Math.log1p(y[i]) - fitted(i);
        const ainvx = solve(xtx, x, p);
        let h = 0;
        for (let a = 0; a < p; a++) h += x[a] * ainvx[a];
        h *= Math.pow(decay, n - 1 - i);
        residuals.push(e / Math.max(0.05, 1 - h));
      }
      residuals.sort((a, b) => a - b);
      const offsets = levels.map((l) => sortedQuantile(residuals, l));
      const values = levels.map(() => new Float64Array(horizon));
      for (let h = 0; h < horizon; h++) {
        const mid = fitted(ctx.origin + h);
        for (let k = 0; k < levels.length; k++) {
          values[k][h] = Math.max(0, Math.expm1(mid + offsets[k]));
        }
      }
      return { levels, values };
    },
  };
}

/** Solves the small symmetric positive definite system A·x = b (Gaussian elimination with pivoting). */
function solve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const r = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let i = c + 1; i < p; i++) {
      if (Math.abs(m[i * p + c]) > Math.abs(m[pivot * p + c])) pivot = i;
    }
    if (pivot !== c) {
      for (let j = 0; j < p; j++) {
        const tmp = m[c * p + j];
        m[c * p + j] = m[pivot * p + j];
        m[pivot * p + j] = tmp;
      }
      const tmp = r[c];
      r[c] = r[pivot];
      r[pivot] = tmp;
    }
    const d = m[c * p + c];
    if (Math.abs(d) < 1e-300) continue;
    for (let i = c + 1; i < p; i++) {
      const f = m[i * p + c] / d;
      if (f === 0) continue;
      for (let j = c; j < p; j++) m[i * p + j] -= f * m[c * p + j];
      r[i] -= f * r[c];
    }
  }
  const out = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = r[i];
    for (let j = i + 1; j < p; j++) s -= m[i * p + j] * out[j];
    const d = m[i * p + i];
    out[i] = Math.abs(d) < 1e-300 ? 0 : s / d;
  }
  return out;
}
