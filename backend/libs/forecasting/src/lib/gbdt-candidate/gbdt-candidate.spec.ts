import { scoreForecast } from '../core/metrics';
import { syntheticPanel } from '../../fixtures/synthetic-panel';
import { fitLocal } from '../models/local';
import { forecastFromArtifacts } from '../panel/from-artifacts';
import { type PreparedSeries, prepareSeries } from '../panel/prepare';
import { trainAndForecast } from '../panel/train-and-forecast';
import type { DriverBreakdown, Forecast, SeriesInput } from '../types';
import { buildGbdtSpec, writeGbdtRows } from './features';
import { shapleyValues } from '../panel/drivers';
import { predictGbdtLog } from './model';
import { gbdtDrivers, runGbdtStage } from './stage';

const H = 14;
const prep = (s: SeriesInput, i = 0): PreparedSeries =>
  prepareSeries(s, i, {
    frequency: 'day',
    horizon: H,
    origins: 3,
    intermittentThreshold: 0.3,
    minObservations: 8,
  });

const small = { maxRows: 20_000, maxValidRows: 5_000, numTrees: 120 };

function features(p: PreparedSeries, origin: number): Float64Array {
  const spec = buildGbdtSpec([p], 'day', H);
  const out = new Float64Array(H * spec.width);
  writeGbdtRows(
    spec,
    p,
    origin,
    Array.from({ length: H }, (_, h) => h),
    out,
    0,
  );
  return out;
}

function expectValidQuantiles(fc: Forecast): void {
  for (let h = 0; h < fc.point.length; h++) {
    for (let k = 0; k < fc.levels.length; k++) {
      expect(fc.values[k][h]).toBeGreaterThanOrEqual(0);
      if (k > 0)
        expect(fc.values[k][h]).toBeGreaterThanOrEqual(fc.values[k - 1][h]);
    }
    expect(Number.isFinite(fc.point[h])).toBe(true);
  }
}

