import { syntheticPanel } from '../../fixtures/synthetic-panel';
import { prepareSeries } from '../panel/prepare';
import {
  buildFeatureSpec,
  type OcclusionGroup,
  occlusionColumns,
  writeFeatures,
  writeTargets,
} from './features';

const opts = {
  frequency: 'day' as const,
  horizon: 7,
  origins: 3,
  intermittentThreshold: 0.3,
  minObservations: 8,
};

describe('neural features', () => {
  const { panel } = syntheticPanel({
    series: 2,
    length: 120,
    horizon: 7,
    seed: 1,
    richCovariates: true,
  });
  const spec = buildFeatureSpec(
    panel.series.map((s, i) => prepareSeries(s, i, opts)),
    'day',
    7,
    [0.1, 0.5, 0.9],
    { lagWindow: 28, covariateLags: 4, storeBuckets: 8, categoryBuckets: 4 },
  );

  it('has a fixed width covering lags, calendar, covariates and encodings', () => {
    expect(spec.covariates.map((c) => c.name)).toEqual([
      'promo',
      'price',
      'market',
      'holiday',
    ]);
    expect(spec.width).toBe(28 + 1 + 13 + 4 * (4 + 7) + 8 + 2 * 4 + 1);
  });

  it('does not leak: changing values at or after the origin leaves its features unchanged', () => {
    const s = panel.series[0];
    const origin = 80;
    const a = new Float32Array(spec.width);
    writeFeatures(spec, prepareSeries(s, 0, opts), origin, a);
    const changed = {
      ...s,
      values: Float64Array.from(s.values, (v, t) =>
        t >= origin ? v * 10 + 7 : v,
      ),
    };
    const b = new Float32Array(spec.width);
    writeFeatures(spec, prepareSeries(changed, 0, opts), origin, b);
    expect(Array.from(b)).toEqual(Array.from(a));
    // ...while the targets do see the change.
    const ta = new Float32Array(7);
    const tb = new Float32Array(7);
    const mask = new Float32Array(7);
    writeTargets(prepareSeries(s, 0, opts), origin, 7, 1, ta, mask);
    writeTargets(prepareSeries(changed, 0, opts), origin, 7, 1, tb, mask);
    expect(Array.from(tb)).not.toEqual(Array.from(ta));
  });

  it('occluding promotions zeroes exactly the promotion inputs', () => {
    const p = prepareSeries(panel.series[0], 0, opts);
    const full = new Float32Array(spec.width);
    const occluded = new Float32Array(spec.width);
    writeFeatures(spec, p, 100, full);
    writeFeatures(spec, p, 100, occluded, new Set(['promotion']));
    const start = 28 + 1 + 13;
    for (let i = 0; i < spec.width; i++) {
      if (i >= start && i < start + 11) expect(occluded[i]).toBe(0);
      else expect(occluded[i]).toBe(full[i]);
    }
  });

  it('occlusion columns rebuild every occluded row from the full and fully occluded rows', () => {
    const p = prepareSeries(panel.series[1], 1, opts);
    const groups: OcclusionGroup[] = [
      'seasonality',
      'price',
      'promotion',
      'market',
      'event',
    ];
    const cols = occlusionColumns(spec);
    const full = new Float32Array(spec.width);
    const neutral = new Float32Array(spec.width);
    const differsIn = (g: OcclusionGroup): boolean =>
      (cols.get(g) ?? []).some(([a, b]) =>
        full.subarray(a, b).some((v, i) => v !== neutral[a + i]),
      );
    // An origin whose window has an event and a promotion, so every group changes when occluded
    // (otherwise the check below would be vacuous for that group).
    let origin = 40;
    for (; origin < 110; origin++) {
      writeFeatures(spec, p, origin, full);
      writeFeatures(spec, p, origin, neutral, new Set(groups));
      if (groups.every(differsIn)) break;
    }
    expect(origin).toBeLessThan(110);
    for (let s = 0; s < 1 << groups.length; s++) {
      const off = groups.filter((_, i) => (s & (1 << i)) === 0);
      const expected = new Float32Array(spec.width);
      writeFeatures(spec, p, origin, expected, new Set(off));
      const mixed = Float32Array.from(full);
      for (const g of off)
        for (const [a, b] of cols.get(g) ?? [])
          mixed.set(neutral.subarray(a, b), a);
      expect(Array.from(mixed)).toEqual(Array.from(expected));
    }
  });
});
