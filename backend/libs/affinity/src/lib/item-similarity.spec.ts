import { packBaskets } from './baskets';
import { countCoOccurrence, type CoOccurrence } from './cooccurrence';
import { leaveOneItemOut } from './evaluation';
import {
  conditionalSimilarityRows,
  type SimilarityRows,
} from './item-similarity';
import { topKNeighbours } from './neighbours';
import { itemCfRecommender, popularityRecommender } from './recommenders';
import { popularItemAndPairs } from '../../test/fixtures/popular-item-and-pairs';

// Item counts 0: 5, 1: 3, 2: 3, 3: 1. Pair counts (0,1) 3, (0,2) 2, (1,2) 1, (2,3) 1.
// Size-weighted (1 / (size − 1)): (0,1) 1 + 1 + 0.5 = 2.5, (0,2) 0.5 + 1 = 1.5, (1,2) 0.5, (2,3) 1.
const train = packBaskets([[0, 1], [0, 1], [0, 1, 2], [0, 2], [0], [2, 3]]);

function row(rows: SimilarityRows, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = rows.ptr[i]; p < rows.ptr[i + 1]; p++)
    out.push([rows.cols[p], rows.sims[p]]);
  return out;
}

function pairWeight(co: CoOccurrence, i: number, j: number): number {
  for (let p = co.rowPtr[i]; p < co.rowPtr[i + 1]; p++)
    if (co.cols[p] === j) return co.weights?.[p] ?? NaN;
  return 0;
}

describe('size-weighted co-occurrence', () => {
  it('adds 1 / (size − 1) per shared basket, symmetrically', () => {
    const co = countCoOccurrence(train, { basketWeight: 'inverse-size' });
    expect(pairWeight(co, 0, 1)).toBeCloseTo(2.5);
    expect(pairWeight(co, 1, 0)).toBeCloseTo(2.5);
    expect(pairWeight(co, 0, 2)).toBeCloseTo(1.5);
    expect(pairWeight(co, 2, 3)).toBeCloseTo(1);
    expect(countCoOccurrence(train).weights).toBeUndefined();
  });
});

describe('conditional-probability similarity', () => {
  const co = countCoOccurrence(train);

  it('is the confidence P(j | i) at alpha 0 and asymmetric', () => {
    const rows = conditionalSimilarityRows(co, { alpha: 0, k: 5, minCount: 1 });
    const r0 = row(rows, 0);
    expect(r0.map(([j]) => j)).toEqual([1, 2]);
    expect(r0[0][1]).toBeCloseTo(3 / 5);
    expect(r0[1][1]).toBeCloseTo(2 / 5);
    const r1 = row(rows, 1);
    expect(r1[0]).toEqual([0, 1]);
    expect(r1[1][1]).toBeCloseTo(1 / 3);
  });

  it('divides by the candidate count to the power alpha', () => {
    const rows = conditionalSimilarityRows(co, { alpha: 1, k: 5, minCount: 1 });
    const r1 = row(rows, 1);
    expect(r1[0][1]).toBeCloseTo(3 / (3 * 5));
    expect(r1[1][1]).toBeCloseTo(1 / (3 * 3));
  });

  it('uses size-weighted evidence, keeps the top k and applies minCount', () => {
    const weighted = countCoOccurrence(train, { basketWeight: 'inverse-size' });
    const rows = conditionalSimilarityRows(weighted, {
      alpha: 0.5,
      k: 2,
      minCount: 1,
    });
    // Row 2: 3 → 1 / (3 · 1), 0 → 1.5 / (3 · √5), 1 → 0.5 / (3 · √3) (dropped by k = 2).
    const r2 = row(rows, 2);
    expect(r2.map(([j]) => j)).toEqual([3, 0]);
    expect(r2[0][1]).toBeCloseTo(1 / 3);
    expect(r2[1][1]).toBeCloseTo(1.5 / (3 * Math.sqrt(5)));
    const strict = conditionalSimilarityRows(co, {
      alpha: 0,
      k: 5,
      minCount: 2,
    });
    expect(row(strict, 2).map(([j]) => j)).toEqual([0]);
  });

  it('shrinks low co-counts and normalises rows to sum 1', () => {
    const shrunk = conditionalSimilarityRows(co, {
      alpha: 0,
      k: 5,
      minCount: 1,
      shrink: 1,
    });
    expect(row(shrunk, 0)[0][1]).toBeCloseTo(0.6 * (3 / 4));
    expect(row(shrunk, 0)[1][1]).toBeCloseTo(0.4 * (2 / 3));
    const normalised = conditionalSimilarityRows(co, {
      alpha: 1,
      k: 5,
      minCount: 1,
      normalize: true,
    });
    // Row 1 before: 1/5 and 1/9, sum 14/45.
    expect(row(normalised, 1)[0][1]).toBeCloseTo(9 / 14);
    expect(row(normalised, 1)[1][1]).toBeCloseTo(5 / 14);
  });
});

