// Standard normal helpers accurate to double precision, so safety-stock numbers
// match textbook tables and spreadsheets (NORM.S.INV) to the printed digits.

const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Φ(z), West (2005) double-precision version of Hart's algorithm 5666. */
export function normalCdf(z: number): number {
  const x = Math.abs(z);
  let tail: number;
  if (x > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-x * x) / 2);
    if (x < 7.07106781186547) {
      let num = 3.52624965998911e-2 * x + 0.700383064443688;
      num = num * x + 6.37396220353165;
      num = num * x + 33.912866078383;
      num = num * x + 112.079291497871;
      num = num * x + 221.213596169931;
      num = num * x + 220.206867912376;
      let den = 8.83883476483184e-2 * x + 1.75566716318264;
      den = den * x + 16.064177579207;
      den = den * x + 86.7807322029461;
      den = den * x + 296.564248779674;
      den = den * x + 637.333633378831;
      den = den * x + 793.826512519948;
      den = den * x + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let b = x + 0.65;
      b = x + 4 / b;
      b = x + 3 / b;
      b = x + 2 / b;
      b = x + 1 / b;
      tail = e / b / SQRT_2PI;
    }
  }
  return z > 0 ? 1 - tail : tail;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2,
  1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2,
  6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838,
  -2.549732539343734, 4.374664141464968, 2.938163982698783,
];
const D = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996,
  3.754408661907416,
];

/** Φ⁻¹(p): Acklam's rational approximation plus one Halley step (≈1e-15). */
export function normalInverse(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`probability must be in [0, 1], got ${p}`);
  }
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) *
        q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Standard normal loss G(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)). */
export function normalLoss(z: number): number {
  return normalPdf(z) - z * (1 - normalCdf(z));
}

/** E[(X − level)⁺] for X ~ N(mean, sd²); sd = 0 degenerates to (mean − level)⁺. */
export function normalExpectedShortage(
  mean: number,
  sd: number,
  level: number,
): number {
  if (sd <= 0) return Math.max(0, mean - level);
  return sd * normalLoss((level - mean) / sd);
}

/** Log-scale parameters of the lognormal with this mean and sd. */
function lognormalParams(
  mean: number,
  sd: number,
): { mu: number; sigma: number } {
  const sigma2 = Math.log1p((sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** P(X ≤ level) for the lognormal X with this mean and sd. */
export function lognormalCdf(mean: number, sd: number, level: number): number {
  if (level <= 0) return 0;
  if (sd <= 0 || mean <= 0) return level >= mean ? 1 : 0;
  const { mu, sigma } = lognormalParams(mean, sd);
  return normalCdf((Math.log(level) - mu) / sigma);
}

export function lognormalQuantile(mean: number, sd: number, p: number): number {
  if (sd <= 0 || mean <= 0) return Math.max(0, mean);
  const { mu, sigma } = lognormalParams(mean, sd);
  return Math.exp(mu + sigma * normalInverse(p));
}

/** E[(X − level)⁺] for the lognormal X with this mean and sd: m·Φ(d1) − level·Φ(d2). */
export function lognormalExpectedShortage(
  mean: number,
  sd: number,
  level: number,
): number {
  if (mean <= 0) return 0;
  if (sd <= 0 || level <= 0) return Math.max(0, mean - level);
  const { mu, sigma } = lognormalParams(mean, sd);
  const d2 = (mu - Math.log(level)) / sigma;
  return mean * normalCdf(d2 + sigma) - level * normalCdf(d2);
}
