// Policy replay on Dominick's OJ: decision quality of the inventory policy fed by
// our forecaster versus seasonal-naive forecasts.
// Run: npm run bench:policy   (data: ../shared/data or SHELFCAST_SHARED_DATA)
// BENCH_SMOKE=1: the committed 22-series slice and a 3-step parameter search; writes
// bench-results/smoke/policy.json.
import { writeFileSync } from 'node:fs';
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
import { engineOptions, fitEngine, REFIT_WEEKS } from './engine-forecaster';
import {
  CALIBRATION,
  CALIBRATIONS,
  calibrationName,
  DEV_VARIANTS,
  engineRef,
  engineWith,
  HORIZON,
  INTERPOLATE,
  LEAD_TIME,
  Method,
  perSeries,
  PREVIOUS,
  BANDS_SHAPE,
  rawEngine,
  REGRESSION,
  SCORE_WINDOW,
} from './replay-methods';
import { servedPathCheck } from './served-path-check';
import { loadOjSeries, ojCsvPath } from './oj-data';
import { oracleFillRates } from './oracle-check';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath, smokeOr } from '../../../tools/bench-smoke';

// Seasonal-naive needs a year of history plus some seasonal errors for its spread.
// Smoke mode replays only weeks 145..160 (split at 153) so that its engine refits stay few.
// POLICY_BENCH_TRANSFER_DEV=1: the transfer's development run, weeks 105..132 only (the first
// half), parameter searched on 105..118 and applied to 119..132, with the calibration variants.
const TRANSFER_DEV = process.env['POLICY_BENCH_TRANSFER_DEV'] === '1';
const FIRST_WEEK =
  process.env['POLICY_BENCH_DEV'] === '1' ? 90 : smokeOr(105, 145);
const LAST_WEEK =
  process.env['POLICY_BENCH_DEV'] === '1' ? 105 : TRANSFER_DEV ? 133 : 161;
// Backtest calibration: parameter searched on weeks 105..132, applied to 133..160.
// The development runs split at their middle.
const SPLIT_WEEK =
  process.env['POLICY_BENCH_DEV'] === '1'
    ? 98
    : TRANSFER_DEV
      ? 119
      : smokeOr(133, 153);
// POLICY_BENCH_TARGETS=0.9,0.95: only these targets (several processes can share a run's
// targets; bench/merge-policy-results.ts joins their JSON files into one).
const TARGETS = process.env['POLICY_BENCH_TARGETS']
  ? process.env['POLICY_BENCH_TARGETS'].split(',').map(Number)
  : [0.9, 0.95, 0.98];
// Bisection steps of the service-parameter search (0.5..0.9995): 9 steps
// resolve it to 0.001, enough to compare stock, at 3/4 of the former 12's cost.
const SEARCH = { iterations: smokeOr(9, 3) };
// Weeks of engine refits before the first replayed week (their errors calibrate the first decisions).
const CALIBRATION_WEEKS = smokeOr(16, 8);

// POLICY_BENCH_QUICK=1: every 8th series and the nominal table only (for trying
// things on the shared machine); README numbers come from the full run.
const QUICK = process.env['POLICY_BENCH_QUICK'] === '1';
// POLICY_BENCH_STRIDE=n: every n-th series, all tables (the engine is refitted on that panel
// only). For a shared machine on which 913-series refits do not fit the time available; the
// JSON says so (seriesStride).
const STRIDE = QUICK
  ? 8
  : Math.max(1, Number(process.env['POLICY_BENCH_STRIDE'] ?? 1));
// POLICY_BENCH_DEV=1: development run on weeks 90..104 only (before the
// evaluation weeks), nominal table, with calibration variants; the variant
// in the main tables was chosen from this run.
const DEV = process.env['POLICY_BENCH_DEV'] === '1';

