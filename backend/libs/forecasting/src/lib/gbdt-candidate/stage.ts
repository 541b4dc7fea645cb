import type { PreparedSeries } from '../panel/prepare';
import type {
  CovariateGroup,
  DriverBreakdown,
  Forecast,
  Frequency,
} from '../types';
import { emptyDrivers, shapleyValues } from '../panel/drivers';
import {
  buildGbdtSpec,
  covariateNames,
  type GbdtFeatureSpec,
  writeGbdtRows,
} from './features';
import {
  type GbdtCandidateModel,
  type GbdtCandidateOptions,
  type GbdtTrainReport,
  predictGbdtCandidate,
  predictGbdtRaw,
  resolveGbdtOptions,
  trainGbdtCandidate,
} from './model';

export interface GbdtStageResult {
  /** Backtest forecasts per series, aligned with `p.origins`. */
  backtest: Map<PreparedSeries, Forecast[]>;
  /** Final forecasts from the end of each history. */
  final: Map<PreparedSeries, Forecast>;
  model: GbdtCandidateModel;
  /** The model the backtest forecasts came from (kept so a run can reuse it, see global-models.ts). */
  backtestModel: GbdtCandidateModel;
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
    backtestModel: bt.model,
    reports: { backtest: bt.report, final: fin.report },
    seconds: { backtest: (t1 - t0) / 1000, final: (Date.now() - t1) / 1000 },
  };
}

/**
 * The same stage with models trained earlier (a run's global step): backtest forecasts from the
 * backtest model at each series' origins, final forecasts from the final model. Every forecast
 * reads only its own series, so it does not depend on which other series share the panel.
 */
export function applyGbdtStage(
  series: PreparedSeries[],
  backtestModel: GbdtCandidateModel,
  finalModel: GbdtCandidateModel,
  reports: GbdtStageResult['reports'],
): GbdtStageResult {
  const t0 = Date.now();
  const reqs = series.flatMap((p) =>
    p.origins.map((origin) => ({ series: p, origin })),
  );
  const fcs = predictGbdtCandidate(backtestModel, reqs);
  const backtest = new Map<PreparedSeries, Forecast[]>();
  reqs.forEach((r, i) => {
    const list = backtest.get(r.series) ?? [];
    list.push(fcs[i]);
    backtest.set(r.series, list);
  });
  const t1 = Date.now();
  const finalFcs = predictGbdtCandidate(
    finalModel,
    series.map((p) => ({ series: p, origin: p.n })),
  );
  const final = new Map<PreparedSeries, Forecast>();
  series.forEach((p, i) => final.set(p, finalFcs[i]));
  return {
    backtest,
    final,
    model: finalModel,
    backtestModel,
    reports,
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
 * P50 before rounding at every step.
 *
 * Each step's row is written twice (as given, all groups neutral); a subset's row takes each
 * absent group's columns from the neutral one. A group whose columns are the same either way
 * (no promotion that day, regular price) cannot change v, so only the subsets that differ in the
 * groups that matter for that row are predicted: 2^(groups that matter) rows instead of 2^g.
 */
export function gbdtDrivers(
  model: GbdtCandidateModel,
  series: PreparedSeries[],
): Map<PreparedSeries, DriverBreakdown> {
  const { spec } = model;
  const H = spec.horizon;
  const W = spec.width;
  const groups = GROUPS.filter((g) =>
    spec.covariates.some((c) => c.group === g),
  );
  const g = groups.length;
  const all = (1 << g) - 1;
  const cols = groups.map((grp) => groupColumns(spec, grp));
  const neutralAll = new Set(groups);
  const steps = Int32Array.from({ length: H }, (_, h) => h);
  const out = new Map<PreparedSeries, DriverBreakdown>();
  const block = 500;
  for (let b0 = 0; b0 < series.length; b0 += block) {
    const part = series.slice(b0, b0 + block);
    const rows = part.length * H;
    const given = new Float64Array(rows * W);
    const neutral = new Float64Array(rows * W);
    const lv = new Float64Array(part.length);
    part.forEach((p, i) => {
      lv[i] = writeGbdtRows(spec, p, p.n, steps, given, i * H * W);
      writeGbdtRows(spec, p, p.n, steps, neutral, i * H * W, neutralAll);
    });
    // Groups whose columns differ between the two rows (NaN equals NaN).
    const matters = new Int32Array(rows);
    for (let r = 0; r < rows; r++)
      cols.forEach((cs, i) => {
        for (const c of cs) {
          const a = given[r * W + c];
          const z = neutral[r * W + c];
          if (a !== z && (a === a || z === z)) {
            matters[r] |= 1 << i;
            break;
          }
        }
      });
    // v[s][r] for the subsets s that keep every group that does not matter for row r.
    const v = Array.from({ length: all + 1 }, () => new Float64Array(rows));
    for (let s = 0; s <= all; s++) {
      const picked: number[] = [];
      for (let r = 0; r < rows; r++)
        if ((s | matters[r]) === all) picked.push(r);
      if (!picked.length) continue;
      const x = new Float64Array(picked.length * W);
      picked.forEach((r, k) => {
        x.set(given.subarray(r * W, (r + 1) * W), k * W);
        cols.forEach((cs, i) => {
          if (s & (1 << i)) return;
          for (const c of cs) x[k * W + c] = neutral[r * W + c];
        });
      });
      const pred = predictGbdtRaw(model, x, picked.length);
      picked.forEach((r, k) => {
        v[s][r] = Math.expm1(pred[k] + lv[Math.floor(r / H)]);
      });
    }
    part.forEach((p, i) => {
      const d = emptyDrivers(H);
      for (let h = 0; h < H; h++) {
        const r = i * H + h;
        const keep = all & ~matters[r];
        const at = (s: number) => v[s | keep][r];
        d.level[h] = at(0);
        // A group that changes nothing in this row gets exactly 0 (its v differences are 0).
        const phi = shapleyValues(g, at);
        groups.forEach((grp, gi) => (d[grp][h] = phi[gi]));
      }
      out.set(p, d);
    });
  }
  return out;
}

/** Column indices of a covariate group's channels in the GBDT's feature rows. */
function groupColumns(spec: GbdtFeatureSpec, group: CovariateGroup): number[] {
  const names = new Set(
    spec.covariates
      .filter((c) => c.group === group)
      .flatMap((c) => covariateNames(c.name, c.group)),
  );
  return spec.names.flatMap((n, i) => (names.has(n) ? [i] : []));
}
