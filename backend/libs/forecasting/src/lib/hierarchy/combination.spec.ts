import {
  combineForecasts,
  combineReconcilers,
  fitCombinationWeights,
  type CombinationWindow,
} from './combination';
import { createReconciler, reconcileForecasts } from './reconcile';
import { buildHierarchy, coherenceError } from './structure';

/** total → regions r1, r2 → bottoms a, b (r1) and c (r2). Global order: [total, r1, r2, a, b, c]. */
const h = buildHierarchy(
  [
    { id: 'a', attributes: { region: 'r1' } },
    { id: 'b', attributes: { region: 'r1' } },
    { id: 'c', attributes: { region: 'r2' } },
  ],
  [
    { name: 'total', keys: [] },
    { name: 'region', keys: ['region'] },
  ],
);

describe('combineForecasts', () => {
  it('weights every candidate per series and step', () => {
    const out = combineForecasts(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
      [0.25, 0.75],
    );
    expect(out.map((r) => Array.from(r))).toEqual([
      [4, 5],
      [6, 7],
    ]);
  });

  it('refuses a weight count that does not match the candidates', () => {
    expect(() => combineForecasts([[[1]]], [0.5, 0.5])).toThrow(/weights/);
  });
});

describe('combineReconcilers', () => {
  const y = [30, 12, 20, 4, 5, 14];
  const bu = createReconciler(h, { method: 'bottomUp' });
  const ols = createReconciler(h, { method: 'ols' });

  it('is coherent and equals the weighted mean of the candidates', () => {
    const mix = combineReconcilers(h, [bu, ols], [0.3, 0.7]);
    const out = mix.project(y);
    expect(coherenceError(h, out)).toBeLessThan(1e-12);
    const a = bu.project(y);
    const b = ols.project(y);
    for (let i = 0; i < out.length; i++)
      expect(out[i]).toBeCloseTo(0.3 * a[i] + 0.7 * b[i], 10);
    expect(mix.method).toBe('combination');
  });

  it('with all weight on one candidate reproduces it', () => {
    const out = combineReconcilers(h, [bu, ols], [0, 1]).project(y);
    expect(Array.from(out)).toEqual(Array.from(ols.project(y)));
  });

  it('stays non-negative when its candidates are', () => {
    const neg = [1, 6, -4, 3, 4, -3];
    const mix = combineReconcilers(
      h,
      [
        createReconciler(h, { method: 'bottomUp', nonNegative: true }),
        createReconciler(h, { method: 'ols', nonNegative: true }),
      ],
      [0.5, 0.5],
    );
    expect(mix.nonNegative).toBe(true);
    const out = mix.project(neg);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(coherenceError(h, out)).toBeLessThan(1e-12);
  });

  it('refuses weights that are negative or do not sum to 1', () => {
    expect(() => combineReconcilers(h, [bu, ols], [1.5, -0.5])).toThrow(/≥ 0/);
    expect(() => combineReconcilers(h, [bu, ols], [0.5, 0.4])).toThrow(/sum/);
  });
});

describe('fitCombinationWeights', () => {
  /**
   * Actuals a = b = c = 10 (regions 20, 10; total 30). The bottoms' base forecasts are right
   * except a (16); the aggregates' base forecasts are right. Bottom-up puts a's error on r1 and
   * the total; top-down (forecast proportions from the right total) keeps the total right.
   */
  function window(): CombinationWindow {
    const base = [[30], [20], [10], [16], [10], [10]];
    const rec = (method: 'bottomUp' | 'topDown') =>
      reconcileForecasts(h, createReconciler(h, { method }), base);
    return {
      candidates: [rec('bottomUp'), rec('topDown')],
      base,
      actual: [[30], [20], [10], [10], [10], [10]],
      scale: [1, 1, 1, 1, 1, 1],
    };
  }

  it('returns weights on the simplex that beat either candidate alone', () => {
    const w = window();
    const fit = fitCombinationWeights(h, [w]);
    expect(fit.weights.length).toBe(2);
    expect(fit.weights[0] + fit.weights[1]).toBeCloseTo(1, 12);
    expect(Math.min(...fit.weights)).toBeGreaterThanOrEqual(0);
    const score = (weights: number[]) =>
      fitCombinationWeights(h, [
        { ...w, candidates: [combineForecasts(w.candidates, weights)] },
      ]).objective;
    expect(fit.objective).toBeLessThanOrEqual(score([1, 0]) + 1e-12);
    expect(fit.objective).toBeLessThanOrEqual(score([0, 1]) + 1e-12);
    // Top-down fixes the total and r1 here, bottom-up nothing: the fit leans on top-down.
    expect(fit.weights[1]).toBeGreaterThan(0.5);
  });

  it('puts all weight on a candidate equal to the actuals', () => {
    const w = window();
    const perfect = w.actual.map((a) => Float64Array.from(a));
    const fit = fitCombinationWeights(h, [
      { ...w, candidates: [w.candidates[0], perfect] },
    ]);
    expect(Array.from(fit.weights)).toEqual([0, 1]);
    // The bottom level (the only one whose base forecasts err) is then error-free.
    expect(fit.ratios[2]).toBe(0);
  });

  it('refuses an empty window list and mismatched windows', () => {
    expect(() => fitCombinationWeights(h, [])).toThrow(/at least one/);
    const w = window();
    expect(() =>
      fitCombinationWeights(h, [w, { ...w, candidates: [w.candidates[0]] }]),
    ).toThrow(/candidates/);
  });
});
