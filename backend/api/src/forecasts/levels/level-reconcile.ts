import {
  buildHierarchy,
  createReconciler,
  type Hierarchy,
  type HierarchyLevelSpec,
  nodeId,
  pooledLevelVariances,
  type Reconciler,
  reconcileQuantiles,
  sigmaFromQuantiles,
  trainAndForecast,
} from '@shelfcast/forecasting';
import type { HierarchyMethod } from '../../config/training-config';
import {
  type AggregateBacktest,
  backtestAccuracy,
  type NodeAccuracy,
} from './level-accuracy';
import { type LevelPanel } from './level-data';

/**
 * Aggregate levels over the product × store bottom series (names = the API's `level` values; a
 * node's id is `<level>:<keys joined by |>`, so a categoryStore key is `<store>|<category>`).
 */
export const LEVEL_SPECS: HierarchyLevelSpec[] = [
  { name: 'chain', keys: [] },
  { name: 'region', keys: ['region'] },
  { name: 'store', keys: ['store'] },
  { name: 'category', keys: ['category'] },
  { name: 'categoryStore', keys: ['store', 'category'] },
  { name: 'product', keys: ['product'] },
];
/** Name of the bottom level; a bottom's id (and API key) is `<store>|<sku>`. */
export const BOTTOM_LEVEL = 'productStore';
const spec = (name: string): HierarchyLevelSpec =>
  LEVEL_SPECS.find((l) => l.name === name) as HierarchyLevelSpec;
const QUANTILES = [0.1, 0.5, 0.9];
/**
 * Sample paths per step for the reconciled P10/P90. 100, not 200: with category × store the
 * projection solves a 394 × 394 system per path on the demo data, and 200 paths put the levels
 * over 15% of the nightly run's cost (docs/hierarchy.md, "Cost on the demo data").
 */
const SAMPLES = 100;
/** Weekly seasonality of daily sales (the MASE scale's seasonal-naive period). */
const PERIOD = 7;
/** Fewer days of aggregated history than this: upper base forecasts are the bottoms' sums. */
const MIN_ENGINE_DAYS = 28;

export interface LevelOptions {
  method: HierarchyMethod;
  /** `engine`: the forecasting engine on every aggregated series; `bottom`: sums of the bottoms. */
  base: 'engine' | 'bottom';
  /** Backtest origins of the engine on the aggregated series. */
  origins: number;
}

/** Reconciled forecasts of every node (global order of `h`), with the aggregates' history. */
export interface ReconciledLevels {
  h: Hierarchy;
  index: Map<string, number>;
  method: HierarchyMethod;
  base: 'engine' | 'bottom';
  p10: Float64Array[];
  p50: Float64Array[];
  p90: Float64Array[];
  /** Daily history of each aggregate (index < h.nAgg), from historyStart. */
  history: Float64Array[];
  historyStart: string;
  /** Accuracy of every node on the champion's backtest window (null without one). */
  accuracy: NodeAccuracy | null;
  /** Wall time of the base forecasts, the reconciliation and the accuracy per level (seconds). */
  seconds: { base: number; reconcile: number; accuracy: number };
}

