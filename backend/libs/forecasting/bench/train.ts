/**
 * bench:train: wall time and peak RSS of trainAndForecast (backtest + neural training + GBDT
 * candidate + final forecast + drivers) on seeded synthetic daily panels of 730 days, by default
 * 1,000, 5,000 and 10,000 series (override: SHELFCAST_TRAIN_SIZES=1000,5000). Sizes run ascending in one process,
 * so the reported peak RSS (process maxRSS) is the peak up to and including that size. The
 * per-phase timings come from the pipeline's own clocks; for a function-level profile run
 * `node --cpu-prof -r ./backend/tools/register.js backend/libs/forecasting/bench/train.ts`.
 * BENCH_SMOKE=1: 40 series of 365 days with a tiny neural and GBDT budget; writes
 * bench-results/smoke/train.json.
 */
import { fitLocal, seasonPeriod, trainAndForecast } from '../src';
import { syntheticPanel } from '../src/fixtures/synthetic-panel';
import { prepareSeries } from '../src/lib/panel/prepare';
import { cpus, loadavg } from 'os';
import { writeResults } from './report';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { BENCH_SMOKE, smokeOr } from '../../../tools/bench-smoke';

const log = (m: string): void => console.log(`[bench:train] ${m}`);

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
    const r = await trainAndForecast(panel, {
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
    });
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
  log(
    `wrote ${writeResults('train', { date: new Date().toISOString(), cpus: cpus().length, results })}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
