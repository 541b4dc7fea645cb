// Diagnostic on the development weeks 90..104 only: for the decision week's
// demand (horizon 0), compare the expected shortfall E[(D − c)⁺] above the
// calibrated quantile c = Q_τ as implied by (a) the shape the policy fits to
// P02/P10/P50/P90/P98, (b) the calibrated quantile function itself (dense
// levels 0.002..0.998, piecewise linear), with (c) the realised (y − c)⁺.
// Run: node -r ./backend/tools/register.js backend/libs/inventory-policy/bench/tail-check.ts
import {
  calibratedForecaster,
  chooseDistribution,
  Forecaster,
  forecastContext,
  intervalDemand,
  lognormalExpectedShortage,
  normalExpectedShortage,
  periodMoments,
  promoRegressionForecaster,
  QuantileForecast,
  replayPolicy,
  ScorePool,
} from '../src';
import { loadOjSeries } from './oj-data';

const FIRST = 90;
const LAST = 105;
const POLICY_LEVELS = [0.02, 0.1, 0.5, 0.9, 0.98];
const DENSE = [
  0.002,
  0.005,
  ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
  0.995,
  0.998,
];
const GRID = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98];
/** Piecewise linear between GRID levels, linear to max(0, ·) below, exponential tail above. */
function gridQuantile(q: number[], u: number): number {
  const n = GRID.length;
  if (u >= GRID[n - 1]) {
    const theta =
      (q[n - 1] - q[n - 2]) / Math.log((1 - GRID[n - 2]) / (1 - GRID[n - 1]));
    return q[n - 1] + theta * Math.log((1 - GRID[n - 1]) / (1 - u));
  }
  if (u <= GRID[0]) {
    const slope = (q[1] - q[0]) / (GRID[1] - GRID[0]);
    const lo = Math.max(0, q[0] - slope * GRID[0]);
    return lo + ((q[0] - lo) * u) / GRID[0];
  }
  let k = 0;
  while (GRID[k + 1] < u) k++;
  const w = (u - GRID[k]) / (GRID[k + 1] - GRID[k]);
  return q[k] * (1 - w) + q[k + 1] * w;
}
const TAUS = [0.5, 0.8, 0.9, 0.95, 0.98, 0.995];
const ATOMS = 1000;
const promoStratum = (
  ctx: { covariates?: Readonly<Record<string, Float64Array>> },
  t: number,
): number =>
  (ctx.covariates?.['deal']?.[t] ?? 0) > 0 ||
  (ctx.covariates?.['feat']?.[t] ?? 0) > 0
    ? 1
    : 0;

function quantile(f: QuantileForecast, u: number): number {
  const lv = f.levels;
  if (u <= lv[0]) return f.values[0][0];
  if (u >= lv[lv.length - 1]) return f.values[lv.length - 1][0];
  let k = 0;
  while (lv[k + 1] < u) k++;
  const w = (u - lv[k]) / (lv[k + 1] - lv[k]);
  return f.values[k][0] * (1 - w) + f.values[k + 1][0] * w;
}

