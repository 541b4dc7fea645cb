/**
 * bench:hierarchy — forecast reconciliation on three real hierarchies (Dominick's OJ, Favorita,
 * ABS Australian retail). At every rolling origin the engine forecasts every series at every
 * level (hierarchy-base.ts); each method reconciles the same base forecasts (points and
 * sample-path quantiles). ONE default method for all datasets is chosen on the development
 * origins (the earlier half of each dataset's scored origins; rule in hierarchy-score.ts) before
 * any test origin is scored, and the test origins are scored once with it. A few warm-up origins
 * before the development ones are never scored: they only give the stacked method
 * (hierarchy-stack.ts), which learns from the last origins with known actuals, its first windows. MASE per series (in-sample seasonal-naive
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
  coherenceError,
  combineReconcilers,
  createReconciler,
  type Forecast,
  levelWeightedVariances,
  reconcileForecasts,
  reconcileQuantiles,
  type ReconciliationMethod,
  scoreForecast,
} from '../src';
import {
  ausRetailHierarchy,
  favoritaHierarchy,
  ojHierarchy,
} from './hierarchy-data';
import { type Prepared, prepare } from './hierarchy-origins';
import { STACK_METHODS, stackReconcilers } from './hierarchy-stack';
import {
  addScore,
  chooseDefault,
  coverageOf,
  maseOf,
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
  /** Stacked: bottomUp/topDown/wls combined with weights from the last origins (hierarchy-stack.ts). */
  stacked?: boolean;
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
  { key: 'stacked', stacked: true },
];

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
      if (!spec.method && !spec.stacked) {
        fcs = base.point.map((pt, i) => ({
          point: pt,
          levels: LEVELS,
          values: [base.p10[i], pt, base.p90[i]],
        }));
      } else {
        const rec = spec.stacked
          ? combineReconcilers(h, stackReconcilers(h), o.stack ?? [])
          : createReconciler(h, {
              method: spec.method ?? 'bottomUp',
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

const KEYS = METHODS.map((mm) => mm.key);

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
    stackedWeights: {
      methods: STACK_METHODS,
      byOrigin: p.origins
        .filter((o) => o.split !== 'warm')
        .map((o) => ({
          split: o.split,
          weights: Array.from(o.stack ?? [], round),
        })),
    },
    series: {
      aggregate: h.nAgg,
      bottom: h.nBottom,
      perLevel: Object.fromEntries(h.levels.map((l) => [l.name, l.size])),
    },
    split: {
      horizon: p.ds.horizon,
      origins: p.ds.origins.length - p.ds.warm,
      warmUp: p.ds.warm,
      dev: p.ds.dev,
      test: p.ds.origins.length - p.ds.warm - p.ds.dev,
      note: p.ds.note,
    },
    seconds: {
      base: round(p.seconds.base),
      fit: round(p.seconds.fit),
      reconcile: round(p.seconds.reconcile),
    },
  };
}

async function main(): Promise<void> {
  const only = process.env['BENCH_HIER_ONLY'];
  const loaders = [ojHierarchy, favoritaHierarchy, ausRetailHierarchy];
  const t0 = performance.now();
  const prepared: Prepared[] = [];
  for (const load of loaders) {
    const ds = load(smoke);
    if (only && ds.name !== only) continue;
    const p = await prepare(ds, KEYS, log);
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
