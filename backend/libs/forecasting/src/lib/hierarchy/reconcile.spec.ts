import { mulberry32 } from '../core/random';
import { shrinkCovariance } from './covariance';
import {
  createReconciler,
  RECONCILIATION_METHODS,
  reconcileForecasts,
} from './reconcile';
import {
  aggregateBottom,
  buildHierarchy,
  coherenceError,
  type Hierarchy,
} from './structure';

/**
 * Tiny two-level example: total → stores s1, s2 → bottoms s1-x, s1-y, s2-x.
 * Global order: [total, store:s1, store:s2, s1-x, s1-y, s2-x].
 */
function tiny(): Hierarchy {
  return buildHierarchy(
    [
      { id: 's1-x', attributes: { store: 's1' } },
      { id: 's1-y', attributes: { store: 's1' } },
      { id: 's2-x', attributes: { store: 's2' } },
    ],
    [
      { name: 'total', keys: [] },
      { name: 'store', keys: ['store'] },
    ],
  );
}
const BASE = [100, 70, 28, 40, 25, 31];
/** Residuals, T = 4 rows × 6 series, given per series (columns of the T × n matrix). */
const ROWS = [
  [3, 2, 1, 1, 1, 1],
  [-2, -1, -1, 0, -1, -1],
  [1, 2, -1, 1, 0, -2],
  [-4, -3, 0, -2, -1, 1],
];
const RESIDUALS = BASE.map((_, i) => ROWS.map((r) => r[i]));

function expectClose(
  actual: ArrayLike<number>,
  expected: number[],
  digits = 9,
): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, digits));
}

describe('hierarchy structure', () => {
  it('orders aggregates first and keeps parent and child lists', () => {
    const h = tiny();
    expect(h.ids).toEqual([
      'total',
      'store:s1',
      'store:s2',
      's1-x',
      's1-y',
      's2-x',
    ]);
    expect(h.nAgg).toBe(3);
    expect(Array.from(h.parents)).toEqual([0, 1, 0, 1, 0, 2]);
    const sums = aggregateBottom(h, [
      [1, NaN],
      [2, NaN],
      [4, NaN],
    ]);
    expect(sums.map((s) => s[0])).toEqual([7, 3, 4, 1, 2, 4]);
    expect(Number.isNaN(sums[0][1])).toBe(true);
  });

  it('names the bottom and the level when an attribute is missing', () => {
    expect(() =>
      buildHierarchy(
        [{ id: 'a', attributes: {} }],
        [{ name: 'store', keys: ['store'] }],
      ),
    ).toThrow('bottom a lacks attribute "store" (level store)');
  });
});

