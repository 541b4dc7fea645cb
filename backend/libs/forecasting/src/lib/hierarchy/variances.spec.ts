import { buildHierarchy } from './structure';
import { pooledLevelVariances } from './variances';

describe('pooledLevelVariances', () => {
  it('pools mean squared residual / scale² per level and rescales by each series’ scale²', () => {
    // Global order [total, store:s1, store:s2, s1-x, s1-y, s2-x]; period 1, so scale = mean |Δy|.
    const h = buildHierarchy(
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
    // scales: 4, 2, 1, 1, 1, 3. Relative MSE: total 16/16 = 1; s1 4/4 = 1, s2 9/1 = 9 → store
    // level 5; s1-x 1/1 = 1, s1-y none (skipped), s2-x 9/9 = 1 → bottom level 1.
    // Variances: total 1·16, s1 5·4 = 20, s2 5·1 = 5, s1-x 1·1, s1-y 1·1, s2-x 1·9.
    const v = pooledLevelVariances(
      h,
      [
        [0, 4, 8],
        [0, 2, 4],
        [0, 1, 2],
        [0, 1, 2],
        [0, 1, 2],
        [0, 3, 6],
      ],
      [
        [4, -4],
        [2, 2],
        [3, 3],
        [1, 1],
        [NaN, NaN],
        [3, -3],
      ],
      1,
    );
    expect(Array.from(v)).toEqual([16, 20, 5, 1, 1, 9]);
  });
});
