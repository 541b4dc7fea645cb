// The product's forecasting engine as a replay forecaster: trainAndForecast with the nightly
// run's default configuration, refitted on a rolling origin every REFIT_WEEKS weeks on the data
// known at that origin (history before it; planned deals, features and prices ahead).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  trainAndForecast,
  type TrainAndForecastOptions,
} from '@shelfcast/forecasting';
import {
  type Forecaster,
  type QuantileForecast,
  SERVED_QUANTILE_LEVELS,
} from '../src';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the OJ panel builder of the forecasting bench, the engine's own input shape
import { ojPanel } from '../../forecasting/bench/data';
import type { OjSeries } from './oj-data';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared result folder lives in backend/tools
import { REPO_ROOT } from '../../../tools/bench-smoke';

/**
 * Refits are cached under bench-results/cache/policy-engine (one file per refit week, keyed by
 * horizon, neural candidate and the fitted series), so that a rerun which changes only the
 * calibration or the policy replays the same forecasts without refitting. A refit depends only on
 * the data before its week, so the cache never carries later data into it.
 * POLICY_BENCH_REFIT=1 ignores the cache.
 */
function cacheFile(
  week: number,
  options: TrainAndForecastOptions,
  ids: ReadonlySet<string>,
): string {
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        week,
        horizon: options.horizon,
        neural: options.neural !== false,
        origins: options.origins,
        seed: options.seed,
        ids: [...ids].sort(),
      }),
    )
    .digest('hex')
    .slice(0, 16);
  const dir = join(REPO_ROOT, 'bench-results', 'cache', 'policy-engine');
  mkdirSync(dir, { recursive: true });
  return join(dir, `week-${week}-${key}.json`);
}

/** Refit cadence: every decision reads the latest refit at or before its week. */
export const REFIT_WEEKS = 4;

/** Forecasts of one refit by series id, from its origin week on. */
interface Refit {
  readonly week: number;
  readonly bySeries: Map<string, Float64Array[]>;
}

export interface EngineRefits {
  readonly refits: readonly Refit[];
  readonly seconds: number;
  /** Refits read from the cache instead of fitted in this run. */
  readonly cached: number;
  readonly options: TrainAndForecastOptions;
}

/**
 * The nightly run's call (shard-runner.ts): default origins (3), seed 42, the served quantile
 * levels, the neural candidate as configured (TRAINING_NEURAL, default on; POLICY_BENCH_NEURAL=0
 * skips it here to fit the shared machine, and the bench says so).
 */
export function engineOptions(horizon: number): TrainAndForecastOptions {
  return {
    horizon,
    quantiles: [...SERVED_QUANTILE_LEVELS],
    origins: 3,
    seed: 42,
    // Smoke runs only prove the bench still works: no neural candidate there either.
    neural:
      process.env['POLICY_BENCH_NEURAL'] === '0' ||
      process.env['BENCH_SMOKE'] === '1'
        ? false
        : {},
  };
}

/** Refits at weeks first, first + REFIT_WEEKS, … < last, each forecasting REFIT_WEEKS + protection weeks. */
export async function fitEngine(
  first: number,
  last: number,
  protection: number,
  /** Series ids to fit (the quick run's subset); the engine sees only these. */
  ids: ReadonlySet<string>,
  log: (m: string) => void,
): Promise<EngineRefits> {
  const t0 = performance.now();
  const horizon = REFIT_WEEKS + protection;
  const options = engineOptions(horizon);
  const refits: Refit[] = [];
  let cached = 0;
  const weeks: number[] = [];
  for (let week = first; week < last; week += REFIT_WEEKS) weeks.push(week);
  // POLICY_BENCH_FIT_DESC=1 (cache filling): latest weeks first, to meet an ascending process.
  if (process.env['POLICY_BENCH_FIT_DESC'] === '1') weeks.reverse();
  for (const week of weeks) {
    const t = performance.now();
    const file = cacheFile(week, options, ids);
    if (process.env['POLICY_BENCH_REFIT'] !== '1' && existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<
        string,
        number[][]
      >;
      const bySeries = new Map(
        Object.entries(stored).map(([id, v]) => [
          id,
          v.map((x) => Float64Array.from(x)),
        ]),
      );
      refits.push({ week, bySeries });
      cached++;
      log(`  engine refit at week ${week}: ${bySeries.size} series, cached`);
      continue;
    }
    const ds = ojPanel(week - 1, horizon);
    const panel = {
      ...ds.panel,
      series: ds.panel.series.filter((x) => ids.has(x.id)),
    };
    const result = await trainAndForecast(panel, options);
    const bySeries = new Map<string, Float64Array[]>();
    for (const s of result.series) {
      const { levels, values } = s.forecast;
      bySeries.set(
        s.id,
        SERVED_QUANTILE_LEVELS.map((q) => {
          const k = levels.findIndex((l) => Math.abs(l - q) < 1e-9);
          return k >= 0 ? values[k] : s.forecast.point;
        }),
      );
    }
    refits.push({ week, bySeries });
    writeFileSync(
      file,
      JSON.stringify(
        Object.fromEntries(
          [...bySeries].map(([id, v]) => [id, v.map((x) => Array.from(x))]),
        ),
      ),
    );
    log(
      `  engine refit at week ${week}: ${bySeries.size} series, ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  refits.sort((a, b) => a.week - b.week);
  return {
    refits,
    seconds: (performance.now() - t0) / 1000,
    cached,
    options,
  };
}

/**
 * One series' forecaster over the refits: at a decision in week w, the latest refit at or before
 * w, read from step w − refit week. Before the first refit (or for a series a refit left out),
 * the fallback forecaster answers.
 */
export function engineForecaster(
  engine: EngineRefits,
  series: OjSeries,
  fallback: Forecaster,
): Forecaster {
  const id = `s${series.store}-b${series.brand}`;
  return {
    name: 'engine',
    forecast(ctx, horizon): QuantileForecast {
      const week =
        ctx.origin < ctx.calendar.length
          ? ctx.calendar[ctx.origin]
          : ctx.calendar[ctx.calendar.length - 1] + 1;
      let refit: Refit | undefined;
      for (const r of engine.refits) if (r.week <= week) refit = r;
      const values = refit?.bySeries.get(id);
      if (!refit || !values) return fallback.forecast(ctx, horizon);
      const out = values.map(() => new Float64Array(horizon));
      for (let h = 0; h < horizon; h++) {
        // The target period's calendar week (gaps kept), read from the refit's steps.
        const i = ctx.origin + h;
        const target = i < ctx.calendar.length ? ctx.calendar[i] : week + h;
        const step = Math.min(target - refit.week, values[0].length - 1);
        values.forEach((v, k) => (out[k][h] = Math.max(0, v[step])));
      }
      return { levels: SERVED_QUANTILE_LEVELS, values: out };
    },
  };
}

/** Whether the engine has a refit covering the decision at this origin. */
export function engineCovers(
  engine: EngineRefits,
  series: OjSeries,
  origin: number,
): boolean {
  const id = `s${series.store}-b${series.brand}`;
  const week =
    origin < series.calendar.length
      ? series.calendar[origin]
      : series.calendar[series.calendar.length - 1] + 1;
  let refit: Refit | undefined;
  for (const r of engine.refits) if (r.week <= week) refit = r;
  return Boolean(refit?.bySeries.has(id));
}
