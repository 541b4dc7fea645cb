import type { PreparedSeries } from '../panel/prepare';
import type { DriverBreakdown, Forecast, Frequency } from '../types';
import { emptyDrivers } from '../panel/drivers';
import { buildGbdtSpec } from './features';
import {
  type GbdtCandidateModel,
  type GbdtCandidateOptions,
  type GbdtTrainReport,
  predictGbdtCandidate,
  resolveGbdtOptions,
  trainGbdtCandidate,
} from './model';

export interface GbdtStageResult {
  /** Backtest forecasts per series, aligned with `p.origins`. */
  backtest: Map<PreparedSeries, Forecast[]>;
  /** Final forecasts from the end of each history. */
  final: Map<PreparedSeries, Forecast>;
  model: GbdtCandidateModel;
  reports: { backtest: GbdtTrainReport; final: GbdtTrainReport };
  seconds: { backtest: number; final: number };
}

/**
 * The global GBDT candidate, trained like the neural model: a backtest model on rows whose
 * targets lie before each series' first origin (early-stopped on the horizon just before it),
 * scored on the origins; then a final model with the same tree count on all rows up to the end
 * of each history.
 */
export function runGbdtStage(
  series: PreparedSeries[],
  frequency: Frequency,
  horizon: number,
  levels: number[],
  seed: number,
  options: GbdtCandidateOptions,
): GbdtStageResult {
  const t0 = Date.now();
  const o = resolveGbdtOptions(options);
  const spec = buildGbdtSpec(series, frequency, horizon);
  const bt = trainGbdtCandidate(
    spec,
    series,
    // Series without a backtest origin (short histories) give no backtest rows: their recent
    // periods overlap other series' scored windows in calendar time.
    (p) => p.origins[0] ?? 0,
    o,
    levels,
    seed,
  );
  o.log(
    `gbdt backtest model: ${bt.report.trees} trees on ${bt.report.rows} rows (valid ${bt.report.validRows}), ${bt.report.seconds.toFixed(1)} s; top features ${bt.report.importance
      .slice(0, 5)
      .map(([n, v]) => `${n} ${(100 * v).toFixed(0)}%`)
      .join(', ')}`,
  );
  const reqs = series.flatMap((p) =>
    p.origins.map((origin) => ({ series: p, origin })),
  );
  const fcs = predictGbdtCandidate(bt.model, reqs);
  const backtest = new Map<PreparedSeries, Forecast[]>();
  reqs.forEach((r, i) => {
    const list = backtest.get(r.series) ?? [];
    list.push(fcs[i]);
    backtest.set(r.series, list);
  });
  const t1 = Date.now();
  const fin = trainGbdtCandidate(
    spec,
    series,
    (p) => p.n,
    o,
    levels,
    seed + 1,
    { trees: Math.max(1, bt.report.trees), offsets: bt.model.offsets },
  );
  o.log(
    `gbdt final model: ${fin.report.trees} trees on ${fin.report.rows} rows, ${fin.report.seconds.toFixed(1)} s`,
  );
  const finalFcs = predictGbdtCandidate(
    fin.model,
    series.map((p) => ({ series: p, origin: p.n })),
  );
  const final = new Map<PreparedSeries, Forecast>();
  series.forEach((p, i) => final.set(p, finalFcs[i]));
  return {
    backtest,
    final,
    model: fin.model,
    reports: { backtest: bt.report, final: fin.report },
    seconds: { backtest: (t1 - t0) / 1000, final: (Date.now() - t1) / 1000 },
  };
}

/** No attribution for the trees yet: the whole P50 is reported as level. */
export function gbdtDrivers(fc: Forecast): DriverBreakdown {
  const d = emptyDrivers(fc.point.length);
  d.level.set(fc.point);
  return d;
}
