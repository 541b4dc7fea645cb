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
  type Forecast,
  type Hierarchy,
  pooledLevelVariances,
  reconcileForecasts,
  reconcileQuantiles,
  type ReconciliationMethod,
  scoreForecast,
  seasonPeriod,
  sigmaFromQuantiles,
} from '../src';
import { baseForecasts } from './hierarchy-base';
import {
  ausRetailHierarchy,
  favoritaHierarchy,
  type HierarchyDataset,
  ojHierarchy,
} from './hierarchy-data';

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
  residuals?: 'hybrid' | 'insample' | 'backtest';
  /** wlsVar with per-level pooled variances (see levelVariances). */
  levelPooled?: boolean;
  /** topDown path = [first level, bottom level] instead of the default nested path. */
  flat?: boolean;
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
  { key: 'mint', method: 'mint' },
  { key: 'mintNonNeg', method: 'mint', nonNegative: true },
  { key: 'mintInSample', method: 'mint', residuals: 'insample' },
  { key: 'mintBacktest', method: 'mint', residuals: 'backtest' },
];

interface Acc {
  mase: number;
  n: number;
  inside: number;
  scored: number;
}
type Table = Record<string, Record<string, Acc>>; // method → level → acc

function newTable(h: Hierarchy): Table {
  const t: Table = {};
  for (const m of METHODS) {
    t[m.key] = {};
    for (const l of h.levels)
      t[m.key][l.name] = { mase: 0, n: 0, inside: 0, scored: 0 };
  }
  return t;
}

const maseOf = (t: Table, key: string, level: string): number =>
  t[key][level].mase / t[key][level].n;
const coverageOf = (t: Table, key: string, level: string): number =>
  t[key][level].inside / t[key][level].scored;

/** Ratio of a method's MASE to the better of base and bottom-up, per level. */
function ratios(t: Table, h: Hierarchy, key: string): number[] {
  return h.levels.map(
    (l) =>
      maseOf(t, key, l.name) /
      Math.min(maseOf(t, 'base', l.name), maseOf(t, 'bottomUp', l.name)),
  );
}

/** Coherent method with every level within 1% of the better reference and the best mean ratio; else the smallest worst ratio. */
function chooseDefault(t: Table, h: Hierarchy): string {
  const cands = METHODS.filter((m) => m.key !== 'base').map((m) => {
    const r = ratios(t, h, m.key);
    return {
      key: m.key,
      mean: r.reduce((a, b) => a + b, 0) / r.length,
      worst: Math.max(...r),
    };
  });
  const ok = cands.filter((c) => c.worst <= 1.01);
  if (ok.length > 0) return ok.reduce((b, c) => (c.mean < b.mean ? c : b)).key;
  return cands.reduce((b, c) => (c.worst < b.worst ? c : b)).key;
}

