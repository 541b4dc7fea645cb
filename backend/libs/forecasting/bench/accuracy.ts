/**
 * bench:accuracy: our pipeline vs peers (Python XGBoost / HistGradientBoosting) and anchors
 * (seasonal naive; R forecast::ets, auto.arima with xreg, prophet with regressors + holidays) on
 * six datasets at their natural frequency and horizon (bench/datasets.ts: Dominick's orange juice,
 * tuna and cheese 12 weeks, Favorita and online retail 28 days, ABS Australian retail 18 months
 * held out), then the TSPerf orange-juice protocol. SHELFCAST_DATASETS=a,b runs a subset. Env: SHELFCAST_SHARED_DATA,
 * SHELFCAST_SKIP_R=1 (our rows only), SHELFCAST_ONLY_ANCHORS=1 (anchor rows only),
 * SHELFCAST_SKIP_TSPERF=1, SHELFCAST_R_PROCS (default 2). TSPerf: SHELFCAST_TSPERF=gbdt (gradient-
 * boosted trees, see tsperf-gbdt.ts) or =full; SHELFCAST_ONLY_TSPERF=1 skips the accuracy tables;
 * SHELFCAST_TSPERF_SERIES=n and SHELFCAST_TSPERF_ROUNDS=r run a subset, SHELFCAST_TSPERF_PER_HORIZON=1
 * trains one model per horizon, SHELFCAST_TSPERF_GRID=v1 the first
 * (smaller) tuning grid (gbdt only).
 * Development split (for choosing GBDT features/hyper-parameters without the test windows):
 * SHELFCAST_DEV_SPLIT=1 ends every dataset one horizon earlier (e.g. OJ trains to week 136 and
 * scores weeks 137-148; Favorita drops the 28 test days and scores the 28 days before them).
 * SHELFCAST_NO_NEURAL=1 skips the neural model (fast iterations); SHELFCAST_GBDT='{"maxLeaves":63}'
 * overrides GBDT candidate options (JSON).
 * Python peers (global XGBoost and scikit-learn HistGradientBoosting, bench/peers.py, cached under
 * bench-results/peers): run when /usr/bin/python3 has xgboost, sklearn and pandas; SHELFCAST_SKIP_PEERS=1
 * skips them; SHELFCAST_ONLY_PEERS=1 runs only the peers and folds their rows and the recomputed
 * targets into the existing bench-results/accuracy.json (bench/peers-only.ts). SHELFCAST_SELECTION_MARGIN overrides the selection margin (selectionMargin); the
 * selection is also re-scored at several margins (`marginSweep` in the JSON; the default is chosen
 * on the development split only).
 * SHELFCAST_MERGE=1 folds this run's datasets into the existing result file (merge-run.ts), so a
 * subset (SHELFCAST_DATASETS) can be re-run alone; each target carries the `runDate` it came from.
 * BENCH_SMOKE=1: the committed data slices (backend/tools/bench-fixtures), a small neural and GBDT
 * budget, no R and no TSPerf; writes bench-results/smoke/accuracy.json (CI checks its fields).
 */
import { type BenchDataset } from './data';
import { benchDatasets } from './datasets';
import { evaluateOurs, scoreRows, seasonalNaiveRow } from './evaluate';
import { mergeRun } from './merge-run';
import { printTable, type Row, writeResults } from './report';
import { rAvailable, runAnchors } from './r-anchors';
import { PUBLISHED_MAPE, runTsperf, runTsperfNeuralOnce } from './tsperf';
import { runTsperfGbdt } from './tsperf-gbdt';
import { pythonPeersAvailable } from './python-peers';
import { mergePeers, peerRows } from './peers-only';
import { selectionTargets, sweepMargins } from './selection-targets';
import type { TrainAndForecastOptions } from '../src';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { BENCH_SMOKE } from '../../../tools/bench-smoke';

