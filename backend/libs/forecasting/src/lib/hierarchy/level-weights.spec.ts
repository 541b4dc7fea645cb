import { mulberry32 } from '../core/random';
import {
  fitLevelWeights,
  levelWeightedVariances,
  type ReconciliationWindow,
} from './level-weights';
import { createReconciler, reconcileForecasts } from './reconcile';
import {
  aggregateBottom,
  type BottomSeriesSpec,
  buildHierarchy,
  coherenceError,
} from './structure';

/** total → bottoms x, y. Global order: [total, x, y]. */
const h = buildHierarchy(
  [
    { id: 'x', attributes: {} },
    { id: 'y', attributes: {} },
  ],
  [{ name: 'total', keys: [] }],
);

/**
 * Actuals x = y = 10 (total 20) with H = 1. The total's base forecast is nearly right (21) while
 * the bottoms over-forecast x (14, 10 → bottom-up total 24). Trusting the total spreads the −3
 * over the bottoms (12.5, 8.5): the bottom MASE stays 2 and the total's drops from 4 to 1.
 */
function window(): ReconciliationWindow {
  return {
    base: [[21], [14], [10]],
    actual: [[20], [10], [10]],
    scale: [1, 1, 1],
    prior: [1, 1, 1],
  };
}

describe('levelWeightedVariances', () => {
  it('multiplies each series’ prior by its level’s multiplier', () => {
    expect(Array.from(levelWeightedVariances(h, [4, 2, 3], [0.5, 3]))).toEqual([
      2, 6, 9,
    ]);
  });
});

describe('fitLevelWeights', () => {
  it('learns to trust the level whose base forecasts were right', () => {
    const fit = fitLevelWeights(h, [window(), window()], { ridge: 0 });
    // Equal weights land the total between 21 and 24; the fit shrinks the total's variance.
    expect(fit.multipliers[0]).toBeLessThan(0.05);
    expect(fit.multipliers[1]).toBe(1);
    expect(fit.objective).toBeLessThan(fit.priorObjective);
    expect(fit.ratios[0]).toBeLessThan(1.01);
    expect(fit.ratios[1]).toBeLessThan(1.01);
    // The fitted W gives a coherent reconciliation close to (21, 12.5, 8.5).
    const rec = createReconciler(h, {
      method: 'wlsVar',
      variances: levelWeightedVariances(h, [1, 1, 1], fit.multipliers),
    });
    const out = reconcileForecasts(h, rec, window().base);
    expect(coherenceError(h, [out[0][0], out[1][0], out[2][0]])).toBeLessThan(
      1e-9,
    );
    expect(out[0][0]).toBeCloseTo(21, 1);
    expect(out[1][0]).toBeCloseTo(12.5, 1);
  });

  it('keeps the prior when the ridge outweighs any gain', () => {
    const fit = fitLevelWeights(h, [window()], { ridge: 1e6 });
    expect(Array.from(fit.multipliers)).toEqual([1, 1]);
    expect(fit.objective).toBe(fit.priorObjective);
  });

  it('rejects windows with the wrong number of series', () => {
    const bad = { ...window(), prior: [1, 1] };
    expect(() => fitLevelWeights(h, [bad])).toThrow(/3 series/);
    expect(() => fitLevelWeights(h, [])).toThrow(/at least one window/);
  });
});

describe('fitted level weights on a grouped hierarchy', () => {
  it('gives coherent (1e-9) and, with nonNegative, non-negative forecasts; so does a flat top-down path', () => {
    const rand = mulberry32(11);
    const bottoms: BottomSeriesSpec[] = [];
    for (let s = 0; s < 4; s++)
      for (let p = 0; p < 5; p++)
        bottoms.push({
          id: `p${p}-s${s}`,
          attributes: { region: `r${s % 2}`, store: `s${s}`, product: `p${p}` },
        });
    const g = buildHierarchy(
      bottoms,
      [
        { name: 'chain', keys: [] },
        { name: 'region', keys: ['region'] },
        { name: 'store', keys: ['store'] },
        { name: 'product', keys: ['product'] },
      ],
      'product × store',
    );
    const n = g.ids.length;
    const H = 3;
    // Incoherent base forecasts with some bottoms near zero, and actuals around them.
    const sample = (): ReconciliationWindow => {
      const bottom = bottoms.map(() =>
        Float64Array.from({ length: H }, () =>
          rand() < 0.2 ? 0.01 : 5 + 20 * rand(),
        ),
      );
      const coherent = aggregateBottom(g, bottom);
      return {
        base: coherent.map((s) => s.map((v) => v * (0.6 + 0.8 * rand()))),
        actual: coherent.map((s) => s.map((v) => v * (0.8 + 0.4 * rand()))),
        scale: new Float64Array(n).fill(1),
        prior: Float64Array.from({ length: n }, () => 0.5 + rand()),
      };
    };
    const windows = [sample(), sample(), sample()];
    const fit = fitLevelWeights(g, windows, { sweeps: 1 });
    expect(fit.objective).toBeLessThanOrEqual(fit.priorObjective);
    const test = sample();
    const reconcilers = [
      createReconciler(g, {
        method: 'wlsVar',
        nonNegative: true,
        variances: levelWeightedVariances(g, test.prior, fit.multipliers),
      }),
      createReconciler(g, {
        method: 'topDown',
        topDownPath: ['chain', 'product × store'],
      }),
    ];
    for (const rec of reconcilers) {
      const out = reconcileForecasts(g, rec, test.base);
      for (let t = 0; t < H; t++) {
        const y = out.map((s) => s[t]);
        expect(coherenceError(g, y)).toBeLessThan(1e-9);
        expect(Math.min(...y)).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