describe('GBDT candidate', () => {
  it('builds features from data before the origin only (changing later sales changes nothing)', () => {
    const { panel } = syntheticPanel({
      series: 1,
      length: 300,
      horizon: H,
      seed: 3,
      richCovariates: true,
    });
    const s = panel.series[0];
    const origin = 250;
    const before = features(prep(s), origin);
    const changed = Float64Array.from(s.values);
    for (let i = origin; i < changed.length; i++) changed[i] = 1000 + i;
    const after = features(prep({ ...s, values: changed }), origin);
    expect(after).toEqual(before);
    // ...while changing the last value before the origin does change them (the test can fail).
    changed[origin - 1] += 50;
    expect(features(prep({ ...s, values: changed }), origin)).not.toEqual(
      before,
    );
  });

  it('beats seasonal naive on a promotion-driven panel, with valid quantiles', async () => {
    const { panel, future } = syntheticPanel({
      series: 30,
      length: 400,
      horizon: H,
      seed: 11,
      promoLift: 2,
      promoRate: 0.2,
    });
    const r = await trainAndForecast(panel, {
      horizon: H,
      neural: false,
      drivers: false,
      gbdt: small,
    });
    expect(r.warnings).toEqual([]);
    const selection = Object.fromEntries(
      panel.series.map((s) => [s.id, 'gbdt' as const]),
    );
    const g = await forecastFromArtifacts(panel, {
      ...r.artifacts,
      selection,
    });
    expect(g.errors).toEqual([]);
    let gbdtMase = 0;
    let naiveMase = 0;
    let inside = 0;
    let count = 0;
    for (const s of g.series) {
      const input = panel.series.find((x) => x.id === s.id) as SeriesInput;
      const actual = future.get(s.id) as Float64Array;
      expectValidQuantiles(s.forecast);
      gbdtMase += scoreForecast(actual, s.forecast, input.values, 7).mase;
      const naive = fitLocal('seasonal-naive', prep(input).clean, {
        period: 7,
        horizon: H,
        levels: [0.1, 0.5, 0.9],
      }).forecast;
      naiveMase += scoreForecast(actual, naive, input.values, 7).mase;
      for (let h = 0; h < H; h++) {
        count++;
        if (
          actual[h] >= s.forecast.values[0][h] &&
          actual[h] <= s.forecast.values[2][h]
        )
          inside++;
      }
    }
    expect(gbdtMase).toBeLessThan(0.8 * naiveMase);
    // P10-P90 from validation residuals: roughly calibrated on the future.
    expect(inside / count).toBeGreaterThan(0.6);
    // It is a scored candidate in every series' backtest.
    for (const s of r.series) expect(s.backtest.gbdt).toBeDefined();
  }, 120_000);

  it('never returns negative or crossing quantiles on near-zero sales', () => {
    const { panel } = syntheticPanel({
      series: 12,
      length: 200,
      horizon: H,
      seed: 5,
    });
    // Scale most series down to mostly zeros and ones: the log-space offsets push P10 below 0.
    const series = panel.series.map((s, i) =>
      prep(
        {
          ...s,
          values: s.values.map((v) => Math.floor(v / (i % 2 ? 40 : 1))),
        },
        i,
      ),
    );
    const st = runGbdtStage(series, 'day', H, [0.1, 0.5, 0.9], 7, small);
    for (const fcs of st.backtest.values())
      for (const fc of fcs) expectValidQuantiles(fc);
    for (const fc of st.final.values()) expectValidQuantiles(fc);
  }, 60_000);

  it('is deterministic for a seed', () => {
    const { panel } = syntheticPanel({
      series: 8,
      length: 200,
      horizon: H,
      seed: 9,
    });
    const series = panel.series.map((s, i) => prep(s, i));
    const a = runGbdtStage(series, 'day', H, [0.1, 0.5, 0.9], 1, small);
    const b = runGbdtStage(series, 'day', H, [0.1, 0.5, 0.9], 1, small);
    expect(JSON.stringify(b.model)).toEqual(JSON.stringify(a.model));
    for (const p of series)
      expect(b.final.get(p)?.values).toEqual(a.final.get(p)?.values);
  }, 60_000);

  it("attributes a promotion's lift to the promotion driver, and the parts add up to the P50", () => {
    const { panel } = syntheticPanel({
      series: 30,
      length: 400,
      horizon: H,
      seed: 11,
      promoLift: 2,
      promoRate: 0.2,
    });
    const series = panel.series.map((s, i) => prep(s, i));
    const st = runGbdtStage(series, 'day', H, [0.1, 0.5, 0.9], 7, small);
    const drivers = gbdtDrivers(st.model, series);
    const full = predictGbdtLog(
      st.model,
      series.map((p) => ({ series: p, origin: p.n })),
    );
    let onPromo = 0;
    let onPromoShare = 0;
    let offPromoShare = 0;
    let offPromo = 0;
    series.forEach((p, r) => {
      const d = drivers.get(p) as DriverBreakdown;
      const promo = p.input.covariates?.[0].values as Float64Array;
      for (let h = 0; h < H; h++) {
        const parts =
          d.level[h] +
          d.seasonality[h] +
          d.price[h] +
          d.promotion[h] +
          d.market[h] +
          d.event[h];
        expect(parts).toBeCloseTo(Math.expm1(full[r * H + h]), 6);
        const share = d.promotion[h] / Math.max(1e-9, d.level[h]);
        if (promo[p.n + h] === 1) {
          onPromo++;
          onPromoShare += share;
        } else {
          offPromo++;
          offPromoShare += Math.abs(share);
        }
      }
    });
    expect(onPromo).toBeGreaterThan(10);
    // A lift of 2 shows as the promotion adding most of the level on promotion days…
    expect(onPromoShare / onPromo).toBeGreaterThan(0.5);
    // …and next to nothing on the other days.
    expect(offPromoShare / offPromo).toBeLessThan(0.1);
  }, 60_000);

  it('gives the Shapley values of all 2^g occlusions while predicting only the subsets that differ', () => {
    const { panel } = syntheticPanel({
      series: 12,
      length: 300,
      horizon: H,
      seed: 4,
      richCovariates: true,
    });
    const series = panel.series.map((s, i) => prep(s, i));
    const st = runGbdtStage(series, 'day', H, [0.1, 0.5, 0.9], 3, small);
    const groups = (['price', 'promotion', 'market', 'event'] as const).filter(
      (g) => st.model.spec.covariates.some((c) => c.group === g),
    );
    expect(groups.length).toBe(4);
    // Reference: every subset predicted in full.
    const reqs = series.map((p) => ({ series: p, origin: p.n }));
    const v = Array.from({ length: 1 << groups.length }, (_, s) =>
      predictGbdtLog(
        st.model,
        reqs,
        new Set(groups.filter((_, i) => !(s & (1 << i)))),
      ).map(Math.expm1),
    );
    const drivers = gbdtDrivers(st.model, series);
    let nonZero = 0;
    series.forEach((p, r) => {
      const d = drivers.get(p) as DriverBreakdown;
      for (let h = 0; h < H; h++) {
        const at = (s: number) => v[s][r * H + h];
        expect(d.level[h]).toBeCloseTo(at(0), 9);
        const phi = shapleyValues(groups.length, at);
        groups.forEach((grp, i) => {
          expect(d[grp][h]).toBeCloseTo(phi[i], 9);
          if (Math.abs(phi[i]) > 1e-6) nonZero++;
        });
      }
    });
    expect(nonZero).toBeGreaterThan(0);
  }, 60_000);
});
