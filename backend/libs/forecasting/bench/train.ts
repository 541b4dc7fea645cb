/**
 * bench:train: wall time and peak RSS of trainAndForecast (backtest + neural training + GBDT
 * candidate + final forecast + drivers) on seeded synthetic daily panels of 730 days, by default
 * 1,000, 5,000 and 10,000 series (override: SHELFCAST_TRAIN_SIZES=1000,5000). Sizes run ascending in one process,
 * so the reported peak RSS (process maxRSS) is the peak up to and including that size. The
 * per-phase timings come from the pipeline's own clocks; for a function-level profile run
 * `node --cpu-prof -r ./backend/tools/register.js backend/libs/forecasting/bench/train.ts`.
 * BENCH_SMOKE=1: 40 series of 365 days with a tiny neural and GBDT budget; writes
 * bench-results/smoke/train.json.
 * SHELFCAST_TRAIN_SHARD_SERIES=n: the nightly engine's split instead of one call: the global step
 * (`fitGlobalModels`, sample cap SHELFCAST_TRAIN_GLOBAL_SAMPLE, default 5,000) then shards of n
 * series forecast with `trainAndForecast({ pretrained })`, one after the other; writes
 * bench-results/train-sharded.json (same fields, plus the shard settings).
 */
import {
  fitGlobalModels,
  fitLocal,
  type PanelResult,
  seasonPeriod,
  trainAndForecast,
  type TrainAndForecastOptions,
} from '../src';
import { syntheticPanel } from '../src/fixtures/synthetic-panel';
import { prepareSeries } from '../src/lib/panel/prepare';
import { cpus, loadavg } from 'os';
import { writeResults } from './report';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { BENCH_SMOKE, smokeOr } from '../../../tools/bench-smoke';

const log = (m: string): void => console.log(`[bench:train] ${m}`);

const shardSeries = Number(process.env['SHELFCAST_TRAIN_SHARD_SERIES'] ?? 0);
const globalSample = Number(
  process.env['SHELFCAST_TRAIN_GLOBAL_SAMPLE'] ?? 5000,
);

/** The engine's split: global models once, then shards forecast with them (merged result). */
async function sharded(
  panel: Parameters<typeof trainAndForecast>[0],
  options: TrainAndForecastOptions,
  size: number,
  cap: number,
): Promise<PanelResult> {
  const g0 = performance.now();
  const pretrained = await fitGlobalModels(panel, {
    ...options,
    globalSampleSeries: cap,
  });
  const timings: Record<string, number> = {
    globalStep: (performance.now() - g0) / 1000,
  };
  log(
    `global step: ${pretrained.sampleSeries} of ${panel.series.length} series, ${timings['globalStep'].toFixed(1)} s`,
  );
  let merged: PanelResult | null = null;
  for (let from = 0; from < panel.series.length; from += size) {
    const r = await trainAndForecast(
      {
        frequency: panel.frequency,
        series: panel.series.slice(from, from + size),
      },
      { ...options, pretrained },
    );
    for (const [k, v] of Object.entries(r.timings))
      timings[`shards.${k}`] = (timings[`shards.${k}`] ?? 0) + v;
    if (!merged) merged = r;
    else {
      merged.series.push(...r.series);
      merged.errors.push(...r.errors);
    }
  }
  return { ...(merged as PanelResult), timings };
}

async function main(): Promise<void> {
  const days = smokeOr(730, 365);
  const sizes = (
    process.env['SHELFCAST_TRAIN_SIZES'] ?? smokeOr('1000,5000,10000', '40')
  )
    .split(',')
    .map(Number);
  const results: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const { panel } = syntheticPanel({
      series: n,
      length: days,
      horizon: 28,
      seed: 7,
      richCovariates: true,
    });
    // Baseline in the same process: seasonal naive fitted and forecast for every series.
    const b0 = performance.now();
    for (const [i, s] of panel.series.entries()) {
      const p = prepareSeries(s, i, {
        frequency: 'day',
        horizon: 28,
        origins: 0,
        intermittentThreshold: 1,
        minObservations: 0,
      });
      fitLocal('seasonal-naive', p.clean, {
        period: seasonPeriod('day'),
        horizon: 28,
        levels: [0.1, 0.5, 0.9],
      });
    }
    const baseline = (performance.now() - b0) / 1000;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const load0 = loadavg()[0];
    let last = '';
    const options: TrainAndForecastOptions = {
      seed: 1,
      neural: {
        ...(BENCH_SMOKE ? { epochs: 1, finalEpochs: 1, maxWindows: 1000 } : {}),
        log: (m) => (m.startsWith('tfjs') ? log(m) : undefined),
      },
      ...(BENCH_SMOKE
        ? { gbdt: { numTrees: 10, maxRows: 2000, maxValidRows: 500 } }
        : {}),
      onProgress: (p) => {
        const key = `${p.phase}`;
        if (key !== last)
          log(
            `${n} series: phase ${p.phase} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
          );
        last = key;
      },
    };
    const r =
      shardSeries > 0
        ? await sharded(panel, options, shardSeries, globalSample)
        : await trainAndForecast(panel, options);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // Process CPU seconds next to wall time: the machine is shared, so wall time depends on load.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const load = [load0, loadavg()[0]];
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const row = {
      series: n,
      days,
      backend: r.backend,
      wallSeconds: wall,
      cpuSeconds,
      loadAverage1m: load,
      seriesPerSecond: n / wall,
      peakRssMb,
      baselineSeasonalNaiveSeconds: baseline,
      slowdownVsBaseline: wall / baseline,
      timings: r.timings,
      neural: r.neural,
      gbdt: r.gbdt,
      errors: r.errors.length,
      models: r.series.reduce<Record<string, number>>(
        (a, s) => ((a[s.model] = (a[s.model] ?? 0) + 1), a),
        {},
      ),
      targetMet: n < 10000 ? undefined : wall < 600 && peakRssMb < 4096,
    };
    results.push(row);
    log(
      `${n} series x ${days} days: ${wall.toFixed(1)} s wall (${cpuSeconds.toFixed(1)} s CPU, load ${load.map((l) => l.toFixed(1)).join(' -> ')}), ` +
        `${(n / wall).toFixed(1)} series/s, peak RSS ${peakRssMb.toFixed(0)} MB, backend ${r.backend}; ` +
        `seasonal-naive baseline ${baseline.toFixed(2)} s; phases ${JSON.stringify(r.timings)}; ` +
        `neural ${JSON.stringify(r.neural)}`,
    );
  }
  const name = shardSeries > 0 ? 'train-sharded' : 'train';
  const extra = shardSeries > 0 ? { shardSeries, globalSample } : {};
  log(
    `wrote ${writeResults(name, { date: new Date().toISOString(), cpus: cpus().length, ...extra, results })}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