describe('reconciliation on the hand-checked example', () => {
  it('OLS solves the normal equations SᵀS b = Sᵀŷ', () => {
    // SᵀS = [[3,2,1],[2,3,1],[1,1,3]], Sᵀŷ = [100+70+40, 100+70+25, 100+28+31] = [210,195,159];
    // b = (42, 27, 30): 3·42+2·27+30 = 210, 2·42+3·27+30 = 195, 42+27+3·30 = 159. ỹ = S b.
    const r = createReconciler(tiny(), { method: 'ols' }).project(BASE);
    expectClose(r, [99, 69, 30, 42, 27, 30]);
  });

  it('structural WLS weights by the number of bottoms', () => {
    // numpy: S (SᵀW⁻¹S)⁻¹ SᵀW⁻¹ ŷ with W = diag(3, 2, 1, 1, 1, 1).
    const r = createReconciler(tiny(), { method: 'wls' }).project(BASE);
    expectClose(
      r,
      [
        98, 68.166666666667, 29.833333333333, 41.583333333333, 26.583333333333,
        29.833333333333,
      ],
    );
  });

  it('MinT with Schäfer–Strimmer shrinkage matches the dense formula', () => {
    // numpy (mirrors hts::shrink.estim): covm = RᵀR/T, xs = R/sd, v = (xs²ᵀxs² − (xsᵀxs)²/T)/(T(T−1)),
    // λ = Σ_{i≠j} v_ij / Σ_{i≠j} corm_ij² = 0.431399744363765; W = λ·diag(covm) + (1−λ)·covm;
    // ỹ = S (SᵀW⁻¹S)⁻¹ SᵀW⁻¹ ŷ.
    expect(shrinkCovariance(RESIDUALS).lambda).toBeCloseTo(
      0.43139974436376505,
      12,
    );
    const rec = createReconciler(tiny(), {
      method: 'mint',
      residuals: RESIDUALS,
    });
    expect(rec.lambda).toBeCloseTo(0.431399744363765, 12);
    expectClose(
      rec.project(BASE),
      [
        97.00371978106, 67.87061426982, 29.133105511241, 41.906500618573,
        25.964113651246, 29.133105511241,
      ],
    );
  });

  it('WLS on residual variances uses diag(RᵀR/T) = (7.5, 4.5, 0.75, 1.5, 0.75, 1.75)', () => {
    const r = createReconciler(tiny(), {
      method: 'wlsVar',
      residuals: RESIDUALS,
    }).project(BASE);
    expectClose(
      r,
      [
        96.509186351706, 67.364829396325, 29.144356955381, 41.576552930884,
        25.788276465442, 29.144356955381,
      ],
    );
  });

  it('wlsVar with the variances given directly equals wlsVar from the residuals', () => {
    const r = createReconciler(tiny(), {
      method: 'wlsVar',
      variances: [7.5, 4.5, 0.75, 1.5, 0.75, 1.75],
    }).project(BASE);
    expectClose(
      r,
      [
        96.509186351706, 67.364829396325, 29.144356955381, 41.576552930884,
        25.788276465442, 29.144356955381,
      ],
    );
    expect(() =>
      createReconciler(tiny(), {
        method: 'wlsVar',
        variances: [1, 1, 1, 0, 1, 1],
      }),
    ).toThrow('wlsVar variances must be positive');
  });

  it('top-down splits the total by the base forecasts of the path below it', () => {
    // Path total → store → bottom. Stores 70 : 28 of 100; s1's bottoms 40 : 25.
    const r = createReconciler(tiny(), { method: 'topDown' }).project(BASE);
    const s1 = (100 * 70) / 98;
    expectClose(r, [
      100,
      s1,
      (100 * 28) / 98,
      (s1 * 40) / 65,
      (s1 * 25) / 65,
      (100 * 28) / 98,
    ]);
  });
});

describe('non-negative reconciliation', () => {
  // Store s1's forecast (40) is far below its bottoms (45 + 0.5): unconstrained OLS gives
  // s1-y = −1.4615 and MinT −0.3844 (numpy).
  const NEG = [100, 40, 60, 45, 0.5, 58];

  it('OLS pins the negative bottom at zero and re-solves on the rest', () => {
    expect(
      createReconciler(tiny(), { method: 'ols' }).project(NEG)[4],
    ).toBeCloseTo(-1.461538461538, 9);
    // With s1-y = 0 the free bottoms x = s1-x, z = s2-x minimise
    // (100−x−z)² + (40−x)² + (60−z)² + (45−x)² + 0.5² + (58−z)²: 3x + z = 185, x + 3z = 218,
    // so x = 337/8 = 42.125 and z = 469/8 = 58.625.
    const r = createReconciler(tiny(), {
      method: 'ols',
      nonNegative: true,
    }).project(NEG);
    expectClose(r, [100.75, 42.125, 58.625, 42.125, 0, 58.625]);
  });

  it('MinT pins the negative bottom (numpy: S′(S′ᵀW⁻¹S′)⁻¹S′ᵀW⁻¹ŷ without the s1-y column)', () => {
    const rec = createReconciler(tiny(), {
      method: 'mint',
      residuals: RESIDUALS,
      nonNegative: true,
    });
    expectClose(
      rec.project(NEG),
      [
        102.774406192346, 43.514181400918, 59.260224791428, 43.514181400918, 0,
        59.260224791428,
      ],
    );
  });

  it('keeps every bottom non-negative and coherent on a random grouped hierarchy', () => {
    const { h, base, residuals } = randomGrouped(7, 0.6);
    for (const method of RECONCILIATION_METHODS) {
      const rec = createReconciler(h, { method, residuals, nonNegative: true });
      const out = reconcileForecasts(h, rec, base);
      for (let t = 0; t < base[0].length; t++) {
        const y = out.map((s) => s[t]);
        expect(Math.min(...y)).toBeGreaterThanOrEqual(0);
        expect(coherenceError(h, y)).toBeLessThan(1e-9);
      }
    }
  });
});