describe('conditional item-CF recommender', () => {
  it('averages the basket items’ votes', () => {
    const cf = itemCfRecommender(train, { alpha: 0, k: 5, minCount: 1 });
    const scores = new Float64Array(4);
    cf.score([0, 2], scores);
    // Row 0: 1 → 0.6; row 2: 0 → 2/3, 1 → 1/3, 3 → 1/3.
    expect(scores[1]).toBeCloseTo((0.6 + 1 / 3) / 2);
    expect(scores[3]).toBeCloseTo(1 / 6);
  });

  it('adds lambda times the candidate support as a popularity prior', () => {
    const cf = itemCfRecommender(train, {
      alpha: 0,
      k: 5,
      minCount: 1,
      popularityWeight: 0.6,
    });
    const scores = new Float64Array(4);
    cf.score([1], scores);
    expect(scores[0]).toBeCloseTo(1 + 0.6 * (5 / 6));
    expect(scores[2]).toBeCloseTo(1 / 3 + 0.6 * (3 / 6));
    expect(scores[3]).toBeCloseTo(0.6 * (1 / 6));
  });
});

describe('leave-one-item-out, per basket', () => {
  it('weighs each basket once in basketHitRate and basketMrr', () => {
    const popTrain = popularItemAndPairs;
    const test = packBaskets([
      [1, 2],
      [0, 3, 4],
    ]);
    const r = leaveOneItemOut(test, popTrain, popularityRecommender(popTrain), {
      k: 1,
    });
    // Ranks: basket 1: 2, 2; basket 2: 1, 3, 3 (ties by id).
    expect(r.cases).toBe(5);
    expect(r.baskets).toBe(2);
    expect(r.hitRate).toBeCloseTo(1 / 5);
    expect(r.basketHitRate).toBeCloseTo((0 + 1 / 3) / 2);
    expect(r.mrr).toBeCloseTo((0.5 + 0.5 + 1 + 1 / 3 + 1 / 3) / 5);
    expect(r.basketMrr).toBeCloseTo((0.5 + (1 + 2 / 3) / 3) / 2);
  });
});

describe('top-K neighbours ranked by the conditional similarity', () => {
  // Item 0 is in 10 baskets: twice with the rare item 1 (2 baskets in all), four times with the
  // common item 2 (20 baskets in all).
  const baskets = packBaskets([
    [0, 1],
    [0, 1],
    [0, 2],
    [0, 2],
    [0, 2],
    [0, 2],
    [0],
    [0],
    [0],
    [0],
    ...Array.from({ length: 16 }, () => [2]),
  ]);
  const co = countCoOccurrence(baskets);

  it('prefers the better-supported pair that cosine ranks second', () => {
    const byCosine = topKNeighbours(co, { k: 2, minCount: 1 })[0];
    expect(byCosine.map((n) => n.item)).toEqual([1, 2]);
    // 2 / (10 · √2) · 2/12 = 0.0236 against 4 / (10 · √20) · 4/14 = 0.0256.
    const byConditional = topKNeighbours(co, {
      k: 2,
      minCount: 1,
      conditional: { alpha: 0.5, shrink: 10 },
    })[0];
    expect(byConditional.map((n) => n.item)).toEqual([2, 1]);
    // The pair numbers are the same whichever ranking.
    expect(byConditional[1]).toEqual(byCosine[0]);
  });

  it('orders every row as conditionalSimilarityRows does, with size-weighted pairs', () => {
    const weighted = countCoOccurrence(train, {
      basketWeight: 'inverse-size',
    });
    const options = { alpha: 0.5, shrink: 10 };
    const rows = conditionalSimilarityRows(weighted, {
      ...options,
      k: 3,
      minCount: 1,
    });
    const lists = topKNeighbours(weighted, {
      k: 3,
      minCount: 1,
      conditional: options,
    });
    lists.forEach((list, i) =>
      expect(list.map((n) => n.item)).toEqual(
        Array.from(rows.cols.subarray(rows.ptr[i], rows.ptr[i + 1])),
      ),
    );
  });
});
