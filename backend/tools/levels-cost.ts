/**
 * One-off cost check of the forecast levels (docs/hierarchy.md, "Cost on the demo data"): the
 * demo data's product × store series through the engine as the nightly run does (statistical
 * candidates and backtests, no neural model, no drivers: a shorter run, so the levels' share is
 * an upper bound), then the levels step (reconcileLevels: the engine on the aggregates, the served
 * reconciliation and the accuracy per level) on its forecasts and latest backtest window. Wall and
 * CPU seconds of each; database reads and writes are left out on both sides.
 *
 *   node -r ./backend/tools/register.js backend/tools/levels-cost.ts [stores] [products]
 */
import { NO_REGION_KEY } from '@shelfcast/contracts';
import { generateDemo } from '@shelfcast/demo-data';
import { trainAndForecast } from '@shelfcast/forecasting';
import {
  ACCURACY_SCALE_DAYS,
  BOTTOM_SCALE_DAYS,
  type LevelBottom,
  type LevelPanel,
  LEVEL_HISTORY_DAYS,
  addDays,
} from '../api/src/forecasts/levels/level-data';
import { reconcileLevels } from '../api/src/forecasts/levels/level-reconcile';

const H = 28;
const ORIGINS = 3;

function table(lines: Iterable<string>): Record<string, string>[] {
  let header: string[] | null = null;
  const out: Record<string, string>[] = [];
  for (const line of lines) {
    const f = line.split(',');
    if (!header) header = f;
    else out.push(Object.fromEntries(header.map((h, i) => [h, f[i]])));
  }
  return out;
}

type Run = Awaited<ReturnType<typeof trainAndForecast>>;

function full0(
  series: Map<string, { start: string; values: number[] }>,
  first: string,
  length: number,
): (id: string) => Float64Array {
  return (id) => {
    const s = series.get(id) as { start: string; values: number[] };
    const v = new Float64Array(length);
    const off = Math.round(
      (Date.parse(s.start) - Date.parse(first)) / 86_400_000,
    );
    s.values.forEach((x, t) => (v[off + t] = x));
    return v;
  };
}

/** Seasonal-naive forecasts and backtest (last week repeated, ±30% band): for profiling only. */
function naiveRun(
  ids: string[],
  full: (id: string) => Float64Array,
  h: number,
): Run {
  const week = (v: Float64Array, end: number) =>
    Float64Array.from({ length: h }, (_, t) => v[end - 7 + (t % 7)] ?? 0);
  return {
    errors: [],
    series: ids.map((id) => {
      const v = full(id);
      const p50 = week(v, v.length);
      const b50 = week(v, v.length - h);
      return {
        id,
        forecast: {
          levels: [0.1, 0.5, 0.9],
          point: p50,
          values: [p50.map((x) => x * 0.7), p50, p50.map((x) => x * 1.3)],
        },
        backtestForecasts: [
          {
            origin: v.length - h,
            start: '',
            dates: [],
            p10: b50.map((x) => x * 0.7),
            p50: b50,
            p90: b50.map((x) => x * 1.3),
          },
        ],
      };
    }),
  } as unknown as Run;
}

