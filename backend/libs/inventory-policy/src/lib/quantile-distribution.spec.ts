import { lostSalesLevels, lostSalesLevelsFromQuantiles } from './lost-sales';
import { normalInverse } from './normal';
import { computePolicy } from './policy';
import { quantileDistribution, sumOfPeriods } from './quantile-distribution';

// Q25/Q50/Q75 = 25/50/75: uniform on [0, 75] below the top level (the lowest
// piece extrapolates the slope 100 to 0 at u = 0), then an exponential tail
// through Q50 and Q75: θ = 25 / ln(0.5 / 0.25) = 36.06738.
const quartiles = () => quantileDistribution([0.25, 0.5, 0.75], [25, 50, 75]);

describe('quantileDistribution', () => {
  it('matches hand-computed moments, shortages and tails', () => {
    const d = quartiles();
    // 0.75·37.5 + 0.25·(75 + θ).
    expect(d.mean).toBeCloseTo(55.891844, 5);
    // E[D²] = 0.25·(625/3 + 4375/3 + 11875/3) + 0.25·(75² + 2·75·θ + 2θ²).
    expect(d.variance).toBeCloseTo(1691.55618, 3);
    // Piece [50, 75] at its lower end: 0.25·(62.5 − 50); tail: 0.25·(75 + θ − 50).
    expect(d.shortage(50)).toBeCloseTo(18.391844, 5);
    // Beyond the top level: 0.25·θ·e^(−25/θ) = 0.25·θ/2.
    expect(d.shortage(100)).toBeCloseTo(4.508422, 5);
    expect(d.shortage(-10)).toBeCloseTo(d.mean + 10, 9);
    expect(d.tail(50)).toBeCloseTo(0.5, 12);
    expect(d.tail(60)).toBeCloseTo(0.25 * (15 / 25) + 0.25, 12);
    expect(d.tail(100)).toBeCloseTo(0.125, 12);
    expect(d.quantile(0.6)).toBeCloseTo(60, 9);
    expect(d.quantile(0.875)).toBeCloseTo(100, 9);
  });

  it('agrees with the integral of its quantile function', () => {
    const d = quantileDistribution(
      [0.02, 0.1, 0.5, 0.9, 0.98],
      [3, 20, 60, 180, 400],
    );
    const n = 200000;
    for (const c of [0, 50, 150, 300, 500]) {
      let s = 0;
      let t = 0;
      for (let i = 0; i < n; i++) {
        const x = d.quantile((i + 0.5) / n);
        s += Math.max(0, x - c) / n;
        t += x > c ? 1 / n : 0;
      }
      expect(d.shortage(c)).toBeCloseTo(s, 1);
      expect(d.tail(c)).toBeCloseTo(t, 4);
    }
  });

  it('extrapolates the lowest piece down to zero at most', () => {
    // Slope (20 − 10)/0.4 = 25 → 10 − 0.1·25 = 7.5 at u = 0.
    const d = quantileDistribution([0.1, 0.5, 0.9], [10, 20, 40]);
    expect(d.quantile(0.05)).toBeCloseTo(8.75, 9);
    const steep = quantileDistribution([0.1, 0.5, 0.9], [1, 100, 200]);
    expect(steep.quantile(0.01)).toBeCloseTo(0.1, 9);
  });

  it('inverts its quantile function (level), flat pieces at their lowest level', () => {
    const d = quantileDistribution([0.1, 0.5, 0.9], [0, 0, 40]);
    expect(d.level(0)).toBe(0);
    expect(d.level(20)).toBeCloseTo(0.7, 12);
    expect(d.quantile(d.level(55))).toBeCloseTo(55, 9);
    expect(d.level(55)).toBeGreaterThan(0.9);
    const flatTop = quantileDistribution([0.5, 0.9], [10, 10]);
    expect(flatTop.level(11)).toBe(1);
  });

  it('repairs crossing quantiles and rejects bad levels', () => {
    const d = quantileDistribution([0.1, 0.5, 0.9], [10, 8, 30]);
    expect(d.quantile(0.5)).toBe(10);
    expect(() => quantileDistribution([0.5, 0.5], [1, 2])).toThrow(RangeError);
    expect(() => quantileDistribution([0, 0.5], [1, 2])).toThrow(RangeError);
    expect(() => quantileDistribution([0.5], [1])).toThrow(RangeError);
  });
});

