/**
 * Base forecasts for bench:hierarchy: the library's engine (local models with backtest selection;
 * no neural or GBDT model, to keep the bench modest on shared cores) on every series at every
 * level, at one origin. Residuals for WLS-variance / MinT are the selected model's backtest errors
 * at the engine's own 3 rolling origins inside the history, i.e. known at the origin. Results are
 * cached under bench-results/hierarchy-cache keyed by a hash of the data, origin and options.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  type Hierarchy,
  seasonPeriod,
  trainAndForecast,
  type TrainAndForecastOptions,
} from '../src';
import type { HierarchyDataset } from './hierarchy-data';
import { etsOneStepResiduals } from './hierarchy-residuals';

export interface BaseForecasts {
  /** Per series (global order), length H. */
  point: Float64Array[];
  p10: Float64Array[];
  p90: Float64Array[];
  /** Per series, length 3·H (backtest window k, step s at row k·H + s); NaN = unknown. */
  residuals: Float64Array[];
  /** Per series, the last rows of ETS one-step in-sample residuals (hierarchy-residuals.ts). */
  insample: Float64Array[];
  errors: number;
  seconds: number;
}

const BACKTEST_ORIGINS = Number(
  process.env['BENCH_HIER_BACKTEST_ORIGINS'] ?? 3,
);
const ENGINE: TrainAndForecastOptions = {
  seed: 42,
  origins: BACKTEST_ORIGINS,
  neural: false,
  gbdt: false,
  drivers: false,
};
const CACHE_VERSION = 'hier-base-v2';
/** In-sample residual rows per frequency. */
const IN_SAMPLE_ROWS = { day: 364, week: 78, month: 180 } as const;

type Stored = Record<
  'point' | 'p10' | 'p90' | 'residuals' | 'insample',
  (number | null)[][]
> & {
  errors: number;
  seconds: number;
};

export async function baseForecasts(
  ds: HierarchyDataset,
  h: Hierarchy,
  full: Float64Array[],
  origin: number,
  log: (m: string) => void,
): Promise<BaseForecasts> {
  const H = ds.horizon;
  const hash = createHash('sha1');
  hash.update(
    `${CACHE_VERSION}|${ds.name}|${origin}|${H}|${JSON.stringify(ENGINE)}|${h.ids.join(',')}`,
  );
  for (const s of full)
    hash.update(Buffer.from(s.buffer, s.byteOffset, origin * 8));
  const dir = join(process.cwd(), 'bench-results', 'hierarchy-cache');
  const file = join(
    dir,
    `${ds.name}-${origin}-${hash.digest('hex').slice(0, 12)}.json`,
  );
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    const arr = (a: (number | null)[][]): Float64Array[] =>
      a.map((r) => Float64Array.from(r, (v) => (v === null ? NaN : v)));
    return {
      point: arr(s.point),
      p10: arr(s.p10),
      p90: arr(s.p90),
      residuals: arr(s.residuals),
      insample: arr(s.insample),
      errors: s.errors,
      seconds: s.seconds,
    };
  }
  const t0 = performance.now();
  const levelName = (i: number): string => h.levels[h.levelOf[i]].name;
  const result = await trainAndForecast(
    {
      frequency: ds.frequency,
      series: h.ids.map((id, i) => ({
        id,
        start: ds.start,
        values: full[i].slice(0, origin),
        attributes: { category: levelName(i) },
      })),
    },
    { ...ENGINE, horizon: H },
  );
  const seconds = (performance.now() - t0) / 1000;
  const byId = new Map(result.series.map((s) => [s.id, s]));
  const n = h.ids.length;
  const point: Float64Array[] = [];
  const p10: Float64Array[] = [];
  const p90: Float64Array[] = [];
  const residuals: Float64Array[] = [];
  const firstBacktest = origin - BACKTEST_ORIGINS * H;
  for (let i = 0; i < n; i++) {
    const s = byId.get(h.ids[i]);
    const res = new Float64Array(BACKTEST_ORIGINS * H).fill(NaN);
    if (!s) {
      // A failed series (logged below) gets a zero forecast so the hierarchy stays complete.
      point.push(new Float64Array(H));
      p10.push(new Float64Array(H));
      p90.push(new Float64Array(H));
      residuals.push(res);
      continue;
    }
    const lv = s.forecast.levels;
    point.push(Float64Array.from(s.forecast.point));
    p10.push(Float64Array.from(s.forecast.values[0]));
    p90.push(Float64Array.from(s.forecast.values[lv.length - 1]));
    for (const w of s.backtestForecasts) {
      for (let t = 0; t < H; t++) {
        const row = w.origin - firstBacktest + t;
        const a = full[i][w.origin + t];
        if (row >= 0 && row < res.length && w.origin + t < origin)
          res[row] = a - w.p50[t];
      }
    }
    residuals.push(res);
  }
  const m = seasonPeriod(ds.frequency);
  const insample = full.map((s) =>
    etsOneStepResiduals(s.slice(0, origin), m, IN_SAMPLE_ROWS[ds.frequency]),
  );
  if (result.errors.length > 0)
    log(
      `${ds.name} @${origin}: ${result.errors.length} series failed (${result.errors[0].id}: ${result.errors[0].message})`,
    );
  mkdirSync(dir, { recursive: true });
  const plain = (a: Float64Array[]): (number | null)[][] =>
    a.map((r) => Array.from(r, (v) => (Number.isFinite(v) ? v : null)));
  const stored: Stored = {
    point: plain(point),
    p10: plain(p10),
    p90: plain(p90),
    residuals: plain(residuals),
    insample: plain(insample),
    errors: result.errors.length,
    seconds,
  };
  writeFileSync(file, JSON.stringify(stored));
  return {
    point,
    p10,
    p90,
    residuals,
    insample,
    errors: result.errors.length,
    seconds,
  };
}