/** chain → region → store, category, category × store, product, product × store (bottom). */
function randomGrouped(
  seed: number,
  negativeShare = 0,
): {
  h: Hierarchy;
  base: Float64Array[];
  residuals: Float64Array[];
} {
  const rand = mulberry32(seed);
  const bottoms = [];
  for (let s = 0; s < 6; s++)
    for (let p = 0; p < 8; p++)
      bottoms.push({
        id: `p${p}-s${s}`,
        attributes: {
          region: `r${s % 2}`,
          store: `s${s}`,
          category: `c${p % 3}`,
          product: `p${p}`,
        },
      });
  const h = buildHierarchy(
    bottoms,
    [
      { name: 'chain', keys: [] },
      { name: 'region', keys: ['region'] },
      { name: 'store', keys: ['store'] },
      { name: 'category', keys: ['category'] },
      { name: 'category × store', keys: ['category', 'store'] },
      { name: 'product', keys: ['product'] },
    ],
    'product × store',
  );
  const n = h.nAgg + h.nBottom;
  const H = 3;
  const T = 10;
  const bottomBase = bottoms.map(() =>
    Float64Array.from({ length: H }, () =>
      rand() < negativeShare * 0.2 ? 0.01 : 5 + 20 * rand(),
    ),
  );
  // Incoherent base: the sums perturbed by ±30%.
  const base = aggregateBottom(h, bottomBase).map((s) =>
    s.map((v) => v * (0.7 + 0.6 * rand())),
  );
  const residuals = Array.from({ length: n }, () =>
    Float64Array.from({ length: T }, () => rand() * 4 - 2),
  );
  return { h, base, residuals };
}

describe('coherence on a grouped retail hierarchy', () => {
  it.each(RECONCILIATION_METHODS)(
    '%s: every parent equals the sum of its children to 1e-9',
    (method) => {
      const { h, base, residuals } = randomGrouped(3);
      const out = reconcileForecasts(
        h,
        createReconciler(h, { method, residuals }),
        base,
      );
      for (let t = 0; t < base[0].length; t++) {
        const y = out.map((s) => s[t]);
        expect(coherenceError(h, y)).toBeLessThan(1e-9);
        // Every level partitions the same bottoms, so each level also sums to the chain total.
        for (const level of h.levels) {
          let s = 0;
          for (let i = level.start; i < level.start + level.size; i++)
            s += y[i];
          expect(Math.abs(s - y[0])).toBeLessThan(1e-9 * Math.max(1, y[0]));
        }
      }
    },
  );

  it('leaves a coherent base forecast unchanged (OLS, WLS, MinT are projections)', () => {
    const { h, residuals } = randomGrouped(5);
    const coherent = aggregateBottom(
      h,
      Array.from({ length: h.nBottom }, (_, j) => [j + 1]),
    ).map((s) => s[0]);
    for (const method of ['ols', 'wls', 'wlsVar', 'mint'] as const) {
      const r = createReconciler(h, { method, residuals }).project(coherent);
      expectClose(r, coherent, 8);
    }
  });

  it('top-down rejects a path that is not nested', () => {
    const { h } = randomGrouped(1);
    expect(() =>
      createReconciler(h, {
        method: 'topDown',
        topDownPath: ['category', 'store', 'product × store'],
      }),
    ).toThrow('level store is not nested in category');
  });
});

describe('scale', () => {
  it('reconciles 20,000 bottom series with MinT without an n × n matrix', () => {
    // 100 stores × 200 products: n = 20,301; a dense n × n W would need 3.3 GB. Only the
    // 301 × 301 constraint system is factorised.
    const rand = mulberry32(11);
    const bottoms = [];
    for (let s = 0; s < 100; s++)
      for (let p = 0; p < 200; p++)
        bottoms.push({
          id: `p${p}-s${s}`,
          attributes: { store: `s${s}`, product: `p${p}` },
        });
    const h = buildHierarchy(bottoms, [
      { name: 'chain', keys: [] },
      { name: 'store', keys: ['store'] },
      { name: 'product', keys: ['product'] },
    ]);
    const n = h.nAgg + h.nBottom;
    expect(n).toBe(20301);
    const residuals = Array.from({ length: n }, () =>
      Float64Array.from({ length: 12 }, () => rand() - 0.5),
    );
    const y = Float64Array.from({ length: n }, () => 1 + rand());
    const out = createReconciler(h, { method: 'mint', residuals }).project(y);
    expect(coherenceError(h, out)).toBeLessThan(1e-9);
    // A coherent input comes back unchanged (projection), here with 20,000 bottoms.
    const again = createReconciler(h, { method: 'mint', residuals }).project(
      out,
    );
    for (let i = 0; i < n; i += 997) expect(again[i]).toBeCloseTo(out[i], 6);
  });
});