describe('sumOfPeriods', () => {
  it('adds two uniform periods into the triangular distribution', () => {
    const levels = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
    const uniform = quantileDistribution(
      levels,
      levels.map((u) => 100 * u),
    );
    const sum = sumOfPeriods([uniform, uniform]);
    expect(sum.mean).toBeCloseTo(100, 0);
    // Triangular on [0, 200]: P(S ≤ 50) = 0.125, E[(S − 150)⁺] = 50³/6/10⁴.
    expect(1 - sum.tail(50)).toBeCloseTo(0.125, 2);
    expect(sum.shortage(150)).toBeCloseTo(2.0833, 1);
    expect(sumOfPeriods([uniform])).toBe(uniform);
  });

  it('equals the convolution that sorts every sum (the rows are merged instead)', () => {
    // The definition: all 128 × 128 atom sums sorted, averaged in blocks of 128, period by period.
    const reference = (periods: ReturnType<typeof quantileDistribution>[]) => {
      const n = 128;
      const atoms = (d: (typeof periods)[number]) =>
        Float64Array.from({ length: n }, (_, i) => d.quantile((i + 0.5) / n));
      let acc = atoms(periods[0]);
      for (const d of periods.slice(1)) {
        const next = atoms(d);
        const sums = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) sums[i * n + j] = acc[i] + next[j];
        sums.sort();
        acc = new Float64Array(n);
        for (let b = 0; b < n; b++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += sums[b * n + j];
          acc[b] = s / n;
        }
      }
      return acc;
    };
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const levels = [0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98];
    for (let trial = 0; trial < 20; trial++) {
      const periods = Array.from({ length: 2 + (trial % 6) }, () => {
        // Ties (whole units, zeros) as well as spread values.
        const scale = trial % 3 === 0 ? 1 : 40 * random();
        let v = trial % 4 === 0 ? 0 : random() * scale;
        return quantileDistribution(
          levels,
          levels.map(() => (v += Math.round(random() * scale))),
        );
      });
      const sum = sumOfPeriods(periods);
      const expected = reference(periods);
      for (let i = 0; i < 128; i++)
        expect(sum.quantile((i + 0.5) / 128)).toBe(
          quantileDistribution(
            Array.from({ length: 128 }, (_, k) => (k + 0.5) / 128),
            expected,
          ).quantile((i + 0.5) / 128),
        );
      expect(sum.mean).toBe(
        quantileDistribution(
          Array.from({ length: 128 }, (_, k) => (k + 0.5) / 128),
          expected,
        ).mean,
      );
    }
  });
});

describe('lostSalesLevelsFromQuantiles', () => {
  it('reduces to the shortage of the cycle without lead time', () => {
    // β = 1 − 18.391844 / 55.891844 allows exactly the shortage at 50.
    const r = lostSalesLevelsFromQuantiles({
      leadTime: null,
      review: quartiles(),
      available: 20,
      level: 1 - 18.391844 / 55.891844,
    });
    expect(r.reorderPoint).toBeCloseTo(50, 4);
    expect(r.order).toBeCloseTo(30, 4);
  });

  it('agrees with the normal formula when given dense normal quantiles', () => {
    const levels = Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
    const normal = quantileDistribution(
      levels,
      levels.map((u) => 100 + 30 * normalInverse(u)),
    );
    const fromQuantiles = lostSalesLevelsFromQuantiles({
      leadTime: normal,
      review: normal,
      available: 150,
      level: 0.98,
    });
    const interval = { length: 1, mean: 100, sd: 30, meanPerPeriod: 100 };
    const shape = lostSalesLevels({
      leadTime: interval,
      review: interval,
      distribution: 'normal',
      available: 150,
      level: 0.98,
    });
    expect(fromQuantiles.order).toBeCloseTo(shape.order, 0);
    expect(fromQuantiles.reorderPoint).toBeCloseTo(shape.reorderPoint, 0);
  });

  it('is what computePolicy uses when asked to read the quantiles', () => {
    const levels = [0.02, 0.1, 0.5, 0.9, 0.98];
    const week = [30, 60, 100, 180, 300];
    const forecast = {
      levels,
      values: week.map((v) => Float64Array.of(v, v)),
    };
    const base = {
      forecast,
      onHand: 80,
      leadTime: 1,
      reviewPeriod: 1,
      service: { kind: 'fill-rate', level: 0.95 },
      unmetDemand: 'lost-sales',
      lostSalesDemand: 'quantiles',
    } as const;
    const p = computePolicy(base);
    const d = quantileDistribution(levels, week);
    const direct = lostSalesLevelsFromQuantiles({
      leadTime: d,
      review: d,
      available: 80,
      level: 0.95,
    });
    expect(p.demandReading).toBe('quantiles');
    expect(p.orderUpTo).toBeCloseTo(80 + direct.order, 6);
    expect(p.order.quantity).toBe(Math.ceil(direct.order));
    expect(p.protectionDemand.mean).toBeCloseTo(2 * d.mean, 9);
    // Lead-time sd cannot be read from quantiles: the shape is used.
    expect(computePolicy({ ...base, leadTimeSd: 0.5 }).demandReading).toBe(
      'shape',
    );
    expect(
      computePolicy({ ...base, lostSalesDemand: 'shape' }).demandReading,
    ).toBe('shape');
  });
});