/** Builds the hierarchy, the upper levels' base forecasts and the reconciled quantiles. */
export async function reconcileLevels(
  panel: LevelPanel,
  options: LevelOptions,
): Promise<ReconciledLevels> {
  const h = buildHierarchy(
    panel.bottoms.map((b) => ({
      id: `${b.store}|${b.sku}`,
      attributes: {
        region: b.region,
        store: b.store,
        category: b.category,
        product: b.sku,
      },
    })),
    LEVEL_SPECS,
    BOTTOM_LEVEL,
  );
  const k = h.nAgg;
  const T = panel.residualDates.length;
  const index = new Map(h.ids.map((id, i) => [id, i]));
  const L = panel.historyDates.length;
  // Aggregate histories from the store (chain, region, store), product (category, product) and
  // category × store sums.
  const history = Array.from({ length: k }, () => new Float64Array(L));
  const add = (id: string, s: Float64Array) => {
    const row = history[index.get(id) as number];
    for (let t = 0; t < L; t++) row[t] += s[t];
  };
  const stores = new Map(panel.bottoms.map((b) => [b.store, b]));
  const products = new Map(panel.bottoms.map((b) => [b.sku, b]));
  for (const [code, b] of stores) {
    const s = panel.storeHistory.get(code) as Float64Array;
    add(nodeId(spec('chain'), {}), s);
    add(nodeId(spec('region'), { region: b.region }), s);
    add(nodeId(spec('store'), { store: code }), s);
  }
  for (const [sku, b] of products) {
    const s = panel.productHistory.get(sku) as Float64Array;
    add(nodeId(spec('category'), { category: b.category }), s);
    add(nodeId(spec('product'), { product: sku }), s);
  }
  for (const [key, s] of panel.storeCategoryHistory) {
    const id = `categoryStore:${key}`;
    if (index.has(id)) add(id, s);
  }
  // Leading days without any sale are before the data starts: not part of any history.
  const total = history[0] ?? new Float64Array(0);
  let first = 0;
  while (first < L - 1 && total[first] === 0) first++;
  const trimmed = history.map((s) => s.subarray(first));

  const mean: Float64Array[] = [];
  const sigma: Float64Array[] = [];
  const residuals: Float64Array[] = [];
  for (let j = 0; j < h.nBottom; j++) {
    const b = panel.bottoms[j];
    mean[k + j] = b.p50;
    sigma[k + j] = sigmaFromQuantiles({
      levels: [0.1, 0.9],
      values: [b.p10, b.p90],
    });
    residuals[k + j] = b.residuals;
  }
  const t0 = performance.now();
  // The engine needs some history; a panel of a few weeks keeps the sums of its bottoms.
  const engine =
    options.base === 'engine' && k > 0 && L - first >= MIN_ENGINE_DAYS;
  let aggregateBacktest: AggregateBacktest | null = null;
  if (engine)
    aggregateBacktest = await engineBase(
      panel,
      h,
      trimmed,
      options.origins,
      mean,
      sigma,
      residuals,
    );
  else bottomBase(h, mean, sigma, residuals, T);
  const t1 = performance.now();

  const reconciler = makeReconciler(
    h,
    options.method,
    trimmed,
    residuals,
    panel,
  );
  const fcs = reconcileQuantiles(
    h,
    // Points as well as samples: negative bottoms set to zero and summed up (coherent, and no
    // active set re-solved for thousands of bottoms).
    { ...reconciler, project: reconciler.projectSample },
    mean,
    sigma,
    {
      levels: QUANTILES,
      residuals: T > 1 ? residuals : undefined,
      samples: SAMPLES,
      seed: 1,
    },
  );
  const p50 = fcs.map((f) => f.point);
  const p10 = fcs.map((f, i) =>
    f.values[0].map((v, t) => Math.max(0, Math.min(v, p50[i][t]))),
  );
  const p90 = fcs.map((f, i) =>
    f.values[2].map((v, t) => Math.max(v, p50[i][t])),
  );
  const t2 = performance.now();
  const accuracy =
    T > 0
      ? backtestAccuracy(
          h,
          reconciler,
          panel.bottoms,
          aggregateBacktest,
          T > 1 ? residuals : undefined,
        )
      : null;
  const t3 = performance.now();
  return {
    h,
    index,
    method: options.method,
    base: engine ? 'engine' : 'bottom',
    p10,
    p50,
    p90,
    history: trimmed.map((s) => Float64Array.from(s)),
    historyStart: panel.historyDates[first] ?? panel.dates[0],
    accuracy,
    seconds: {
      base: (t1 - t0) / 1000,
      reconcile: (t2 - t1) / 1000,
      accuracy: (t3 - t2) / 1000,
    },
  };
}

/** The library reconciler for a configured method (`wlsLevel`: WLS with level-pooled variances). */
function makeReconciler(
  h: Hierarchy,
  method: HierarchyMethod,
  aggHistory: Float64Array[],
  residuals: Float64Array[],
  panel: LevelPanel,
): Reconciler {
  const hasResiduals = panel.residualDates.length > 1;
  if (
    (method === 'wlsVar' || method === 'mint' || method === 'wlsLevel') &&
    !hasResiduals
  )
    // No stored backtest window (e.g. a run without backtests): structural weights.
    return createReconciler(h, { method: 'wls', nonNegative: true });
  if (method === 'wlsLevel') {
    const scaleDays = panel.bottoms[0]?.recent.length ?? 0;
    const histories = [
      ...aggHistory.map((s) => s.subarray(Math.max(0, s.length - scaleDays))),
      ...panel.bottoms.map((b) => b.recent),
    ];
    return createReconciler(h, {
      method: 'wlsVar',
      nonNegative: true,
      variances: pooledLevelVariances(h, histories, residuals, PERIOD),
    });
  }
  return createReconciler(h, { method, nonNegative: true, residuals });
}