const log = (m: string): void => console.log(`[bench:accuracy] ${m}`);

// Smoke mode: the same pipeline with a budget small enough for seconds, not minutes.
const SMOKE_NEURAL = { epochs: 1, finalEpochs: 1, maxWindows: 1000 };
const SMOKE_GBDT = { numTrees: 10, maxRows: 2000, maxValidRows: 500 };
const ourOptions: TrainAndForecastOptions = {
  seed: 42,
  origins: 3,
  neural:
    process.env['SHELFCAST_NO_NEURAL'] === '1'
      ? false
      : { ...(BENCH_SMOKE ? SMOKE_NEURAL : {}), log },
  ...(process.env['SHELFCAST_SELECTION_MARGIN']
    ? { selectionMargin: Number(process.env['SHELFCAST_SELECTION_MARGIN']) }
    : {}),
  gbdt: {
    ...(BENCH_SMOKE ? SMOKE_GBDT : {}),
    ...JSON.parse(process.env['SHELFCAST_GBDT'] ?? '{}'),
    log,
  },
};
const devSplit = process.env['SHELFCAST_DEV_SPLIT'] === '1';

async function main(): Promise<void> {
  const onlyTsperf = process.env['SHELFCAST_ONLY_TSPERF'] === '1';
  const skipR =
    BENCH_SMOKE || onlyTsperf || process.env['SHELFCAST_SKIP_R'] === '1';
  const haveR = !skipR && rAvailable();
  if (!haveR && !onlyTsperf)
    log(
      skipR
        ? 'R anchors skipped (SHELFCAST_SKIP_R=1)'
        : 'R (forecast, prophet) not found: anchor rows for R are missing',
    );
  const procs = Number(process.env['SHELFCAST_R_PROCS'] ?? 2);
  const havePeers =
    !BENCH_SMOKE &&
    !onlyTsperf &&
    process.env['SHELFCAST_SKIP_PEERS'] !== '1' &&
    pythonPeersAvailable();
  if (!havePeers && !onlyTsperf)
    log(
      'Python peers skipped (smoke mode, SHELFCAST_SKIP_PEERS=1 or no python3-xgboost/sklearn)',
    );
  const sweeps: Record<string, unknown> = {};
  const rows: Row[] = [];
  const targets: Record<string, unknown> = {};
  const datasets: BenchDataset[] = onlyTsperf ? [] : benchDatasets(devSplit);
  if (devSplit) log('development split: test windows excluded');
  if (process.env['SHELFCAST_ONLY_PEERS'] === '1') {
    if (!havePeers || devSplit)
      throw new Error(
        'SHELFCAST_ONLY_PEERS=1 needs the Python peers and the test split',
      );
    log(`wrote ${await mergePeers(datasets, log)}`);
    return;
  }
  for (const ds of datasets) {
    log(`${ds.name}: ${ds.panel.series.length} series, horizon ${ds.horizon}`);
    if (process.env['SHELFCAST_ONLY_ANCHORS'] === '1') {
      // Anchor rows only (e.g. after a run without R): same splits and scoring, no model training.
      rows.push(seasonalNaiveRow(ds));
      if (haveR) {
        const a = await runAnchors(ds, procs, log);
        for (const [model, fcs] of a.forecasts) {
          rows.push(
            scoreRows(
              ds,
              `anchor: ${model}`,
              fcs,
              a.seconds.get(model) ?? NaN,
              'R',
            ),
          );
        }
      }
      continue;
    }
    const ours = await evaluateOurs(ds, ourOptions);
    log(
      `${ds.name}: backend ${ours.result.backend}, errors ${ours.result.errors.length}, timings ${JSON.stringify(ours.result.timings)}`,
    );
    const anchors: Row[] = [seasonalNaiveRow(ds)];
    if (haveR) {
      const a = await runAnchors(ds, procs, log);
      log(`${ds.name}: R anchors ${a.cached ? 'from cache' : 'computed'}`);
      for (const [model, fcs] of a.forecasts) {
        anchors.push(
          scoreRows(
            ds,
            `anchor: ${model}`,
            fcs,
            a.seconds.get(model) ?? NaN,
            'R, summed per-series time',
          ),
        );
      }
    }
    const peers: Row[] = havePeers ? await peerRows(ds, log) : [];
    // Chosen on the development split; on the test split the sweep is only reported.
    if (!BENCH_SMOKE)
      sweeps[ds.name] = await sweepMargins(ds, ours.result, log);
    rows.push(...ours.rows, ...peers, ...anchors);
    targets[ds.name] = {
      runDate: new Date().toISOString(),
      ...selectionTargets(ours.rows, [...peers, ...anchors]),
      selectedModels: countModels(ours.result.series.map((s) => s.model)),
    };
  }
  let table = '';
  if (!onlyTsperf) {
    console.log(
      '\nAccuracy (held-out tail; MASE/sMAPE/coverage averaged per series, WAPE pooled):',
    );
    table = printTable(rows);
    console.log(
      '\nTargets (selected MASE at or below the best peer and the best single member):',
      JSON.stringify(targets, null, 2),
    );
  }
  let tsperf: { mape: number; rounds: number[]; seconds: number } | undefined;
  const skipTsperf =
    BENCH_SMOKE ||
    process.env['SHELFCAST_SKIP_TSPERF'] === '1' ||
    process.env['SHELFCAST_ONLY_ANCHORS'] === '1';
  if (!skipTsperf) {
    // SHELFCAST_TSPERF=full runs the whole pipeline in all 12 rounds (slow); the default trains the
    // neural model once (see runTsperfNeuralOnce).
    const variant = process.env['SHELFCAST_TSPERF'];
    tsperf =
      variant === 'gbdt'
        ? runTsperfGbdt(log, {
            seriesLimit: Number(process.env['SHELFCAST_TSPERF_SERIES'] ?? 0),
            rounds: Number(process.env['SHELFCAST_TSPERF_ROUNDS'] ?? 12),
            perHorizon: process.env['SHELFCAST_TSPERF_PER_HORIZON'] === '1',
            grid: process.env['SHELFCAST_TSPERF_GRID'] === 'v1' ? 'v1' : 'v2',
          })
        : variant === 'full'
          ? await runTsperf(ourOptions, log)
          : {
              ...(await runTsperfNeuralOnce({ log }, 42, log)),
              models: { neural: 913 },
            };
    console.log(
      '\nTSPerf OrangeJuice_Pt_3Weeks_Weekly, MAPE % (published table vs this run):',
    );
    for (const [name, v] of PUBLISHED_MAPE)
      console.log(`  ${name.padEnd(32)} ${v.toFixed(2)}`);
    console.log(
      `  ${'Shelfcast (this run)'.padEnd(32)} ${tsperf.mape.toFixed(2)}   target < 36.28: ${tsperf.mape < 36.28 ? 'met' : 'missed'}`,
    );
    console.log(
      `  per round: ${tsperf.rounds.map((m) => m.toFixed(2)).join(', ')}; ${tsperf.seconds.toFixed(0)} s`,
    );
  }
  const name =
    process.env['SHELFCAST_ONLY_ANCHORS'] === '1'
      ? 'accuracy-anchors'
      : devSplit
        ? 'accuracy-dev'
        : onlyTsperf
          ? 'accuracy-tsperf'
          : 'accuracy';
  const fresh = {
    date: new Date().toISOString(),
    rows,
    targets,
    table,
    tsperf,
    marginSweep: sweeps,
  };
  const file = writeResults(
    name,
    process.env['SHELFCAST_MERGE'] === '1' ? mergeRun(name, fresh) : fresh,
  );
  log(`wrote ${file}`);
}

function countModels(models: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of models) out[m] = (out[m] ?? 0) + 1;
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
