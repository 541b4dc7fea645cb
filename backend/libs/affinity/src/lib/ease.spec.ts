import { packBaskets } from './baskets';
import {
  easeRecommender,
  easeWeights,
  invertSymmetricPositiveDefinite,
} from './ease';
import { leaveOneItemOut } from './evaluation';
import { popularityRecommender } from './recommenders';
import { popularItemAndPairs } from '../../test/fixtures/popular-item-and-pairs';

describe('invertSymmetricPositiveDefinite', () => {
  it('inverts a 3 × 3 matrix (A · A⁻¹ = I)', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const inv = invertSymmetricPositiveDefinite(a, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() =>
      invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2),
    ).toThrow(/not positive definite/);
  });
});

describe('EASE', () => {
  it('matches the closed form for two items: B₀₁ = count(0, 1) / (count(0) + λ)', () => {
    // Item 0 in 5 baskets, item 1 in 4, together in 3.
    const train = packBaskets([[0, 1], [0, 1], [0, 1], [0], [0], [1]]);
    const w = easeWeights(train, 2);
    expect(w[0]).toBe(0);
    expect(w[3]).toBe(0);
    expect(w[0 * 2 + 1]).toBeCloseTo(3 / (5 + 2), 12);
    expect(w[1 * 2 + 0]).toBeCloseTo(3 / (4 + 2), 12);
  });

  it('shrinks every weight towards zero as λ grows', () => {
    const train = packBaskets([
      [0, 1, 2],
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ]);
    const sum = (w: Float64Array) => w.reduce((s, x) => s + Math.abs(x), 0);
    expect(sum(easeWeights(train, 100))).toBeLessThan(
      sum(easeWeights(train, 1)),
    );
  });

  it('completes pairs that popularity cannot', () => {
    const train = popularItemAndPairs;
    const test = packBaskets([
      [1, 2],
      [3, 4],
    ]);
    const ease = leaveOneItemOut(test, train, easeRecommender(train, 1), {
      k: 1,
    });
    const pop = leaveOneItemOut(test, train, popularityRecommender(train), {
      k: 1,
    });
    expect(ease.hitRate).toBe(1);
    expect(pop.hitRate).toBe(0);
  });

  it('refuses λ ≤ 0', () => {
    expect(() => easeWeights(packBaskets([[0, 1]]), 0)).toThrow(/λ > 0/);
  });
});
