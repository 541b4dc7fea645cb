// Policy replay on Dominick's OJ: decision quality of the inventory policy fed by
// our forecaster versus seasonal-naive forecasts.
// Run: npm run bench:policy   (data: ../shared/data or SHELFCAST_SHARED_DATA)
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  cachingForecaster,
  Calibration,
  calibrateServiceLevel,
  Forecaster,
  PanelParams,
  PanelResult,
  promoRegressionForecaster,
  replayPanel,
  replayPolicy,
  seasonalNaiveForecaster,
  SeriesHistory,
} from '../src';
import { loadOjSeries, ojCsvPath } from './oj-data';
import { oracleFillRates } from './oracle-check';

// Seasonal-naive needs a year of history plus some seasonal errors for its spread.
const FIRST_WEEK = 105;
// Backtest calibration: parameter searched on weeks 105..132, applied to 133..160.
const SPLIT_WEEK = 133;
const TARGETS = [0.9, 0.95, 0.98];
const LEAD_TIME = 1;

const methods: { name: string; make: () => Forecaster }[] = [
  { name: 'ours (promo regression)', make: () => promoRegressionForecaster() },
  { name: 'seasonal naive', make: () => seasonalNaiveForecaster() },
];

const weekIndex = (h: SeriesHistory, week: number): number => {
  const calendar = h.calendar ?? new Int32Array(0);
  const i = calendar.findIndex((w) => w >= week);
  return i < 0 ? h.demand.length : i;
};
const window =
  (from: number, to?: number): PanelParams =>
  (h) => ({
    leadTime: LEAD_TIME,
    reviewPeriod: 1,
    start: weekIndex(h, from),
    end: to === undefined ? undefined : weekIndex(h, to),
  });
const FULL = window(FIRST_WEEK);
const TRAIN = window(FIRST_WEEK, SPLIT_WEEK);
const TEST = window(SPLIT_WEEK);