const ENGINE = engineWith(
  CALIBRATION,
  `ours (product engine, refit every ${REFIT_WEEKS} weeks, ${calibrationName(CALIBRATION)})`,
);
const variants: Method[] = TRANSFER_DEV
  ? CALIBRATIONS.filter((c) => c !== CALIBRATION).map((c) =>
      engineWith(c, `product engine, ${calibrationName(c)}`),
    )
  : DEV
    ? DEV_VARIANTS
    : // Full run: the runners-up in the nominal table only, for the record.
      [
        { ...PREVIOUS, nominalOnly: true },
        { ...BANDS_SHAPE, nominalOnly: true },
      ];
// The first method is "ours" in the comparison tables; the last is the baseline.
// POLICY_BENCH_METHODS='name;name': only these methods (development runs).
const only = process.env['POLICY_BENCH_METHODS']?.split(';');
const methods: Method[] = [
  ENGINE,
  ...(TRANSFER_DEV ? [] : [REGRESSION]),
  ...variants,
  {
    name: 'product engine before calibration',
    panel: rawEngine,
    nominalOnly: true,
    lostSalesDemand: 'quantiles' as const,
  },
  {
    name: 'bench regression before calibration',
    panel: perSeries(() => promoRegressionForecaster()),
    nominalOnly: true,
  },
  { name: 'seasonal naive', panel: perSeries(() => seasonalNaiveForecaster()) },
].filter(
  (m) => (!only || only.includes(m.name)) && !(TRANSFER_DEV && m.nominalOnly),
);
/** The method's policy reading on top of the window's replay parameters. */
const withReading =
  (m: Method, params: PanelParams): PanelParams =>
  (h, i) => ({ ...params(h, i), lostSalesDemand: m.lostSalesDemand });

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
const FULL = window(FIRST_WEEK, LAST_WEEK);
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

