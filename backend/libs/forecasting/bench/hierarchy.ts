/**
 * bench:hierarchy — forecast reconciliation on three real hierarchies (Dominick's OJ, Favorita,
 * ABS Australian retail). At every rolling origin the engine forecasts every series at every
 * level (hierarchy-base.ts); each method reconciles the same base forecasts (points and
 * sample-path quantiles). The default method is chosen on the development origins (the earlier
 * half) and the test origins are scored once with it. MASE per series (in-sample seasonal-naive
 * scale), averaged over the series of a level and the origins; P10–P90 coverage pooled.
 * Env: BENCH_SMOKE=1 (tiny slice → bench-results/smoke/hierarchy.json), SHELFCAST_SHARED_DATA,
 * BENCH_HIER_SAMPLES (sample paths per step, default 200), BENCH_HIER_ONLY=<dataset name>,
 * BENCH_HIER_BACKTEST_ORIGINS (the engine's backtest origins, default 3 as in the engine).
 * Residuals (known at each origin): MinT uses ETS one-step in-sample residuals
 * (hierarchy-residuals.ts) rescaled per series to the engine's backtest error size; wlsVar the
 * backtest errors; mintInSample / mintBacktest either source alone. The sample paths' correlation
 * comes from the in-sample residuals.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  aggregateBottom,
  buildHierarchy,
  coherenceError,
  createReconciler,
  fitLevelWeights,
  type Forecast,
  type Hierarchy,
  type LevelWeightFit,
  levelWeightedVariances,
  naiveScale,
  pooledLevelVariances,
  type ReconciliationWindow,
  reconcileForecasts,
  reconcileQuantiles,
  type ReconciliationMethod,
  scoreForecast,
  seasonPeriod,
  sigmaFromQuantiles,
} from '../src';
import { type BaseForecasts, baseForecasts } from './hierarchy-base';
import {
  ausRetailHierarchy,
  favoritaHierarchy,
  type HierarchyDataset,
  ojHierarchy,
} from './hierarchy-data';
import {
  addScore,
  chooseDefault,
  coverageOf,
  maseOf,
  newTable,
  printTable,
  ratios,
  round,
  type Table,
} from './hierarchy-score';

const log = (m: string): void => console.log(`[bench:hierarchy] ${m}`);
const smoke = process.env['BENCH_SMOKE'] === '1';
const SAMPLES = Number(process.env['BENCH_HIER_SAMPLES'] ?? (smoke ? 50 : 200));
const LEVELS = [0.1, 0.5, 0.9];

interface MethodSpec {
  key: string;
  method?: ReconciliationMethod;
  nonNegative?: boolean;
  /**
   * Residuals for wlsVar / MinT: 'hybrid' (default) = ETS one-step in-sample residuals rescaled per
   * series to the root mean square of the engine's backtest errors (correlation from the long
   * in-sample history, scale from the forecasts actually used); or either source alone.
   */
  residuals?: 'hybrid' | 'insample' | 'backtest' | 'origins';
  /** wlsVar with per-level pooled variances (see levelVariances). */
  levelPooled?: boolean;
  /** topDown path = [first level, bottom level] instead of the default nested path. */
  flat?: boolean;
  /** wlsVar with W = pooled variances × level multipliers fitted on the development origins. */
  fitted?: boolean;
}
const METHODS: MethodSpec[] = [
  { key: 'base' },
  { key: 'bottomUp', method: 'bottomUp' },
  { key: 'topDown', method: 'topDown' },
  // Top-down straight from the top level to the bottom: one scaling of the bottom forecasts.
  { key: 'topDownFlat', method: 'topDown', flat: true },
  { key: 'ols', method: 'ols' },
  { key: 'wls', method: 'wls' },
  { key: 'wlsVar', method: 'wlsVar', residuals: 'backtest' },
  // wlsVar with W = pooledLevelVariances (backtest errors pooled per level in MASE units).
  { key: 'wlsLevel', method: 'wlsVar', levelPooled: true },
  // Level-weighted WLS, multipliers learnt from development-origin errors (fitLevelWeights).
  { key: 'wlsLevelFit', method: 'wlsVar', fitted: true },
  {
    key: 'wlsLevelFitNonNeg',
    method: 'wlsVar',
    fitted: true,
    nonNegative: true,
  },
  { key: 'mint', method: 'mint' },
  { key: 'mintNonNeg', method: 'mint', nonNegative: true },
  { key: 'mintInSample', method: 'mint', residuals: 'insample' },
  { key: 'mintBacktest', method: 'mint', residuals: 'backtest' },
  // Errors of the same base models at the engine's backtest windows and at every earlier bench
  // origin (all known at this origin): more rows than the engine's 3 windows alone.
  { key: 'wlsOrigins', method: 'wlsVar', residuals: 'origins' },
  { key: 'mintOrigins', method: 'mint', residuals: 'origins' },
];

