import { sparseFromTriplets, transpose } from './sparse-matrix';
import {
  rowShares,
  segmentTopItems,
  similarUsers,
  userBasedRecommendations,
} from './user-cf';

// Stores × products units. Stores 0, 1, 2 have the same mix; store 0 lacks product 3, which
// 1 and 2 sell. Store 3 sells something else entirely.
const units = sparseFromTriplets(4, 5, [
  [0, 0, 100],
  [0, 1, 50],
  [1, 0, 200],
  [1, 1, 100],
  [1, 3, 40],
  [2, 0, 100],
  [2, 1, 60],
  [2, 3, 10],
  [3, 4, 500],
  [3, 2, 5],
]);

describe('sparse matrices', () => {
  it('sums repeated cells and transposes', () => {
    const m = sparseFromTriplets(2, 3, [
      [0, 2, 1],
      [0, 2, 2],
      [1, 0, 5],
    ]);
    expect(Array.from(m.values)).toEqual([3, 5]);
    const t = transpose(m);
    expect(t.rows).toBe(3);
    expect(Array.from(t.colIdx.subarray(t.rowPtr[2], t.rowPtr[3]))).toEqual([
      0,
    ]);
    expect(() => sparseFromTriplets(1, 1, [[1, 0, 1]])).toThrow(/outside/);
  });
});

describe('user-based CF', () => {
  it('finds stores with the same mix as most similar, ignoring unrelated stores', () => {
    const sim = similarUsers(rowShares(units), 3);
    expect(sim[0].map((s) => s.user).sort()).toEqual([1, 2]);
    expect(sim[3]).toEqual([]);
  });

  it('lists assortment gaps: products similar stores sell and this one does not', () => {
    const { recommendations } = userBasedRecommendations(rowShares(units), {
      neighbours: 2,
      minNeighbours: 2,
    });
    expect(recommendations[0].map((r) => r.item)).toEqual([3]);
    const gap = recommendations[0][0];
    expect(gap.neighboursWithItem).toBe(2);
    // shares of product 3: 40/340 in store 1, 10/170 in store 2
    expect(gap.meanValueWhereHeld).toBeCloseTo((40 / 340 + 10 / 170) / 2);
    expect(gap.score).toBeGreaterThan(0);
    expect(recommendations[1]).toEqual([]); // store 1 already carries everything its peers sell
  });

  it('sums customer recommendations per segment', () => {
    const seg = segmentTopItems(rowShares(units), [0, 0, 0, -1], {
      neighbours: 2,
      minNeighbours: 1,
    });
    expect([...seg.keys()]).toEqual([0]);
    expect(seg.get(0)?.[0].item).toBe(3);
  });
});
