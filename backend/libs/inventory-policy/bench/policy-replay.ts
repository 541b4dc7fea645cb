// Policy replay on Dominick's OJ: decision quality of the inventory policy fed by
// our forecaster versus seasonal-naive forecasts.
// Run: npm run bench:policy   (data: ../shared/data or SHELFCAST_SHARED_DATA)
// BENCH_SMOKE=1: the committed 22-series slice and a 3-step parameter search; writes
// bench-results/smoke/policy.json.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  cachingForecaster,
  calibrateServiceLevel,
  replayPanel,
  replayPolicy,
} from '../src';
import { engineOptions, fitEngine, REFIT_WEEKS } from './engine-forecaster';
import {
  CALIBRATION,
  engineRef,
  HORIZON,
  INTERPOLATE,
  LEAD_TIME,
  levelWindow,
  nineLevelReading,
  SCORE_WINDOW,
} from './replay-methods';
import {
  CALIBRATION_WEEKS,
  DEV,
  FIRST_WEEK,
  firstWeekSplit,
  FULL,
  LAST_WEEK,
  methods,
  pct,
  QUICK,
  row,
  SEARCH,
  SPLIT_WEEK,
  STRIDE,
  summary,
  TARGETS,
  TEST,
  TRAIN,
  TRANSFER_DEV,
  units,
  weekIndex,
  withReading,
} from './policy-settings';
import { stockComparisons } from './policy-stock';
import { servedPathCheck } from './served-path-check';
import { loadOjSeries, ojCsvPath } from './oj-data';
import { oracleFillRates } from './oracle-check';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath, smokeOr } from '../../../tools/bench-smoke';

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

  const { matched, targets, devStock } = stockComparisons(series, forecasters);
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
              method: CALIBRATION,
              // The level recalibration's window of covering levels, else the score window.
              scoreWindowWeeks: levelWindow(CALIBRATION) ?? SCORE_WINDOW,
              spreadBands:
                levelWindow(CALIBRATION) === null ||
                nineLevelReading(CALIBRATION)
                  ? 5
                  : null,
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
