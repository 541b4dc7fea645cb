import type { PreparedSeries } from '../panel/prepare';
import type {
  CovariateGroup,
  DriverBreakdown,
  Forecast,
  Frequency,
} from '../types';
import { emptyDrivers } from '../panel/drivers';
import { buildGbdtSpec } from './features';
import {
  type GbdtCandidateModel,
  type GbdtCandidateOptions,
  type GbdtTrainReport,
  predictGbdtCandidate,
  predictGbdtLog,
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

const GROUPS: readonly CovariateGroup[] = [
  'price',
  'promotion',
  'market',
  'event',
];

/**
 * Driver breakdown of the GBDT's final forecasts: exact Shapley values over the covariate groups
 * the model has, by occlusion, as for the neural model. v(S) is the P50 with the groups in S as
 * given and the others neutral (regular price, no promotion, no event, the signal at its
 * reference); `level` is v(∅) (level, trend and seasonality: the trees' calendar and history
 * features are not split further) and each group gets its Shapley value, so the parts sum to the
 * P50 before rounding at every step. 2^groups predictions per series (at most 16).
 */
export function gbdtDrivers(
  model: GbdtCandidateModel,
  series: PreparedSeries[],
): Map<PreparedSeries, DriverBreakdown> {
  const H = model.spec.horizon;
  const groups = GROUPS.filter((g) =>
    model.spec.covariates.some((c) => c.group === g),
  );
  const g = groups.length;
  const reqs = series.map((p) => ({ series: p, origin: p.n }));
  // v[s]: P50 per (series, step) with the groups whose bit is set present.
  const v: Float64Array[] = [];
  for (let s = 0; s < 1 << g; s++) {
    const neutral = new Set(groups.filter((_, i) => !(s & (1 << i))));
    v.push(predictGbdtLog(model, reqs, neutral).map(Math.expm1));
  }
  const fact = [1];
  for (let i = 1; i <= g; i++) fact.push(fact[i - 1] * i);
  const out = new Map<PreparedSeries, DriverBreakdown>();
  series.forEach((p, r) => {
    const d = emptyDrivers(H);
    for (let h = 0; h < H; h++) {
      const at = (s: number) => v[s][r * H + h];
      d.level[h] = at(0);
      groups.forEach((grp, i) => {
        let phi = 0;
        for (let s = 0; s < 1 << g; s++) {
          if (s & (1 << i)) continue;
          let size = 0;
          for (let b = s; b; b &= b - 1) size++;
          phi +=
            ((fact[size] * fact[g - size - 1]) / fact[g]) *
            (at(s | (1 << i)) - at(s));
        }
        d[grp][h] = phi;
      });
    }
    out.set(p, d);
  });
  return out;
}