async function main(): Promise<void> {
  const stores = Number(process.argv[2] ?? 20);
  const products = Number(process.argv[3] ?? 200);
  const demo = generateDemo({ stores, products });
  const storeRows = table(demo.stores);
  const productRows = table(demo.products);
  const series = new Map<string, { start: string; values: number[] }>();
  let first = '';
  let last = '';
  for (const line of demo.sales) {
    const [store, sku, date, units, , , , , grain] = line.split(',');
    if (store === 'store' || grain !== 'day') continue;
    if (!first || date < first) first = date;
    if (date > last) last = date;
    const k = `${store}|${sku}`;
    let s = series.get(k);
    if (!s) series.set(k, (s = { start: date, values: [] }));
    const t = Math.round((Date.parse(date) - Date.parse(s.start)) / 86_400_000);
    while (s.values.length < t) s.values.push(0);
    s.values[t] = (s.values[t] ?? 0) + Number(units);
  }
  const length =
    Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
  const ids = [...series.keys()].sort();
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  // NAIVE=1 (profiling the levels step only): seasonal-naive bottoms instead of the engine run.
  const run =
    process.env['NAIVE'] === '1'
      ? naiveRun(ids, full0(series, first, length), H)
      : await trainAndForecast(
          {
            frequency: 'day',
            series: ids.map((id) => {
              const s = series.get(id) as { start: string; values: number[] };
              const v = new Float64Array(length);
              const off = Math.round(
                (Date.parse(s.start) - Date.parse(first)) / 86_400_000,
              );
              s.values.forEach((x, t) => (v[off + t] = x));
              return { id, start: first, values: v };
            }),
          },
          {
            horizon: H,
            origins: ORIGINS,
            seed: 42,
            neural: false,
            quantiles: [0.1, 0.5, 0.9],
          },
        );
  const runWall = (performance.now() - w0) / 1000;
  const runCpu = process.cpuUsage(cpu0);

  // The panel the API would read: forecasts, the latest backtest window, histories.
  const dates = Array.from({ length: H }, (_, t) => addDays(last, t + 1));
  const historyDates = Array.from({ length: LEVEL_HISTORY_DAYS }, (_, i) =>
    addDays(last, i - LEVEL_HISTORY_DAYS + 1),
  );
  const residualDates = Array.from({ length: H }, (_, t) =>
    addDays(last, t - H + 1),
  );
  const storeInfo = new Map(storeRows.map((r) => [r['code'], r]));
  const productInfo = new Map(productRows.map((r) => [r['sku'], r]));
  const full = (id: string): Float64Array => {
    const s = series.get(id) as { start: string; values: number[] };
    const v = new Float64Array(length);
    const off = Math.round(
      (Date.parse(s.start) - Date.parse(first)) / 86_400_000,
    );
    s.values.forEach((x, t) => (v[off + t] = x));
    return v;
  };
  const tail = (v: Float64Array, n: number, endOffset = 0): Float64Array => {
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const j = v.length - endOffset - n + t;
      if (j >= 0) out[t] = v[j];
    }
    return out;
  };
  const bottoms: LevelBottom[] = [];
  const sum = new Map<string, Float64Array>();
  const addTo = (k: string, v: Float64Array) => {
    let s = sum.get(k);
    if (!s) sum.set(k, (s = new Float64Array(LEVEL_HISTORY_DAYS)));
    for (let t = 0; t < LEVEL_HISTORY_DAYS; t++) s[t] += v[t];
  };
  for (const r of run.series) {
    const [store, sku] = r.id.split('|');
    const v = full(r.id);
    const s = storeInfo.get(store) ?? {};
    const p = productInfo.get(sku) ?? {};
    const q = (level: number) =>
      Float64Array.from(
        r.forecast.values[r.forecast.levels.indexOf(level)] ?? r.forecast.point,
      );
    const w = r.backtestForecasts[r.backtestForecasts.length - 1];
    const nan = () => new Float64Array(H).fill(NaN);
    const backtest = { p10: nan(), p50: nan(), p90: nan() };
    const residuals = nan();
    if (w)
      for (let t = 0; t < H; t++) {
        const d = w.dates[t] ?? residualDates[t];
        const row = residualDates.indexOf(d);
        if (row < 0) continue;
        backtest.p10[row] = w.p10[t];
        backtest.p50[row] = w.p50[t];
        backtest.p90[row] = w.p90[t];
        residuals[row] = v[w.origin + t] - w.p50[t];
      }
    const category = (p['category_path'] ?? '').split('/')[0];
    bottoms.push({
      storeId: Number(store.slice(1)),
      productId: Number(sku.slice(1)),
      store,
      storeName: s['name'] ?? store,
      region: s['region'] || NO_REGION_KEY,
      category,
      sku,
      productName: p['name'] ?? sku,
      p10: q(0.1),
      p50: q(0.5),
      p90: q(0.9),
      residuals,
      backtest,
      scaleHistory: tail(v, ACCURACY_SCALE_DAYS, H),
      recent: tail(v, BOTTOM_SCALE_DAYS),
    });
    const hist = tail(v, LEVEL_HISTORY_DAYS);
    addTo(`s:${store}`, hist);
    addTo(`p:${sku}`, hist);
    addTo(`c:${store}|${category}`, hist);
  }
  const pick = (prefix: string) =>
    new Map(
      [...sum]
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    );
  const panel: LevelPanel = {
    runId: 'cost-check',
    dates,
    historyDates,
    residualDates,
    bottoms,
    storeHistory: pick('s:'),
    productHistory: pick('p:'),
    storeCategoryHistory: pick('c:'),
  };
  const cpu1 = process.cpuUsage();
  const w1 = performance.now();
  const rec = await reconcileLevels(panel, {
    method: (process.env['HIERARCHY_METHOD'] ?? 'wlsLevel') as 'wlsLevel',
    base: 'engine',
    origins: ORIGINS,
  });
  const levelWall = (performance.now() - w1) / 1000;
  const levelCpu = process.cpuUsage(cpu1);
  const cpuS = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
  console.log(
    JSON.stringify(
      {
        series: bottoms.length,
        aggregates: rec.h.nAgg,
        method: rec.method,
        run: { wall: runWall, cpu: cpuS(runCpu), errors: run.errors.length },
        levels: {
          wall: levelWall,
          cpu: cpuS(levelCpu),
          steps: rec.seconds,
        },
        share: {
          wall: levelWall / (runWall + levelWall),
          cpu: cpuS(levelCpu) / (cpuS(runCpu) + cpuS(levelCpu)),
        },
        loadavg: (await import('node:os')).loadavg(),
      },
      null,
      2,
    ),
  );
}

void main();