/** Upper levels' base = sums of the bottom forecasts (σ as if independent), errors summed too. */
function bottomBase(
  h: Hierarchy,
  mean: Float64Array[],
  sigma: Float64Array[],
  residuals: Float64Array[],
  T: number,
): void {
  const k = h.nAgg;
  const H = mean[k]?.length ?? 0;
  for (let i = 0; i < k; i++) {
    const m = new Float64Array(H);
    const v = new Float64Array(H);
    const r = new Float64Array(T);
    for (let c = h.childPtr[i]; c < h.childPtr[i + 1]; c++) {
      const j = k + h.children[c];
      for (let t = 0; t < H; t++) {
        m[t] += mean[j][t];
        v[t] += sigma[j][t] ** 2;
      }
      for (let t = 0; t < T; t++)
        if (Number.isFinite(residuals[j][t])) r[t] += residuals[j][t];
    }
    mean[i] = m;
    sigma[i] = v.map(Math.sqrt);
    residuals[i] = r;
  }
}

/**
 * The forecasting engine (statistical candidates, backtest selection) on every aggregate; returns
 * the aggregates' backtest P50 and σ on the bottoms' backtest dates (for the accuracy per level).
 */
async function engineBase(
  panel: LevelPanel,
  h: Hierarchy,
  history: Float64Array[],
  origins: number,
  mean: Float64Array[],
  sigma: Float64Array[],
  residuals: Float64Array[],
): Promise<AggregateBacktest> {
  const k = h.nAgg;
  const H = panel.dates.length;
  const T = panel.residualDates.length;
  const backtest: AggregateBacktest = {
    p50: Array.from({ length: k }, () => new Float64Array(T).fill(NaN)),
    sigma: Array.from({ length: k }, () => new Float64Array(T).fill(NaN)),
  };
  const L = history[0].length;
  const start = panel.historyDates[panel.historyDates.length - L];
  const result = await trainAndForecast(
    {
      frequency: 'day',
      series: history.map((values, i) => ({
        id: h.ids[i],
        start,
        values,
        attributes: { category: h.levels[h.levelOf[i]].name },
      })),
    },
    {
      horizon: H,
      origins,
      seed: 42,
      neural: false,
      gbdt: false,
      drivers: false,
    },
  );
  const byId = new Map(result.series.map((s) => [s.id, s]));
  // Residual row of each history index (the bottoms' stored backtest dates).
  const rowOf = new Map(
    panel.residualDates.map((d, r) => [panel.historyDates.indexOf(d), r]),
  );
  const offset = panel.historyDates.length - L;
  for (let i = 0; i < k; i++) {
    const s = byId.get(h.ids[i]);
    const res = new Float64Array(panel.residualDates.length).fill(NaN);
    residuals[i] = res;
    if (!s) {
      // A failed aggregate keeps the sum of its bottoms as its base forecast.
      const m = new Float64Array(H);
      const v = new Float64Array(H);
      for (let c = h.childPtr[i]; c < h.childPtr[i + 1]; c++)
        for (let t = 0; t < H; t++) {
          m[t] += mean[k + h.children[c]][t];
          v[t] += sigma[k + h.children[c]][t] ** 2;
        }
      mean[i] = m;
      sigma[i] = v.map(Math.sqrt);
      continue;
    }
    const f = s.forecast;
    mean[i] = Float64Array.from(f.point, (v) => Math.max(0, v));
    sigma[i] = sigmaFromQuantiles(f);
    for (const w of s.backtestForecasts) {
      const sd = sigmaFromQuantiles({
        levels: [0.1, 0.9],
        values: [w.p10, w.p90],
      });
      for (let t = 0; t < w.p50.length; t++) {
        const r = rowOf.get(w.origin + t + offset);
        if (r !== undefined && w.origin + t < L) {
          res[r] = history[i][w.origin + t] - w.p50[t];
          backtest.p50[i][r] = w.p50[t];
          backtest.sigma[i][r] = sd[t];
        }
      }
    }
  }
  return backtest;
}