/** Pooled fill rate of the replay's first week and of the weeks after it. */
function firstWeekSplit(
  series: readonly SeriesHistory[],
  forecasters: readonly Forecaster[],
  m: Method,
  target: number,
): { first: number; rest: number } {
  let d1 = 0;
  let s1 = 0;
  let d = 0;
  let s = 0;
  series.forEach((h, i) => {
    const r = replayPolicy(h, forecasters[i], {
      ...withReading(m, FULL)(h, i),
      service: { kind: 'fill-rate', level: target },
      keepTrace: true,
    });
    if (!r.trace || r.periods === 0) return;
    d1 += r.trace.demand[0];
    s1 += r.trace.sales[0];
    d += r.totalDemand;
    s += r.totalSales;
  });
  return { first: s1 / d1, rest: (s - s1) / (d - d1) };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const series = loadOjSeries().filter((_, i) => i % STRIDE === 0);
  // Refits from CALIBRATION_WEEKS before the first replayed week, so the pooled calibration has
  // the engine's own errors by then.
  // POLICY_BENCH_FIT_FROM (with POLICY_BENCH_FIT_ONLY=1): fill the cache from this refit week
  // only, on the same 4-week grid, e.g. while another run fits the earlier weeks.
  // POLICY_BENCH_FIT_TO: up to (not including) this week.
  const fitOnly = process.env['POLICY_BENCH_FIT_ONLY'] === '1';
  const fitFrom = Number(process.env['POLICY_BENCH_FIT_FROM'] ?? NaN);
  const refitFrom =
    fitOnly && Number.isFinite(fitFrom)
      ? fitFrom
      : FIRST_WEEK - CALIBRATION_WEEKS;
  if (methods.some((m) => m.name.includes('engine'))) {
    console.log(
      `Fitting the product engine every ${REFIT_WEEKS} weeks from week ${refitFrom} (neural candidate ${engineOptions(HORIZON).neural === false ? 'off (POLICY_BENCH_NEURAL=0 or smoke run)' : 'on, as served'})`,
    );
    engineRef.current = await fitEngine(
      refitFrom,
      fitOnly
        ? Number(process.env['POLICY_BENCH_FIT_TO'] ?? LAST_WEEK)
        : LAST_WEEK,
      HORIZON,
      new Set(series.map((h) => `s${h.store}-b${h.brand}`)),
      (m) => console.log(m),
    );
    // POLICY_BENCH_FIT_ONLY=1: fill the refit cache and stop (no replay, nothing written).
    if (fitOnly) return;
  }
  const weeks = series.reduce(
    (n, s) => n + weekIndex(s, LAST_WEEK) - weekIndex(s, FIRST_WEEK),
    0,
  );
  console.log(
    `Policy replay: ${series.length} store × brand series (${ojCsvPath()}), weeks ${FIRST_WEEK}..${LAST_WEEK - 1} ` +
      `(${weeks} series-weeks), lead time ${LEAD_TIME} week, weekly review, lost sales, fill-rate targets.`,
  );

  // What the what-if slider pays for one series with a cold forecaster.
  const oneSeriesMs: Record<string, number> = {};
  for (const m of methods) {
    const times = series.slice(0, 40).map((s) => {
      const t = performance.now();
      replayPolicy(s, m.panel([s])[0], {
        ...withReading(m, FULL)(s, 0),
        service: { kind: 'fill-rate', level: 0.95 },
      });
      return performance.now() - t;
    });
    times.sort((a, b) => a - b);
    oneSeriesMs[m.name] = times[Math.floor(times.length / 2)];
  }

  const oraclePeriods = smokeOr(20000, 2000);
  const oracle = oracleFillRates(TARGETS, oraclePeriods);
  const oracleBackorder = oracleFillRates(TARGETS, oraclePeriods, 'backorder');
  console.log(
    '\n(0) Policy alone, synthetic lognormal demand with true quantiles as forecasts: achieved fill rate\n' +
      '  lost-sales formula (used): ' +
      TARGETS.map((t, i) => `${pct(t, 0)} → ${pct(oracle[i], 2)}`).join(', ') +
      '\n  backorder formula (before): ' +
      TARGETS.map(
        (t, i) => `${pct(t, 0)} → ${pct(oracleBackorder[i], 2)}`,
      ).join(', '),
  );

  const forecasters = methods.map((m) =>
    m.panel(series).map((f) => cachingForecaster(f)),
  );

  console.log(
    `\n(1) Nominal: the policy is given the target fill rate as is (weeks ${FIRST_WEEK}..${LAST_WEEK - 1})\n`,
  );
  row([
    'forecaster',
    'target',
    'achieved fill rate',
    'cycle service',
    'avg on hand',
    'weeks of cover',
    'orders',
    ...(DEV ? [`fill rate week ${FIRST_WEEK} / rest`] : []),
  ]);
  row([
    '---',
    '---',
    '---',
    '---',
    '---',
    '---',
    '---',
    ...(DEV ? ['---'] : []),
  ]);
  const nominal: unknown[] = [];
  for (const target of TARGETS) {
    methods.forEach((m, mi) => {
      const r = replayPanel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        withReading(m, FULL),
      );
      // Development run only, for information (the selection rule reads the
      // pooled fill rate): week 90 is a spike carrying ~12% of the demand.
      const split = DEV
        ? firstWeekSplit(series, forecasters[mi], m, target)
        : null;
      nominal.push({ method: m.name, target, ...summary(r), split });
      row([
        m.name,
        pct(target, 0),
        pct(r.fillRate),
        pct(r.cycleServiceLevel),
        units(r.averageOnHand),
        r.periodsOfCover.toFixed(2),
        r.orders,
        ...(split ? [`${pct(split.first)} / ${pct(split.rest)}`] : []),
      ]);
    });
  }

  console.log(
    `\n(2) Backtest-calibrated: service parameter searched on weeks ${FIRST_WEEK}..${SPLIT_WEEK - 1}, ` +
      `then applied out of sample to weeks ${SPLIT_WEEK}..${LAST_WEEK - 1}\n`,
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
  const transfer: Record<string, number> = {};
  // The transfer's development run scores both searches (the interpolated one starts from the
  // grid's bracket, so one search gives both); other runs use the chosen one.
  for (const target of TARGETS) {
    methods.forEach((m, mi) => {
      if (m.nominalOnly) return;
      // Quick and development runs: ours and the baseline only.
      if ((QUICK || DEV) && mi !== 0 && mi !== methods.length - 1) return;
      const c = calibrateServiceLevel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        withReading(m, TRAIN),
        { ...SEARCH, interpolate: TRANSFER_DEV || INTERPOLATE },
      );
      const found =
        TRANSFER_DEV && c.grid
          ? [
              { search: 'grid', nominal: c.grid.nominal, train: c.grid.result },
              { search: 'interpolated', nominal: c.nominal, train: c.result },
            ]
          : TRANSFER_DEV
            ? ['grid', 'interpolated'].map((search) => ({
                search,
                nominal: c.nominal,
                train: c.result,
              }))
            : [
                {
                  search: INTERPOLATE ? 'interpolated' : 'grid',
                  nominal: c.nominal,
                  train: c.result,
                },
              ];
      for (const { search, nominal, train } of found) {
        const r = replayPanel(
          series,
          forecasters[mi],
          { kind: 'fill-rate', level: nominal },
          withReading(m, TEST),
        );
        const ok = Math.abs(r.fillRate - target) <= 0.01;
        if (mi === 0 && search === (INTERPOLATE ? 'interpolated' : 'grid'))
          transfer[String(target)] = r.fillRate;
        backtest.push({
          method: m.name,
          search,
          target,
          parameter: nominal,
          reachedInTraining: c.reached,
          trainingFillRate: train.fillRate,
          ...summary(r),
          withinOnePoint: ok,
        });
        row([
          m.name + (TRANSFER_DEV ? `, ${search} search` : ''),
          pct(target, 0),
          pct(nominal, 2) + (c.reached ? '' : ' (max)'),
          pct(r.fillRate),
          pct(r.cycleServiceLevel),
          units(r.averageOnHand),
          r.periodsOfCover.toFixed(2),
          r.orders,
          ok ? 'yes' : 'no',
        ]);
      }
    });
  }

  if (!TRANSFER_DEV) {
    console.log(
      `\n(3) Same achieved fill rate: each policy calibrated on weeks ${FIRST_WEEK}..${LAST_WEEK - 1}, average stock compared\n`,
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
  }
  const matched: unknown[] = [];
  const targets: unknown[] = [];
  // The transfer's development run does not need it (its rule reads the transfer only).
  for (const target of TRANSFER_DEV ? [] : TARGETS) {
    const [ours, naive]: Calibration[] = [0, methods.length - 1].map((mi) =>
      calibrateServiceLevel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        withReading(methods[mi], FULL),
        { ...SEARCH, interpolate: INTERPOLATE },
      ),
    );
    const comparable = ours.reached && naive.reached;
    targets.push({
      target,
      achieved: ours.result.fillRate,
      avgOnHand: ours.result.averageOnHand,
      naiveAvgOnHandAtSameFill: comparable ? naive.result.averageOnHand : null,
      naiveAchieved: naive.result.fillRate,
    });
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

  // The transfer's development run: each candidate's stock at 90% on its weeks against seasonal
  // naive at the same fill rate (the selection rule's stock condition).
  const devStock: unknown[] = [];
  if (TRANSFER_DEV && TARGETS.includes(0.9)) {
    const target = { kind: 'fill-rate', level: 0.9 } as const;
    const at90 = (mi: number): Calibration =>
      calibrateServiceLevel(
        series,
        forecasters[mi],
        target,
        withReading(methods[mi], FULL),
        { ...SEARCH, interpolate: true },
      );
    const naive = at90(methods.length - 1);
    console.log(
      `\n(3) Stock at 90% on weeks ${FIRST_WEEK}..${LAST_WEEK - 1} (parameter searched there), naive ${units(naive.result.averageOnHand)} at ${pct(naive.result.fillRate, 2)}${naive.reached ? '' : ' (does not reach 90%)'}\n`,
    );
    methods.slice(0, -1).forEach((m, mi) => {
      const c = at90(mi);
      const reduction = 1 - c.result.averageOnHand / naive.result.averageOnHand;
      devStock.push({
        method: m.name,
        target: 0.9,
        achieved: c.result.fillRate,
        reached: c.reached,
        avgOnHand: c.result.averageOnHand,
        naiveAvgOnHand: naive.result.averageOnHand,
        naiveAchieved: naive.result.fillRate,
        naiveReached: naive.reached,
        stockReduction: reduction,
      });
      console.log(
        `  ${m.name}: ${units(c.result.averageOnHand)} at ${pct(c.result.fillRate, 2)} (${pct(-reduction)} vs naive)`,
      );
    });
  }

  const check = servedPathCheck(
    series,
    forecasters[0],
    {
      start: (h) => weekIndex(h, FIRST_WEEK),
      end: (h) => weekIndex(h, LAST_WEEK),
    },
    0.95,
  );
  console.log(
    `\nServed path = replay: ${check.decisions} sampled decisions, ${check.mismatches} mismatches (${check.equal ? 'equal' : 'NOT equal'})`,
  );

  const elapsed = (performance.now() - t0) / 1000;
  console.log(
    '\nOne-series replay with a cold forecaster (median of 40 series):',
  );
  for (const [name, ms] of Object.entries(oneSeriesMs))
    console.log(`  ${name}: ${ms.toFixed(1)} ms`);
  console.log(`Total bench time ${elapsed.toFixed(1)} s`);

  const out = benchResultPath(
    `policy${DEV ? '-dev' : TRANSFER_DEV ? '-transfer-dev' : QUICK ? '-quick' : ''}${process.env['POLICY_BENCH_TARGETS'] ? `-targets-${TARGETS.join('-')}` : ''}`,
  );
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        data: ojCsvPath(),
        series: series.length,
        seriesWeeks: weeks,
        weeks: { first: FIRST_WEEK, split: SPLIT_WEEK, last: LAST_WEEK - 1 },
        leadTimeWeeks: LEAD_TIME,
        quick: QUICK,
        seriesStride: STRIDE,
        dev: DEV,
        oracleFillRates: TARGETS.map((target, i) => ({
          target,
          fillRate: oracle[i],
          backorderFormulaFillRate: oracleBackorder[i],
        })),
        nominal,
        backtest,
        matched,
        ours: methods[0].name,
        // The transfer's development run compares windows and searches: none is "the" setting.
        calibration: TRANSFER_DEV
          ? null
          : {
              scoreWindowWeeks: SCORE_WINDOW,
              spreadBands: 5,
              strata: 'promotion (deal or feature) vs other',
              finiteSampleCorrection: true,
              search: INTERPOLATE ? 'interpolated' : 'grid',
            },
        engine: engineRef.current
          ? {
              refitWeeks: REFIT_WEEKS,
              refits: engineRef.current.refits.map((r) => r.week),
              neural: engineRef.current.options.neural !== false,
              quickSubsetPanel: QUICK,
              seconds: engineRef.current.seconds,
              cachedRefits: engineRef.current.cached,
            }
          : null,
        targets,
        devStock,
        transfer: {
          chosenOn: [FIRST_WEEK, SPLIT_WEEK - 1],
          appliedTo: [SPLIT_WEEK, LAST_WEEK - 1],
          achieved: transfer,
        },
        servedPathEqualsReplay: check.equal,
        servedPathCheck: check,
        oneSeriesReplayMs: oneSeriesMs,
        elapsedSeconds: elapsed,
      },
      null,
      2,
    ),
  );
  console.log(`Wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
