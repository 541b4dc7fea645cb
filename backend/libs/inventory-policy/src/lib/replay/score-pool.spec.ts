import { ScorePool, splitBySpread } from './score-pool';

describe('splitBySpread', () => {
  it('splits by spread into bands of equal count, scores sorted per band', () => {
    // Spreads 0.1..0.7 (7 items) into 3 bands: counts 3, 2, 2.
    const items = [0.5, 0.1, 0.7, 0.3, 0.2, 0.6, 0.4].map((spread) => ({
      spread,
      z: -10 * spread,
    }));
    const { edges, groups } = splitBySpread(items, 3);
    expect(Array.from(edges)).toEqual([0.4, 0.6]);
    expect(groups.map((g) => Array.from(g))).toEqual([
      [-3, -2, -1],
      [-5, -4],
      [-7, -6],
    ]);
  });

  it('keeps tied spreads in one band', () => {
    const items = [1, 1, 1, 2].map((spread, i) => ({ spread, z: i }));
    const { edges, groups } = splitBySpread(items, 2);
    expect(Array.from(edges)).toEqual([2]);
    expect(groups.map((g) => Array.from(g))).toEqual([[0, 1, 2], [3]]);
  });

  it('returns one empty band without scores', () => {
    const { edges, groups } = splitBySpread([], 4);
    expect(edges.length).toBe(0);
    expect(groups.map((g) => g.length)).toEqual([0]);
  });
});

describe('ScorePool.spreadBand', () => {
  it('answers with the band of the query spread, within the window only', () => {
    const pool = new ScorePool(10);
    // Calendar 5..8: spreads 0.1, 0.2, 0.3, 0.4 with scores 1..4; calendar 0
    // is outside the window of a query at 12 (12 − 10 = 2).
    pool.add(0, 0, 0, 99, 0.05);
    [0.1, 0.2, 0.3, 0.4].forEach((s, i) => pool.add(0, 0, 5 + i, i + 1, s));
    expect(Array.from(pool.spreadBand(0, 0, 12, 0.01, 2))).toEqual([1, 2]);
    expect(Array.from(pool.spreadBand(0, 0, 12, 0.3, 2))).toEqual([3, 4]);
    expect(Array.from(pool.spreadBand(0, 0, 12, 9, 2))).toEqual([3, 4]);
    // Outcomes at or after the query's calendar are not read.
    expect(Array.from(pool.spreadBand(0, 0, 7, 0.3, 2))).toEqual([2]);
    expect(Array.from(pool.scores(0, 0, 12))).toEqual([1, 2, 3, 4]);
  });
});
