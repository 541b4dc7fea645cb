/**
 * Nelder-Mead simplex minimisation over an unconstrained vector; callers map parameters through
 * logistic transforms to enforce bounds. A small, dependency-free optimiser is enough for the
 * 3-4 smoothing parameters of ETS and keeps fits cheap (bounded iterations).
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  opts: { maxIter?: number; step?: number; tol?: number } = {},
): { x: Float64Array; value: number; iterations: number } {
  const n = x0.length;
  const maxIter = opts.maxIter ?? 200;
  const step = opts.step ?? 0.5;
  const tol = opts.tol ?? 1e-7;
  const pts: Float64Array[] = [];
  const vals: number[] = [];
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] += step;
    pts.push(p);
    vals.push(safe(f(p)));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (a: Float64Array, b: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = a[j] + t * (b[j] - a[j]);
    return out;
  };
  let it = 0;
  for (; it < maxIter; it++) {
    order.sort((a, b) => vals[a] - vals[b]);
    const best = order[0];
    const worst = order[n];
    const second = order[n - 1];
    if (
      Math.abs(vals[worst] - vals[best]) <=
      tol * (Math.abs(vals[best]) + tol)
    )
      break;
    centroid.fill(0);
    for (const i of order.slice(0, n))
      for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const xr = trial(centroid, pts[worst], -1);
    const fr = safe(f(xr));
    if (fr < vals[best]) {
      const xe = trial(centroid, pts[worst], -2);
      const fe = safe(f(xe));
      if (fe < fr) replace(worst, xe, fe);
      else replace(worst, xr, fr);
    } else if (fr < vals[second]) {
      replace(worst, xr, fr);
    } else {
      const xc =
        fr < vals[worst]
          ? trial(centroid, xr, 0.5)
          : trial(centroid, pts[worst], 0.5);
      const fc = safe(f(xc));
      if (fc < Math.min(fr, vals[worst])) {
        replace(worst, xc, fc);
      } else {
        for (const i of order.slice(1)) {
          pts[i] = trial(pts[best], pts[i], 0.5);
          vals[i] = safe(f(pts[i]));
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[bi]) bi = i;
  return { x: pts[bi], value: vals[bi], iterations: it };

  function replace(i: number, x: Float64Array, v: number): void {
    pts[i] = x;
    vals[i] = v;
  }
}

function safe(v: number): number {
  return Number.isFinite(v) ? v : Number.MAX_VALUE;
}

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));