async function runDataset(
  ds: HierarchyDataset,
): Promise<Record<string, unknown>> {
  const h = buildHierarchy(ds.bottoms, ds.levels, ds.bottomLevel);
  const full = aggregateBottom(
    h,
    ds.bottoms.map((b) => b.values),
  );
  const n = h.ids.length;
  const m = seasonPeriod(ds.frequency);
  const H = ds.horizon;
  log(
    `${ds.name}: ${ds.note}; ${h.nAgg} aggregate + ${h.nBottom} bottom series`,
  );
  const tables = { dev: newTable(h), test: newTable(h) };
  const coherence: Record<string, number> = {};
  const lambdas: number[] = [];
  let baseSeconds = 0;
  let reconcileSeconds = 0;
  let def: string | undefined;
  for (const [k, origin] of ds.origins.entries()) {
    const split = k < ds.dev ? 'dev' : 'test';
    // The default is fixed from the development origins before any test origin is scored.
    if (split === 'test' && def === undefined)
      def = chooseDefault(tables.dev, h);
    const base = await baseForecasts(ds, h, full, origin, log);
    baseSeconds += base.seconds;
    const sigma = base.point.map((_, i) =>
      sigmaFromQuantiles({
        levels: [0.1, 0.9],
        values: [base.p10[i], base.p90[i]],
      }),
    );
    const pooled = pooledLevelVariances(
      h,
      full.map((s) => s.subarray(0, origin)),
      base.residuals,
      m,
    );
    const hybrid = base.insample.map((r, i) => rescale(r, base.residuals[i]));
    const t0 = performance.now();
    for (const spec of METHODS) {
      let fcs: Forecast[];
      if (!spec.method) {
        fcs = base.point.map((p, i) => ({
          point: p,
          levels: LEVELS,
          values: [base.p10[i], p, base.p90[i]],
        }));
      } else {
        const rec = createReconciler(h, {
          method: spec.method,
          nonNegative: spec.nonNegative,
          variances: spec.levelPooled ? pooled : undefined,
          topDownPath: spec.flat
            ? [h.levels[0].name, h.levels[h.levels.length - 1].name]
            : undefined,
          residuals:
            spec.residuals === 'backtest'
              ? base.residuals
              : spec.residuals === 'insample'
                ? base.insample
                : hybrid,
        });
        if (spec.key === 'mint' && rec.lambda !== undefined)
          lambdas.push(rec.lambda);
        // Sample-path quantiles (the costly part) only where coverage is reported: the test
        // origins, for the default and bottom-up. Elsewhere points only.
        const withQuantiles =
          split === 'test' && (spec.key === def || spec.key === 'bottomUp');
        fcs = withQuantiles
          ? reconcileQuantiles(h, rec, base.point, sigma, {
              levels: LEVELS,
              // The sample paths' correlation comes from the longer in-sample residuals.
              residuals: base.insample,
              samples: SAMPLES,
              seed: 7 + k,
            })
          : reconcileForecasts(h, rec, base.point).map((p) => ({
              point: p,
              levels: [0.5],
              values: [p],
            }));
        for (let t = 0; t < H; t++) {
          const err = coherenceError(
            h,
            fcs.map((f) => f.point[t]),
          );
          coherence[spec.key] = Math.max(coherence[spec.key] ?? 0, err);
        }
      }
      for (let i = 0; i < n; i++) {
        const actual = full[i].subarray(origin, origin + H);
        const sc = scoreForecast(
          actual,
          fcs[i],
          full[i].subarray(0, origin),
          m,
        );
        if (!Number.isFinite(sc.mase)) continue;
        const acc = tables[split][spec.key][h.levels[h.levelOf[i]].name];
        acc.mase += sc.mase;
        acc.n++;
        if (fcs[i].values.length > 1) {
          acc.inside += sc.coverage * sc.count;
          acc.scored += sc.count;
        }
      }
    }
    reconcileSeconds += (performance.now() - t0) / 1000;
    log(
      `${ds.name}: origin ${k + 1}/${ds.origins.length} (${split}) done; base ${base.seconds.toFixed(1)} s, ${base.errors} errors`,
    );
  }
  if (def === undefined) def = chooseDefault(tables.dev, h);
  const levelsOut = (
    t: Table,
    f: (t: Table, key: string, level: string) => number,
  ): Record<string, Record<string, number>> =>
    Object.fromEntries(
      h.levels.map((l) => [
        l.name,
        Object.fromEntries(
          METHODS.map((mm) => [mm.key, round(f(t, mm.key, l.name))]),
        ),
      ]),
    );
  const r = ratios(tables.test, h, def);
  const avgGain = 1 - r.reduce((a, b) => a + b, 0) / r.length;
  const worst = Math.max(...r);
  const worstLevel = h.levels[r.indexOf(worst)].name;
  const targets = {
    coherent: (coherence[def] ?? 1) < 1e-9,
    maxCoherenceError: coherence[def],
    ratioToBetterOfBaseAndBottomUp: Object.fromEntries(
      h.levels.map((l, i) => [l.name, round(r[i])]),
    ),
    withinOnePercentAtEveryLevel: worst <= 1.01,
    worstLevel,
    worstRatio: round(worst),
    averageGain: round(avgGain),
    averageGainAtLeast3Percent: avgGain >= 0.03,
  };
  printTable(ds.name, def, h, tables.test);
  return {
    default: def,
    levels: levelsOut(tables.test, maseOf),
    coverage: Object.fromEntries(
      h.levels.map((l) => [
        l.name,
        Object.fromEntries(
          [...new Set(['base', 'bottomUp', def as string])].map((key) => [
            key,
            round(coverageOf(tables.test, key, l.name)),
          ]),
        ),
      ]),
    ),
    devLevels: levelsOut(tables.dev, maseOf),
    targets,
    coherence,
    mintLambda: lambdas.map(round),
    series: {
      aggregate: h.nAgg,
      bottom: h.nBottom,
      perLevel: Object.fromEntries(h.levels.map((l) => [l.name, l.size])),
    },
    split: {
      horizon: H,
      origins: ds.origins.length,
      dev: ds.dev,
      test: ds.origins.length - ds.dev,
      note: ds.note,
    },
    seconds: { base: round(baseSeconds), reconcile: round(reconcileSeconds) },
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

const round = (v: number): number =>
  Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;

function printTable(name: string, def: string, h: Hierarchy, t: Table): void {
  console.log(
    `\n${name} — test MASE per level (default: ${def}); P10–P90 coverage of the default in brackets`,
  );
  console.log(
    `| level | ${METHODS.map((m) => m.key).join(' | ')} | cov base | cov ${def} |`,
  );
  console.log(`|---|${METHODS.map(() => '---').join('|')}|---|---|`);
  for (const l of h.levels)
    console.log(
      `| ${l.name} | ${METHODS.map((m) => maseOf(t, m.key, l.name).toFixed(3)).join(' | ')} | ${coverageOf(t, 'base', l.name).toFixed(2)} | ${coverageOf(t, def, l.name).toFixed(2)} |`,
    );
}

async function main(): Promise<void> {
  const only = process.env['BENCH_HIER_ONLY'];
  const loaders = [ojHierarchy, favoritaHierarchy, ausRetailHierarchy];
  const datasets: Record<string, unknown> = {};
  const t0 = performance.now();
  for (const load of loaders) {
    const ds = load(smoke);
    if (only && ds.name !== only) continue;
    datasets[ds.name] = await runDataset(ds);
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