const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)}%`;
const units = (x: number): string => Math.round(x).toLocaleString('en-US');
const row = (cells: (string | number)[]): void =>
  console.log(`| ${cells.join(' | ')} |`);
const summary = (r: PanelResult) => ({
  fillRate: r.fillRate,
  cycleServiceLevel: r.cycleServiceLevel,
  averageOnHand: r.averageOnHand,
  weeksOfCover: r.periodsOfCover,
  orders: r.orders,
  meanSeriesFillRate: r.meanSeriesFillRate,
});

function main(): void {
  const t0 = performance.now();
  const series = loadOjSeries();
  const weeks = series.reduce(
    (n, s) => n + s.demand.length - weekIndex(s, FIRST_WEEK),
    0,
  );
  console.log(
    `Policy replay: ${series.length} store × brand series (${ojCsvPath()}), weeks ${FIRST_WEEK}..160 ` +
      `(${weeks} series-weeks), lead time ${LEAD_TIME} week, weekly review, lost sales, fill-rate targets.`,
  );

  // What the what-if slider pays for one series with a cold forecaster.
  const oneSeriesMs: Record<string, number> = {};
  for (const m of methods) {
    const times = series.slice(0, 40).map((s) => {
      const t = performance.now();
      replayPolicy(s, m.make(), {
        ...FULL(s, 0),
        service: { kind: 'fill-rate', level: 0.95 },
      });
      return performance.now() - t;
    });
    times.sort((a, b) => a - b);
    oneSeriesMs[m.name] = times[Math.floor(times.length / 2)];
  }

  const oracle = oracleFillRates(TARGETS);
  console.log(
    '\n(0) Policy alone, synthetic lognormal demand with true quantiles as forecasts: achieved fill rate ' +
      TARGETS.map((t, i) => `${pct(t, 0)} → ${pct(oracle[i])}`).join(', '),
  );

  const forecasters = methods.map((m) =>
    series.map(() => cachingForecaster(m.make())),
  );

  console.log(
    '\n(1) Nominal: the policy is given the target fill rate as is (weeks 105..160)\n',
  );
  row([
    'forecaster',
    'target',
    'achieved fill rate',
    'cycle service',
    'avg on hand',
    'weeks of cover',
    'orders',
  ]);
  row(['---', '---', '---', '---', '---', '---', '---']);
  const nominal: unknown[] = [];
  for (const target of TARGETS) {
    methods.forEach((m, mi) => {
      const r = replayPanel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        FULL,
      );
      nominal.push({ method: m.name, target, ...summary(r) });
      row([
        m.name,
        pct(target, 0),
        pct(r.fillRate),
        pct(r.cycleServiceLevel),
        units(r.averageOnHand),
        r.periodsOfCover.toFixed(2),
        r.orders,
      ]);
    });
  }

  console.log(
    `\n(2) Backtest-calibrated: service parameter searched on weeks ${FIRST_WEEK}..${SPLIT_WEEK - 1}, ` +
      `then applied out of sample to weeks ${SPLIT_WEEK}..160\n`,
  );
  row([
    'forecaster',
    'target',
    'parameter',
    'achieved fill rate (out of sample)',
    'cycle service',
    'avg on hand',
    'weeks of cover',
    'orders',
    'within ±1 pp',
  ]);
  row(['---', '---', '---', '---', '---', '---', '---', '---', '---']);
  const backtest: unknown[] = [];
  for (const target of TARGETS) {
    methods.forEach((m, mi) => {
      const c = calibrateServiceLevel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        TRAIN,
      );
      const r = replayPanel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: c.nominal },
        TEST,
      );
      const ok = Math.abs(r.fillRate - target) <= 0.01;
      backtest.push({
        method: m.name,
        target,
        parameter: c.nominal,
        reachedInTraining: c.reached,
        ...summary(r),
        withinOnePoint: ok,
      });
      row([
        m.name,
        pct(target, 0),
        pct(c.nominal, 2) + (c.reached ? '' : ' (max)'),
        pct(r.fillRate),
        pct(r.cycleServiceLevel),
        units(r.averageOnHand),
        r.periodsOfCover.toFixed(2),
        r.orders,
        ok ? 'yes' : 'no',
      ]);
    });
  }

  console.log(
    '\n(3) Same achieved fill rate: each policy calibrated on weeks 105..160, average stock compared\n',
  );
  row([
    'achieved fill rate',
    'ours: parameter',
    'ours: avg on hand',
    'naive: parameter',
    'naive: avg on hand',
    'stock vs naive',
  ]);
  row(['---', '---', '---', '---', '---', '---']);
  const matched: unknown[] = [];
  for (const target of TARGETS) {
    const [ours, naive]: Calibration[] = methods.map((_, mi) =>
      calibrateServiceLevel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        FULL,
      ),
    );
    const comparable = ours.reached && naive.reached;
    const reduction =
      1 - ours.result.averageOnHand / naive.result.averageOnHand;
    matched.push({
      target,
      ours: {
        parameter: ours.nominal,
        reached: ours.reached,
        ...summary(ours.result),
      },
      naive: {
        parameter: naive.nominal,
        reached: naive.reached,
        ...summary(naive.result),
      },
      stockReduction: comparable ? reduction : null,
    });
    const show = (c: Calibration): string =>
      c.reached
        ? pct(c.nominal, 2)
        : `${pct(c.nominal, 2)}: reaches only ${pct(c.result.fillRate)}`;
    row([
      `${pct(target, 0)} (ours ${pct(ours.result.fillRate, 2)}, naive ${pct(naive.result.fillRate, 2)})`,
      show(ours),
      units(ours.result.averageOnHand),
      show(naive),
      units(naive.result.averageOnHand),
      comparable ? `${pct(-reduction)}` : 'not comparable',
    ]);
  }

  const elapsed = (performance.now() - t0) / 1000;
  console.log(
    '\nOne-series replay with a cold forecaster (median of 40 series):',
  );
  for (const [name, ms] of Object.entries(oneSeriesMs))
    console.log(`  ${name}: ${ms.toFixed(1)} ms`);
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
        weeks: { first: FIRST_WEEK, split: SPLIT_WEEK, last: 160 },
        leadTimeWeeks: LEAD_TIME,
        oracleFillRates: TARGETS.map((target, i) => ({
          target,
          fillRate: oracle[i],
        })),
        nominal,
        backtest,
        matched,
        oneSeriesReplayMs: oneSeriesMs,
        elapsedSeconds: elapsed,
      },
      null,
      2,
    ),
  );
  console.log('Wrote bench-results/policy.json');
}

main();
