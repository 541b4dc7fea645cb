import { binFeatures, binOf } from './binning';
import { predictGbdt, seededRandom, trainGbdt } from './gbdt';

function synthetic(n: number, seed: number, noise = 0) {
  const rand = seededRandom(seed);
  const f = 3;
  const x = new Float64Array(n * f);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rand();
    const b = rand();
    x[i * f] = a;
    x[i * f + 1] = b;
    x[i * f + 2] = rand(); // irrelevant feature
    // Piecewise-constant truth with an interaction.
    y[i] =
      (a < 0.3 ? 1 : a < 0.7 ? 4 : 2) +
      (b > 0.5 ? 3 : 0) +
      noise * (rand() - 0.5);
  }
  return { x, y, n, f };
}

const truth = (a: number, b: number): number =>
  (a < 0.3 ? 1 : a < 0.7 ? 4 : 2) + (b > 0.5 ? 3 : 0);

describe('gradient-boosted trees', () => {
  it('recovers a known piecewise-constant function', () => {
    const train = synthetic(4000, 1);
    const model = trainGbdt(train, {
      numTrees: 150,
      learningRate: 0.2,
      maxLeaves: 8,
      minDataInLeaf: 5,
      lambda: 0,
    });
    const grid: number[] = [];
    const expected: number[] = [];
    for (const a of [0.1, 0.2, 0.4, 0.6, 0.8, 0.95])
      for (const b of [0.1, 0.4, 0.6, 0.9]) {
        grid.push(a, b, 0.5);
        expected.push(truth(a, b));
      }
    const p = predictGbdt(model, grid, expected.length);
    // Shrinkage leaves a small residual; the level steps are 1 to 3.
    expected.forEach((e, i) => expect(Math.abs(p[i] - e)).toBeLessThan(0.02));
  });

  it('decreases the training loss monotonically', () => {
    const model = trainGbdt(synthetic(2000, 2, 1), {
      numTrees: 60,
      learningRate: 0.1,
    });
    expect(model.trainLoss).toHaveLength(60);
    for (let k = 1; k < model.trainLoss.length; k++)
      expect(model.trainLoss[k]).toBeLessThanOrEqual(
        model.trainLoss[k - 1] + 1e-12,
      );
    expect(model.trainLoss[59]).toBeLessThan(model.trainLoss[0] / 2);
  });

  it('is deterministic for a seed with row and feature subsampling', () => {
    const data = synthetic(1500, 3, 2);
    const opts = { numTrees: 40, rowSample: 0.6, colSample: 0.7, seed: 7 };
    const a = predictGbdt(trainGbdt(data, opts), data.x, data.n);
    const b = predictGbdt(trainGbdt(data, opts), data.x, data.n);
    const c = predictGbdt(
      trainGbdt(data, { ...opts, seed: 8 }),
      data.x,
      data.n,
    );
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('pinball objective: P10/P50/P90 cover the right share of noisy held-out rows', () => {
    const rand = seededRandom(11);
    const make = (n: number) => {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = rand();
        // Heteroscedastic uniform noise: width grows with x.
        y[i] = 10 * x[i] + (1 + 4 * x[i]) * (rand() - 0.5) * 2;
      }
      return { x, y, n, f: 1 };
    };
    const train = make(6000);
    const test = make(4000);
    for (const alpha of [0.1, 0.5, 0.9]) {
      const m = trainGbdt(train, {
        objective: { kind: 'quantile', alpha },
        numTrees: 150,
        learningRate: 0.1,
        maxLeaves: 8,
        minDataInLeaf: 50,
      });
      const p = predictGbdt(m, test.x, test.n);
      let below = 0;
      for (let i = 0; i < test.n; i++) if (test.y[i] <= p[i]) below++;
      expect(below / test.n).toBeGreaterThan(alpha - 0.04);
      expect(below / test.n).toBeLessThan(alpha + 0.04);
    }
  });

  it('early stopping keeps the best validation iteration', () => {
    const train = synthetic(800, 4, 6);
    const valid = synthetic(800, 5, 6);
    const m = trainGbdt(
      train,
      {
        numTrees: 400,
        learningRate: 0.3,
        maxLeaves: 31,
        minDataInLeaf: 2,
        earlyStoppingRounds: 10,
      },
      valid,
    );
    expect(m.trees.length).toBe(m.bestIteration);
    expect(m.validLoss.length).toBeLessThan(400);
    const bestLoss = Math.min(...m.validLoss);
    expect(m.validLoss[m.bestIteration - 1]).toBe(bestLoss);
  });

  it('gives finite predictions with a constant feature and missing values', () => {
    const n = 500;
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 2] = 3; // constant
      x[i * 2 + 1] = i % 5 === 0 ? NaN : i;
      y[i] = i % 5 === 0 ? -2 : i / 100;
    }
    const m = trainGbdt({ x, y, n, f: 2 }, { numTrees: 30 });
    const p = predictGbdt(m, x, n);
    expect(p.every((v) => Number.isFinite(v))).toBe(true);
    expect(m.importance[0]).toBe(0);
    // Missing values form their own bin, so they are learned as a group.
    expect(p[0]).toBeLessThan(p[1]);
    const allConst = trainGbdt(
      { x: new Float64Array(n).fill(1), y, n, f: 1 },
      { numTrees: 5 },
    );
    expect(allConst.trees.every((t) => t.feature.length === 0)).toBe(true);
    expect(predictGbdt(allConst, [1], 1)[0]).toBeCloseTo(
      y.reduce((s, v) => s + v, 0) / n,
      9,
    );
  });

  it('bins consistently with raw thresholds and rejects bad input', () => {
    const x = Float64Array.from([5, 1, NaN, 3, 3, 9]);
    const b = binFeatures(x, 6, 1, 255);
    expect(b.codes[2]).toBe(0);
    expect(b.codes[1]).toBeLessThan(b.codes[3]);
    expect(b.codes[3]).toBe(b.codes[4]);
    for (let i = 0; i < 6; i++)
      expect(binOf(x[i], b.edges[0])).toBe(b.codes[i]);
    expect(() => trainGbdt({ x: [1, 2], y: [1, NaN], n: 2, f: 1 })).toThrow(
      /row 1: target y is not finite/,
    );
    expect(() => trainGbdt({ x: [1, 2, 3], y: [1, 2], n: 2, f: 1 })).toThrow(
      /expected n\*f = 2/,
    );
  });
});
