// bench:policy's settings (environment), the methods it compares and the replay windows, shared by
// policy-replay.ts (the run) and policy-stock.ts (its stock comparisons).
import {
  Forecaster,
  PanelParams,
  PanelResult,
  promoRegressionForecaster,
  replayPolicy,
  seasonalNaiveForecaster,
  SeriesHistory,
} from '../src';
import {
  CALIBRATION,
  CALIBRATIONS,
  calibrationName,
  DEV_VARIANTS,
  engineWith,
  LEAD_TIME,
  Method,
  perSeries,
  PREVIOUS,
  BANDS_SHAPE,
  rawEngine,
  REGRESSION,
} from './replay-methods';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { smokeOr } from '../../../tools/bench-smoke';
import { REFIT_WEEKS } from './engine-forecaster';

// Seasonal-naive needs a year of history plus some seasonal errors for its spread.
// Smoke mode replays only weeks 145..160 (split at 153) so that its engine refits stay few.
// POLICY_BENCH_TRANSFER_DEV=1: the transfer's development run, weeks 105..132 only (the first
// half), parameter searched on 105..118 and applied to 119..132, with the calibration variants.
export const TRANSFER_DEV = process.env['POLICY_BENCH_TRANSFER_DEV'] === '1';
export const FIRST_WEEK =
  process.env['POLICY_BENCH_DEV'] === '1' ? 90 : smokeOr(105, 145);
export const LAST_WEEK =
  process.env['POLICY_BENCH_DEV'] === '1' ? 105 : TRANSFER_DEV ? 133 : 161;
// Backtest calibration: parameter searched on weeks 105..132, applied to 133..160.
// The development runs split at their middle.
export const SPLIT_WEEK =
  process.env['POLICY_BENCH_DEV'] === '1'
    ? 98
    : TRANSFER_DEV
      ? 119
      : smokeOr(133, 153);
// POLICY_BENCH_TARGETS=0.9,0.95: only these targets (several processes can share a run's
// targets; bench/merge-policy-results.ts joins their JSON files into one).
export const TARGETS = process.env['POLICY_BENCH_TARGETS']
  ? process.env['POLICY_BENCH_TARGETS'].split(',').map(Number)
  : [0.9, 0.95, 0.98];
// Bisection steps of the service-parameter search (0.5..0.9995): 9 steps
// resolve it to 0.001, enough to compare stock, at 3/4 of the former 12's cost.
export const SEARCH = { iterations: smokeOr(9, 3) };
// Weeks of engine refits before the first replayed week (their errors calibrate the first decisions).
export const CALIBRATION_WEEKS = smokeOr(16, 8);

// POLICY_BENCH_QUICK=1: every 8th series and the nominal table only (for trying
// things on the shared machine); README numbers come from the full run.
export const QUICK = process.env['POLICY_BENCH_QUICK'] === '1';
// POLICY_BENCH_STRIDE=n: every n-th series, all tables (the engine is refitted on that panel
// only). For a shared machine on which 913-series refits do not fit the time available; the
// JSON says so (seriesStride).
export const STRIDE = QUICK
  ? 8
  : Math.max(1, Number(process.env['POLICY_BENCH_STRIDE'] ?? 1));
// POLICY_BENCH_DEV=1: development run on weeks 90..104 only (before the
// evaluation weeks), nominal table, with calibration variants; the variant
// in the main tables was chosen from this run.
export const DEV = process.env['POLICY_BENCH_DEV'] === '1';

export const ENGINE = engineWith(
  CALIBRATION,
  `ours (product engine, refit every ${REFIT_WEEKS} weeks, ${calibrationName(CALIBRATION)})`,
);
export const variants: Method[] = TRANSFER_DEV
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
export const only = process.env['POLICY_BENCH_METHODS']?.split(';');
export const methods: Method[] = [
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
export const withReading =
  (m: Method, params: PanelParams): PanelParams =>
  (h, i) => ({
    ...params(h, i),
    lostSalesDemand: m.lostSalesDemand,
    serviceAt: m.serviceAt?.(h, i),
  });

export const weekIndex = (h: SeriesHistory, week: number): number => {
  const calendar = h.calendar ?? new Int32Array(0);
  const i = calendar.findIndex((w) => w >= week);
  return i < 0 ? h.demand.length : i;
};
export const window =
  (from: number, to?: number): PanelParams =>
  (h) => ({
    leadTime: LEAD_TIME,
    reviewPeriod: 1,
    start: weekIndex(h, from),
    end: to === undefined ? undefined : weekIndex(h, to),
  });
export const FULL = window(FIRST_WEEK, LAST_WEEK);
export const TRAIN = window(FIRST_WEEK, SPLIT_WEEK);
export const TEST = window(SPLIT_WEEK);

export const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)}%`;
export const units = (x: number): string =>
  Math.round(x).toLocaleString('en-US');
export const row = (cells: (string | number)[]): void =>
  console.log(`| ${cells.join(' | ')} |`);
export const summary = (r: PanelResult) => ({
  fillRate: r.fillRate,
  cycleServiceLevel: r.cycleServiceLevel,
  averageOnHand: r.averageOnHand,
  weeksOfCover: r.periodsOfCover,
  orders: r.orders,
  meanSeriesFillRate: r.meanSeriesFillRate,
});

/** Pooled fill rate of the replay's first week and of the weeks after it. */
export function firstWeekSplit(
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