/** Everything known at one origin, computed once and reused by the development and test passes. */
interface OriginCtx {
  k: number;
  origin: number;
  split: 'dev' | 'test';
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
}

interface Prepared {
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

const KEYS = METHODS.map((mm) => mm.key);

/** Base forecasts at every origin, then the level multipliers from the development origins only. */
async function prepare(ds: HierarchyDataset): Promise<Prepared> {
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
      split: k < ds.dev ? 'dev' : 'test',
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
        for (const past of origins)
          if (past.origin + H <= origin)
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
      o.split === 'test' || dev.length < 2
        ? fit.multipliers
        : fitLevelWeights(h, dev.filter((d) => d !== o).map(window))
            .multipliers;
  const fitSeconds = (performance.now() - t0) / 1000;
  return {
    ds,
    h,
    full,
    m,
    origins,
    fit,
    tables: { dev: newTable(h, KEYS), test: newTable(h, KEYS) },
    coherence: {},
    lambdas: [],
    seconds: { base: baseSeconds, fit: fitSeconds, reconcile: 0 },
  };
}

/** Reconciles and scores every method at the origins of one split. */
function scoreSplit(
  p: Prepared,
  split: 'dev' | 'test',
  def: string | undefined,
): void {
  const { h, m } = p;
  const n = h.ids.length;
  const t0 = performance.now();
  for (const o of p.origins) {
    if (o.split !== split) continue;
    const { base } = o;
    for (const spec of METHODS) {
      let fcs: Forecast[];
      if (!spec.method) {
        fcs = base.point.map((pt, i) => ({
          point: pt,
          levels: LEVELS,
          values: [base.p10[i], pt, base.p90[i]],
        }));
      } else {
        const rec = createReconciler(h, {
          method: spec.method,
          nonNegative: spec.nonNegative,
          variances: spec.fitted
            ? levelWeightedVariances(h, o.pooled, o.multipliers ?? [])
            : spec.levelPooled
              ? o.pooled
              : undefined,
          topDownPath: spec.flat
            ? [h.levels[0].name, h.levels[h.levels.length - 1].name]
            : undefined,
          residuals:
            spec.residuals === 'backtest'
              ? base.residuals
              : spec.residuals === 'insample'
                ? base.insample
                : spec.residuals === 'origins'
                  ? o.originErrors
                  : o.hybrid,
        });
        if (spec.key === 'mint' && split === 'test' && rec.lambda !== undefined)
          p.lambdas.push(rec.lambda);
        // Sample-path quantiles (the costly part) only where coverage is reported: the test
        // origins, for the default and bottom-up. Elsewhere points only.
        const withQuantiles =
          split === 'test' && (spec.key === def || spec.key === 'bottomUp');
        fcs = withQuantiles
          ? reconcileQuantiles(h, rec, base.point, o.sigma, {
              levels: LEVELS,
              // The sample paths' correlation comes from the longer in-sample residuals.
              residuals: base.insample,
              samples: SAMPLES,
              seed: 7 + o.k,
            })
          : reconcileForecasts(h, rec, base.point).map((pt) => ({
              point: pt,
              levels: [0.5],
              values: [pt],
            }));
        for (let t = 0; t < p.ds.horizon; t++) {
          const err = coherenceError(
            h,
            fcs.map((f) => f.point[t]),
          );
          p.coherence[spec.key] = Math.max(p.coherence[spec.key] ?? 0, err);
        }
      }
      for (let i = 0; i < n; i++) {
        const sc = scoreForecast(
          o.actual[i],
          fcs[i],
          p.full[i].subarray(0, o.origin),
          m,
        );
        if (!Number.isFinite(sc.mase)) continue;
        addScore(
          p.tables[split],
          spec.key,
          h.levels[h.levelOf[i]].name,
          sc.mase,
          fcs[i].values.length > 1
            ? { inside: sc.coverage * sc.count, count: sc.count }
            : undefined,
        );
      }
    }
  }
  p.seconds.reconcile += (performance.now() - t0) / 1000;
}

function report(p: Prepared, def: string): Record<string, unknown> {
  const { h, tables } = p;
  const levelsOut = (t: Table): Record<string, Record<string, number>> =>
    Object.fromEntries(
      h.levels.map((l) => [
        l.name,
        Object.fromEntries(
          KEYS.map((key) => [key, round(maseOf(t, key, l.name))]),
        ),
      ]),
    );
  const r = ratios(tables.test, h, def);
  const avgGain = 1 - r.reduce((a, b) => a + b, 0) / r.length;
  const worst = Math.max(...r);
  printTable(p.ds.name, def, h, tables.test, KEYS);
  return {
    default: def,
    levels: levelsOut(tables.test),
    coverage: Object.fromEntries(
      h.levels.map((l) => [
        l.name,
        Object.fromEntries(
          [...new Set(['base', 'bottomUp', def])].map((key) => [
            key,
            round(coverageOf(tables.test, key, l.name)),
          ]),
        ),
      ]),
    ),
    devLevels: levelsOut(tables.dev),
    targets: {
      coherent: (p.coherence[def] ?? 1) < 1e-9,
      maxCoherenceError: p.coherence[def],
      ratioToBetterOfBaseAndBottomUp: Object.fromEntries(
        h.levels.map((l, i) => [l.name, round(r[i])]),
      ),
      withinOnePercentAtEveryLevel: worst <= 1.01,
      worstLevel: h.levels[r.indexOf(worst)].name,
      worstRatio: round(worst),
      averageGain: round(avgGain),
      averageGainAtLeast3Percent: avgGain >= 0.03,
    },
    coherence: p.coherence,
    levelMultipliers: Object.fromEntries(
      h.levels.map((l, i) => [l.name, round(p.fit.multipliers[i])]),
    ),
    mintLambda: p.lambdas.map(round),
    series: {
      aggregate: h.nAgg,
      bottom: h.nBottom,
      perLevel: Object.fromEntries(h.levels.map((l) => [l.name, l.size])),
    },
    split: {
      horizon: p.ds.horizon,
      origins: p.ds.origins.length,
      dev: p.ds.dev,
      test: p.ds.origins.length - p.ds.dev,
      note: p.ds.note,
    },
    seconds: {
      base: round(p.seconds.base),
      fit: round(p.seconds.fit),
      reconcile: round(p.seconds.reconcile),
    },
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

async function main(): Promise<void> {
  const only = process.env['BENCH_HIER_ONLY'];
  const loaders = [ojHierarchy, favoritaHierarchy, ausRetailHierarchy];
  const t0 = performance.now();
  const prepared: Prepared[] = [];
  for (const load of loaders) {
    const ds = load(smoke);
    if (only && ds.name !== only) continue;
    const p = await prepare(ds);
    scoreSplit(p, 'dev', undefined);
    prepared.push(p);
  }
  // One default for all datasets, fixed from the development origins before any test origin is scored.
  const choice = chooseDefault(
    prepared.map((p) => ({ h: p.h, table: p.tables.dev })),
    KEYS,
  );
  log(
    `default ${choice.key}; development: ${choice.summary
      .slice(0, 5)
      .map(
        (s) =>
          `${s.key} passes ${s.passes}, mean ratio ${s.meanRatio.toFixed(3)}`,
      )
      .join('; ')}`,
  );
  const datasets: Record<string, unknown> = {};
  for (const p of prepared) {
    scoreSplit(p, 'test', choice.key);
    datasets[p.ds.name] = report(p, choice.key);
  }
  const dir = smoke
    ? join(process.cwd(), 'bench-results', 'smoke')
    : join(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, only ? `hierarchy-${only}.json` : 'hierarchy.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        smoke,
        samples: SAMPLES,
        seconds: round((performance.now() - t0) / 1000),
        defaultRule:
          'one method for every dataset: among coherent methods, the one within 1% of min(base, bottomUp) at every level on the development origins of the most datasets, ties by the lowest mean development ratio',
        development: choice.summary.map((s) => ({
          ...s,
          meanRatio: round(s.meanRatio),
          worst: round(s.worst),
        })),
        datasets,
      },
      null,
      2,
    ),
  );
  log(`wrote ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
