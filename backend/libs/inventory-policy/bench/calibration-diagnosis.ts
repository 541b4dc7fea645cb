// Why does a service parameter chosen on one stretch of weeks over-deliver on the next? Coverage
// of the engine's forecasts, before and after the candidate calibrations, per 4-week block of
// the development weeks (105..132 only; the evaluation weeks 133..160 are not read):
//   SHELFCAST_SHARED_DATA=… POLICY_BENCH_STRIDE=4 POLICY_BENCH_NEURAL=0 \
//     node -r ./backend/tools/register.js backend/libs/inventory-policy/bench/calibration-diagnosis.ts
// Needs the engine's refits in the cache (a bench:policy run, or POLICY_BENCH_FIT_ONLY=1).
import {
  forecastContext,
  type Forecaster,
  quantileOf,
  seasonalNaiveForecaster,
} from '../src';
import { fitEngine } from './engine-forecaster';
import { loadOjSeries, type OjSeries } from './oj-data';
import { CALIBRATIONS, engineRef, engineWith, HORIZON } from './replay-methods';

const FIRST = 105;
const LAST = 133;
const BLOCK = 4;
const LEVELS = [0.5, 0.9, 0.98];
const STRIDE = Math.max(1, Number(process.env['POLICY_BENCH_STRIDE'] ?? 1));

async function main(): Promise<void> {
  const series = loadOjSeries().filter((_, i) => i % STRIDE === 0);
  engineRef.current = await fitEngine(
    89,
    LAST,
    HORIZON,
    new Set(series.map((h) => `s${h.store}-b${h.brand}`)),
    () => undefined,
  );
  const methods: [string, Forecaster[]][] = [
    ...CALIBRATIONS.map(
      (c) => [c, engineWith(c, c).panel(series)] as [string, Forecaster[]],
    ),
    ['naive', series.map(() => seasonalNaiveForecaster())],
  ];
  console.log(
    `Coverage of step 0 / step 1 at ${LEVELS.join(', ')}; mean demand; mean |log error| of the median (raw)`,
  );
  for (const [name, fs] of methods) {
    console.log(`\n${name}`);
    for (let from = FIRST; from < LAST; from += BLOCK) {
      const hit = LEVELS.map(() => [0, 0]);
      let n = 0;
      let demand = 0;
      let absErr = 0;
      series.forEach((h: OjSeries, i) => {
        for (let t = 0; t < h.demand.length - 1; t++) {
          const w = h.calendar[t];
          if (w < from || w >= Math.min(LAST, from + BLOCK)) continue;
          const f = fs[i].forecast(forecastContext(h, t), HORIZON);
          for (let s = 0; s < 2; s++) {
            const y = h.demand[t + s];
            LEVELS.forEach((l, k) => {
              if (y <= quantileOf(f, s, l)) hit[k][s]++;
            });
          }
          n++;
          demand += h.demand[t];
          absErr += Math.abs(
            Math.log1p(h.demand[t]) - Math.log1p(quantileOf(f, 0, 0.5)),
          );
        }
      });
      console.log(
        `  weeks ${from}..${from + BLOCK - 1}: ${LEVELS.map((l, k) => `${l}: ${((100 * hit[k][0]) / n).toFixed(1)}/${((100 * hit[k][1]) / n).toFixed(1)}`).join('  ')}  demand ${(demand / n).toFixed(0)}  |log err| ${(absErr / n).toFixed(3)}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
