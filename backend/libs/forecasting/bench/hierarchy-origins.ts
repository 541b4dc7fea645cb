/**
 * Per-dataset preparation for bench:hierarchy: base forecasts at every origin (hierarchy-base.ts),
 * everything derived from them that is known at the origin (sample-path sigmas, pooled level
 * variances, residual sources, MASE scales), the level multipliers of the fitted method from
 * the development origins only (leave one origin out on the development origins themselves), and
 * the stacked method's weights at every origin from the origins before it (hierarchy-stack.ts).
 */
import {
  aggregateBottom,
  buildHierarchy,
  fitLevelWeights,
  type Hierarchy,
  type LevelWeightFit,
  naiveScale,
  pooledLevelVariances,
  type ReconciliationWindow,
  seasonPeriod,
  sigmaFromQuantiles,
} from '../src';
import { type BaseForecasts, baseForecasts } from './hierarchy-base';
import type { HierarchyDataset } from './hierarchy-data';
import { newTable, type Table } from './hierarchy-score';
import { stackWeights } from './hierarchy-stack';

/** Everything known at one origin, computed once and reused by the development and test passes. */
export interface OriginCtx {
  k: number;
  origin: number;
  /** 'warm' = warm-up origin: never scored, only a window for the stacked method. */
  split: 'warm' | 'dev' | 'test';
  base: BaseForecasts;
  sigma: Float64Array[];
  pooled: Float64Array;
  hybrid: Float64Array[];
  /** Engine backtest errors followed by the errors at the earlier bench origins. */
  originErrors: Float64Array[];
  scale: Float64Array;
  actual: Float64Array[];
  /** Level multipliers of the fitted methods at this origin. */
  multipliers?: Float64Array;
  /** Weights of the stacked method's candidates at this origin (hierarchy-stack.ts). */
  stack?: Float64Array;
}

export interface Prepared {
  ds: HierarchyDataset;
  h: Hierarchy;
  full: Float64Array[];
  m: number;
  origins: OriginCtx[];
  fit: LevelWeightFit;
  tables: { dev: Table; test: Table };
  coherence: Record<string, number>;
  lambdas: number[];
  seconds: { base: number; fit: number; reconcile: number };
}

/** Base forecasts at every origin, then the level multipliers from the development origins only. */
export async function prepare(
  ds: HierarchyDataset,
  keys: string[],
  log: (m: string) => void,
): Promise<Prepared> {
  const h = buildHierarchy(ds.bottoms, ds.levels, ds.bottomLevel);
  const full = aggregateBottom(
    h,
    ds.bottoms.map((b) => b.values),
  );
  const m = seasonPeriod(ds.frequency);
  const H = ds.horizon;
  log(
    `${ds.name}: ${ds.note}; ${h.nAgg} aggregate + ${h.nBottom} bottom series`,
  );
  const origins: OriginCtx[] = [];
  let baseSeconds = 0;
  for (const [k, origin] of ds.origins.entries()) {
    const base = await baseForecasts(ds, h, full, origin, log);
    baseSeconds += base.seconds;
    const history = full.map((s) => s.subarray(0, origin));
    origins.push({
      k,
      origin,
      split: k < ds.warm ? 'warm' : k < ds.warm + ds.dev ? 'dev' : 'test',
      base,
      sigma: base.point.map((_, i) =>
        sigmaFromQuantiles({
          levels: [0.1, 0.9],
          values: [base.p10[i], base.p90[i]],
        }),
      ),
      pooled: pooledLevelVariances(h, history, base.residuals, m),
      hybrid: base.insample.map((r, i) => rescale(r, base.residuals[i])),
      originErrors: base.residuals.map((r, i) => {
        const rows = [...r];
        // Warm-up origins left out: these methods keep the rows they had before warm-up existed.
        for (const past of origins)
          if (past.split !== 'warm' && past.origin + H <= origin)
            for (let t = 0; t < H; t++)
              rows.push(past.actual[i][t] - past.base.point[i][t]);
        return Float64Array.from(rows);
      }),
      scale: Float64Array.from(history, (s) => naiveScale(s, m)),
      actual: full.map((s) => s.subarray(origin, origin + H)),
    });
    log(
      `${ds.name}: origin ${k + 1}/${ds.origins.length} base ${base.seconds.toFixed(1)} s, ${base.errors} errors`,
    );
  }
  const t0 = performance.now();
  const window = (o: OriginCtx): ReconciliationWindow => ({
    base: o.base.point,
    actual: o.actual,
    scale: o.scale,
    prior: o.pooled,
  });
  const dev = origins.filter((o) => o.split === 'dev');
  const fit = fitLevelWeights(h, dev.map(window));
  log(
    `${ds.name}: level multipliers ${Array.from(fit.multipliers, (v) => v.toPrecision(3)).join(', ')} (objective ${fit.priorObjective.toFixed(4)} → ${fit.objective.toFixed(4)})`,
  );
  // Development origins are scored out of sample too: each with multipliers fitted on the other
  // development origins (leave one origin out), so the default rule compares like with like.
  for (const o of origins)
    o.multipliers =
      o.split !== 'dev' || dev.length < 2
        ? fit.multipliers
        : fitLevelWeights(h, dev.filter((d) => d !== o).map(window))
            .multipliers;
  stackWeights(h, origins, H);
  const fitSeconds = (performance.now() - t0) / 1000;
  return {
    ds,
    h,
    full,
    m,
    origins,
    fit,
    tables: { dev: newTable(h, keys), test: newTable(h, keys) },
    coherence: {},
    lambdas: [],
    seconds: { base: baseSeconds, fit: fitSeconds, reconcile: 0 },
  };
}

/** `r` scaled so its root mean square (over finite values) equals that of `target`. */
function rescale(r: Float64Array, target: Float64Array): Float64Array {
  const rms = (a: Float64Array): number => {
    let s = 0;
    let c = 0;
    for (const v of a)
      if (Number.isFinite(v)) {
        s += v * v;
        c++;
      }
    return c > 0 ? Math.sqrt(s / c) : NaN;
  };
  const f = rms(target) / rms(r);
  return Number.isFinite(f) && f > 0 ? r.map((v) => v * f) : r;
}
