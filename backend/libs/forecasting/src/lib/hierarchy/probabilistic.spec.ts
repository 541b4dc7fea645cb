import { normalQuantile } from '../core/stats';
import { shrinkCovariance } from './covariance';
import { reconcileQuantiles, sigmaFromQuantiles } from './probabilistic';
import { createReconciler } from './reconcile';
import { buildHierarchy, coherenceError } from './structure';

/** total → 4 bottoms, each N(10, 3²) at the base; global order [total, b0..b3]. */
const h = buildHierarchy(
  [0, 1, 2, 3].map((i) => ({ id: `b${i}`, attributes: {} })),
  [{ name: 'total', keys: [] }],
);
const mean = [[40], [10], [10], [10], [10]];
const sigma = [[6], [3], [3], [3], [3]];
const z90 = normalQuantile(0.9); // 1.2815515655

describe('sigmaFromQuantiles', () => {
  it('reads σ from the outermost pair: (P90 − P10) / (z90 − z10)', () => {
    const s = sigmaFromQuantiles({
      levels: [0.1, 0.5, 0.9],
      values: [
        Float64Array.of(10 - 2 * z90),
        Float64Array.of(10),
        Float64Array.of(10 + 2 * z90),
      ],
    });
    expect(s[0]).toBeCloseTo(2, 9);
  });
});

describe('reconcileQuantiles', () => {
  it('bottom-up of independent bottoms: the total is N(40, 4·3²) = N(40, 6²)', () => {
    const rec = createReconciler(h, { method: 'bottomUp' });
    const out = reconcileQuantiles(h, rec, mean, sigma, {
      levels: [0.1, 0.5, 0.9],
      samples: 4000,
      seed: 3,
    });
    // P10/P90 = 40 ∓ 1.2816·6 = 32.31 / 47.69; Monte-Carlo error of a quantile with 4000 draws ≈ 0.16.
    expect(out[0].values[0][0]).toBeCloseTo(40 - z90 * 6, 0);
    expect(out[0].values[2][0]).toBeCloseTo(40 + z90 * 6, 0);
    expect(out[1].values[2][0]).toBeCloseTo(10 + z90 * 3, 0);
    expect(out[0].point[0]).toBe(40);
  });

  it('identical standardised residuals: bottoms correlated 1 − λ, total σ² = 36 + 108·(1 − λ)', () => {
    // Residuals proportional across all series ⇒ every sample correlation is 1; Schäfer–Strimmer
    // still shrinks by λ = 0.172609208972845 (numpy, the spread of the products xs_ti·xs_tj), so the
    // bottoms' correlation is 1 − λ and the bottom-up total has σ² = 4·9 + 12·9·(1 − λ):
    // σ = 11.196, P90 = 40 + 1.2816·11.196 = 54.349.
    const base = [2, -1, 3, -2, 1, 0.5];
    const residuals = [4, 1, 1, 1, 1].map((s) => base.map((v) => s * v));
    expect(shrinkCovariance(residuals).lambda).toBeCloseTo(
      0.17260920897284532,
      12,
    );
    const rec = createReconciler(h, { method: 'bottomUp' });
    const out = reconcileQuantiles(h, rec, mean, sigma, {
      levels: [0.1, 0.9],
      residuals,
      samples: 4000,
      seed: 5,
    });
    expect(out[0].values[1][0]).toBeGreaterThan(54.349 - 0.8);
    expect(out[0].values[1][0]).toBeLessThan(54.349 + 0.8);
  });

  it('covers about 80% of outcomes drawn from the true distribution at every level (MinT)', () => {
    // Truth: bottoms independent N(10, 3²), total = their sum. Residuals simulated from the truth
    // (T = 300, the total's residual is the sum of the bottoms'), so the shrunk covariance knows
    // the total moves with its bottoms. The base total is biased (46 instead of 40); MinT pulls it
    // back toward the bottoms' sum and the reconciled P10–P90 covers about 80% at every level.
    let seed = 11;
    const rand = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const gauss = (): number =>
      Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
    const draw = (): number[] => {
      const b = [0, 1, 2, 3].map(() => 3 * gauss());
      return [b[0] + b[1] + b[2] + b[3], ...b];
    };
    const rows = Array.from({ length: 300 }, draw);
    const residuals = [0, 1, 2, 3, 4].map((i) => rows.map((r) => r[i]));
    const biased = [[46], [10], [10], [10], [10]];
    const rec = createReconciler(h, { method: 'mint', residuals });
    const out = reconcileQuantiles(h, rec, biased, sigma, {
      levels: [0.1, 0.5, 0.9],
      residuals,
      samples: 2000,
      seed: 9,
    });
    expect(
      coherenceError(
        h,
        out.map((f) => f.point[0]),
      ),
    ).toBeLessThan(1e-9);
    expect(out[0].point[0]).toBeLessThan(44);
    const inside = new Array(5).fill(0);
    const N = 4000;
    for (let r = 0; r < N; r++) {
      const y = draw().map((e, i) => (i === 0 ? 40 : 10) + e);
      y.forEach((v, i) => {
        if (v >= out[i].values[0][0] && v <= out[i].values[2][0]) inside[i]++;
      });
    }
    for (const c of inside) {
      expect(c / N).toBeGreaterThan(0.72);
      expect(c / N).toBeLessThan(0.88);
    }
  });
});