function main(): void {
  const series = loadOjSeries();
  const pool = new ScorePool();
  const fs = series.map((h) => {
    const f = calibratedForecaster(promoRegressionForecaster(), {
      stratum: promoStratum,
      pool,
      levels: DENSE,
    });
    for (let o = 0; o < h.demand.length; o++)
      f.record(forecastContext(h, o), 2, h.demand);
    return f;
  });
  const idx = POLICY_LEVELS.map((l) =>
    DENSE.findIndex((d) => Math.abs(d - l) < 1e-12),
  );
  // [group][tau] sums: shape, calibrated, realised, exceedances
  const groups = ['all', 'promo', 'regular', 'lognormal', 'normal'];
  const acc = groups.map(() => TAUS.map(() => [0, 0, 0, 0, 0]));
  const means = groups.map(() => [0, 0, 0, 0, 0]);
  const cache = new Map<string, QuantileForecast>();
  const dense = (si: number, t: number): QuantileForecast => {
    const key = `${si}:${t}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = fs[si].forecast(forecastContext(series[si], t), 2);
      cache.set(key, hit);
    }
    return hit;
  };
  series.forEach((h, si) => {
    const start = h.calendar.findIndex((w) => w >= FIRST);
    let end = h.calendar.findIndex((w) => w >= LAST);
    if (end < 0) end = h.demand.length;
    for (let t = start; t < end; t++) {
      const d = dense(si, t);
      if (d.levels.length !== DENSE.length) continue;
      const f = { levels: POLICY_LEVELS, values: idx.map((k) => d.values[k]) };
      const m = periodMoments(f, 1);
      const normal = intervalDemand(m, 1);
      const kind = chooseDistribution('auto', normal, undefined, m);
      const shaped =
        kind === 'lognormal'
          ? intervalDemand(m, 1, { shape: 'lognormal' })
          : normal;
      const shapeEs = (c: number): number =>
        kind === 'lognormal'
          ? lognormalExpectedShortage(shaped.mean, shaped.sd, c)
          : normalExpectedShortage(shaped.mean, shaped.sd, c);
      const at = Float64Array.from({ length: ATOMS }, (_, i) =>
        quantile(d, (i + 0.5) / ATOMS),
      );
      const gq = GRID.map((l) => quantile(d, l));
      const gat = Float64Array.from({ length: ATOMS }, (_, i) =>
        gridQuantile(gq, (i + 0.5) / ATOMS),
      );
      let gridMean = 0;
      for (const a of gat) gridMean += a / ATOMS;
      const y = h.demand[t];
      const gs = [0, promoStratum(h, t) ? 1 : 2, kind === 'lognormal' ? 3 : 4];
      let calMean = 0;
      for (const a of at) calMean += a / ATOMS;
      for (const g of gs) {
        means[g][0] += shaped.mean;
        means[g][1] += calMean;
        means[g][2] += y;
        means[g][3]++;
        means[g][4] += gridMean;
      }
      TAUS.forEach((tau, j) => {
        const c = quantile(d, tau);
        let es = 0;
        for (const a of at) es += Math.max(0, a - c) / ATOMS;
        const s = shapeEs(c);
        let ges = 0;
        for (const a of gat) ges += Math.max(0, a - c) / ATOMS;
        for (const g of gs) {
          acc[g][j][0] += s;
          acc[g][j][1] += es;
          acc[g][j][2] += Math.max(0, y - c);
          acc[g][j][3] += y > c ? 1 : 0;
          acc[g][j][4] += ges;
        }
      });
    }
  });
  groups.forEach((g, gi) => {
    const [sm, cm, ym, n, gm] = means[gi];
    console.log(
      `${g}: n ${n}, mean demand: shape ${(sm / n).toFixed(0)}, calibrated ${(cm / n).toFixed(0)}, 9-level reading ${(gm / n).toFixed(0)}, realised ${(ym / n).toFixed(0)}`,
    );
    TAUS.forEach((tau, j) => {
      const [s, e, r, x, ge] = acc[gi][j];
      console.log(
        `  c = Q${tau}: realised above c ${((100 * x) / n).toFixed(1)}% (nominal ${(100 * (1 - tau)).toFixed(1)}%), E[(D − c)+] per week: shape ${(s / n).toFixed(1)}, calibrated ${(e / n).toFixed(1)}, 9-level reading ${(ge / n).toFixed(1)}, realised ${(r / n).toFixed(1)}`,
      );
    });
  });

  // The chosen policy (shape fitted to P02/P10/P50/P90/P98) replayed on the
  // same weeks: first week versus the rest.
  const five: Forecaster[] = series.map((h, si) => ({
    name: 'ours',
    forecast: (ctx) => {
      const d = dense(si, ctx.origin);
      return d.levels.length === DENSE.length
        ? { levels: POLICY_LEVELS, values: idx.map((k) => d.values[k]) }
        : d;
    },
  }));
  // How far the first week lands above its calibrated P90, pooled.
  let firstDemand = 0;
  let firstP90 = 0;
  let firstAbove = 0;
  let firstSeries = 0;
  const p90 = DENSE.findIndex((l) => Math.abs(l - 0.9) < 1e-12);
  series.forEach((h, si) => {
    const start = h.calendar.findIndex((w) => w >= FIRST);
    if (start < 0 || h.calendar[start] !== FIRST) return;
    const d = dense(si, start);
    if (d.levels.length !== DENSE.length) return;
    firstSeries++;
    firstDemand += h.demand[start];
    firstP90 += d.values[p90][0];
    if (h.demand[start] > d.values[p90][0]) firstAbove++;
  });
  console.log(
    `week ${FIRST}: demand ${firstDemand.toFixed(0)} = ${(firstDemand / firstP90).toFixed(2)} × the sum of the calibrated P90s; ` +
      `${firstAbove} of ${firstSeries} series above their P90`,
  );
  for (const level of [0.9, 0.95, 0.98]) {
    let d1 = 0;
    let s1 = 0;
    let d = 0;
    let s = 0;
    series.forEach((h, si) => {
      const start = h.calendar.findIndex((w) => w >= FIRST);
      const end = h.calendar.findIndex((w) => w >= LAST);
      const r = replayPolicy(h, five[si], {
        service: { kind: 'fill-rate', level },
        start,
        end: end < 0 ? undefined : end,
        keepTrace: true,
      });
      const trace = r.trace;
      if (!trace || r.periods === 0) return;
      d1 += trace.demand[0];
      s1 += trace.sales[0];
      d += r.totalDemand;
      s += r.totalSales;
    });
    console.log(
      `replay at ${level}: fill rate ${((100 * s) / d).toFixed(1)}%, first week (week ${FIRST}) ${((100 * s1) / d1).toFixed(1)}% ` +
        `(${((100 * d1) / d).toFixed(1)}% of the demand), weeks ${FIRST + 1}..${LAST - 1} ${((100 * (s - s1)) / (d - d1)).toFixed(1)}%`,
    );
  }
}

main();
