// Policy replay on Dominick's OJ: decision quality of the inventory policy fed by
// our forecaster versus seasonal-naive, nominal and fill-rate-matched.
// Run: npm run bench:policy   (data: ../shared/data or SHELFCAST_SHARED_DATA)
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  cachingForecaster,
  Forecaster,
  promoRegressionForecaster,
  replayPolicy,
  ReplayParams,
  seasonalNaiveForecaster,
} from '../src';
import { loadOjSeries, ojCsvPath, OjSeries } from './oj-data';

// Seasonal-naive needs a year of history plus some seasonal errors for its spread.
const FIRST_WEEK = 105;
const TARGETS = [0.9, 0.95, 0.98];
const LEAD_TIME = 1;

interface Method {
  readonly name: string;
  readonly make: () => Forecaster;
}

const methods: Method[] = [
  { name: 'ours: promo regression', make: () => promoRegressionForecaster() },
  { name: 'seasonal naive', make: () => seasonalNaiveForecaster() },
];

interface Aggregate {
  readonly nominal: number;
  readonly fillRate: number;
  readonly cycleServiceLevel: number;
  readonly averageOnHand: number;
  readonly weeksOfCover: number;
  readonly orders: number;
  readonly meanSeriesFillRate: number;
}

function startOf(s: OjSeries): number {
  const i = s.calendar.findIndex((w) => w >= FIRST_WEEK);
  return i < 0 ? s.demand.length : i;
}

function replayAll(
  series: readonly OjSeries[],
  forecasters: readonly Forecaster[],
  nominal: number,
): Aggregate {
  let demand = 0;
  let sales = 0;
  let periods = 0;
  let cyclesOk = 0;
  let stock = 0;
  let orders = 0;
  let seriesFill = 0;
  series.forEach((s, i) => {
    const params: ReplayParams = {
      service: { kind: 'fill-rate', level: nominal },
      leadTime: LEAD_TIME,
      reviewPeriod: 1,
      start: startOf(s),
    };
    const r = replayPolicy(s, forecasters[i], params);
    demand += r.totalDemand;
    sales += r.totalSales;
    periods += r.periods;
    cyclesOk += r.cycleServiceLevel * r.periods;
    stock += r.averageOnHand * r.periods;
    orders += r.orders;
    seriesFill += r.fillRate;
  });
  return {
    nominal,
    fillRate: sales / demand,
    cycleServiceLevel: cyclesOk / periods,
    averageOnHand: stock / periods,
    weeksOfCover: stock / demand,
    orders,
    meanSeriesFillRate: seriesFill / series.length,
  };
}

/** Nominal fill-rate parameter at which the pooled achieved fill rate equals `target`. */
function calibrate(
  series: readonly OjSeries[],
  forecasters: readonly Forecaster[],
  target: number,
): Aggregate {
  let lo = 0.5;
  let hi = 0.9995;
  let best = replayAll(series, forecasters, hi);
  if (best.fillRate < target) return best;
  for (let i = 0; i < 12; i++) {
    const mid = 0.5 * (lo + hi);
    const r = replayAll(series, forecasters, mid);
    if (r.fillRate >= target) {
      hi = mid;
      best = r;
    } else lo = mid;
  }
  return best;
}

const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)}%`;
const units = (x: number): string => Math.round(x).toLocaleString('en-US');

function main(): void {
  const t0 = performance.now();
  const series = loadOjSeries();
  const weeks = series.reduce((n, s) => n + s.demand.length - startOf(s), 0);
  console.log(
    `Policy replay: ${series.length} store × brand series from ${ojCsvPath()}, ` +
      `weeks ${FIRST_WEEK}..160 (${weeks} series-weeks), lead time ${LEAD_TIME} week, weekly review, lost sales.`,
  );

  // One-series replay cost with a cold forecaster (what the what-if slider pays once).
  const oneSeries: Record<string, number> = {};
  for (const m of methods) {
    const times: number[] = [];
    for (const s of series.slice(0, 50)) {
      const t = performance.now();
      replayPolicy(s, m.make(), {
        service: { kind: 'fill-rate', level: 0.95 },
        leadTime: LEAD_TIME,
        start: startOf(s),
      });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    oneSeries[m.name] = times[Math.floor(times.length / 2)];
  }

  const forecasters = methods.map(() =>
    series.map(() => null as Forecaster | null),
  );
  const cached = (mi: number): Forecaster[] =>
    series.map((_, si) => {
      let f = forecasters[mi][si];
      if (!f) {
        f = cachingForecaster(methods[mi].make());
        forecasters[mi][si] = f;
      }
      return f;
    });

  const nominalRows: { method: string; target: number; result: Aggregate }[] =
    [];
  console.log('\nNominal: policy run at the target fill rate');
  console.log(
    '| forecaster | target fill rate | achieved fill rate | cycle service | avg on hand (units) | weeks of cover | orders |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const target of TARGETS) {
    methods.forEach((m, mi) => {
      const r = replayAll(series, cached(mi), target);
      nominalRows.push({ method: m.name, target, result: r });
      console.log(
        `| ${m.name} | ${pct(target, 0)} | ${pct(r.fillRate)} | ${pct(r.cycleServiceLevel)} | ${units(r.averageOnHand)} | ${r.weeksOfCover.toFixed(2)} | ${r.orders} |`,
      );
    });
  }

  const matchedRows: {
    target: number;
    results: Record<string, Aggregate>;
    stockReduction: number;
  }[] = [];
  console.log(
    '\nMatched: each policy calibrated (nominal parameter searched) to the same achieved fill rate',
  );
  console.log(
    '| achieved fill rate | ours: nominal | ours: avg on hand | naive: nominal | naive: avg on hand | stock reduction vs naive |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const target of TARGETS) {
    const results: Record<string, Aggregate> = {};
    methods.forEach((m, mi) => {
      results[m.name] = calibrate(series, cached(mi), target);
    });
    const ours = results[methods[0].name];
    const naive = results[methods[1].name];
    const stockReduction = 1 - ours.averageOnHand / naive.averageOnHand;
    matchedRows.push({ target, results, stockReduction });
    console.log(
      `| ${pct(target, 0)} (${pct(ours.fillRate, 2)} / ${pct(naive.fillRate, 2)}) | ${pct(ours.nominal, 2)} | ${units(ours.averageOnHand)} | ${pct(naive.nominal, 2)} | ${units(naive.averageOnHand)} | ${pct(stockReduction)} |`,
    );
  }

  const elapsed = (performance.now() - t0) / 1000;
  console.log('\nOne series, cold forecaster, median of 50:');
  for (const [name, ms] of Object.entries(oneSeries))
    console.log(`  ${name}: ${ms.toFixed(2)} ms`);
  console.log(`Total bench time ${elapsed.toFixed(1)} s`);

  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/policy.json',
    JSON.stringify(
      {
        date: new Date().toISOString(),
        data: ojCsvPath(),
        series: series.length,
        seriesWeeks: weeks,
        firstWeek: FIRST_WEEK,
        leadTime: LEAD_TIME,
        nominal: nominalRows,
        matched: matchedRows,
        oneSeriesReplayMs: oneSeries,
        elapsedSeconds: elapsed,
      },
      null,
      2,
    ),
  );
  console.log('Wrote bench-results/policy.json');
}

main();
