import type { Forecast } from '../types';
import {
  appendScores,
  conformalScale,
  IntervalCalibrator,
  MIN_CALIBRATION_STEPS,
  scaleIntervals,
  SCALE_BOUNDS,
} from './interval-calibration';

/** A forecast with median m and P10/P90 at m ∓ lo / m + hi on every step. */
const band = (m: number, lo: number, hi: number, H = 4): Forecast => ({
  point: new Float64Array(H).fill(m),
  levels: [0.1, 0.5, 0.9],
  values: [
    new Float64Array(H).fill(m - lo),
    new Float64Array(H).fill(m),
    new Float64Array(H).fill(m + hi),
  ],
});

/** Deterministic pseudo-random normal draws (Box-Muller over a small LCG). */
function normals(n: number, seed = 7): number[] {
  let s = seed;
  const u = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 1) / 2147483649;
  };
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
  );
}

const coverage = (fc: Forecast, actuals: number[][]): number => {
  let inside = 0;
  let total = 0;
  for (const a of actuals)
    a.forEach((v, h) => {
      total++;
      if (v >= fc.values[0][h] && v <= fc.values[2][h]) inside++;
    });
  return inside / total;
};

describe('appendScores', () => {
  it('scores each actual by the half-band on its side of the median', () => {
    const out: number[] = [];
    appendScores(band(100, 10, 20, 4), [95, 140, 100, NaN], out);
    expect(out).toEqual([0.5, 2, 0]);
  });

  it('gives Infinity off the median of a zero-width band', () => {
    const out: number[] = [];
    appendScores(band(5, 0, 0, 2), [5, 6], out);
    expect(out).toEqual([0, Infinity]);
  });
});

describe('conformalScale', () => {
  it('keeps the width when there is too little evidence', () => {
    expect(conformalScale([3, 3, 3])).toBe(1);
  });

  it('returns the score at the nominal rank, clamped to the bounds', () => {
    const scores = Array.from({ length: 99 }, (_, i) => (i + 1) / 50);
    // ceil(100 * 0.8) = 80th smallest = 80 / 50
    expect(conformalScale(scores)).toBeCloseTo(1.6, 12);
    expect(conformalScale(scores.map((v) => v * 100))).toBe(SCALE_BOUNDS[1]);
    expect(conformalScale(scores.map((v) => v / 100))).toBe(SCALE_BOUNDS[0]);
  });
});

describe('IntervalCalibrator', () => {
  it('brings a too-wide and a too-narrow band to about 80% coverage on new data', () => {
    // Actuals ~ N(100, 10²): the true P10–P90 half-width is 12.8.
    const draw = (seed: number): number[][] => {
      const z = normals(400, seed);
      return Array.from({ length: 100 }, (_, i) =>
        z.slice(4 * i, 4 * i + 4).map((v) => 100 + 10 * v),
      );
    };
    const backtest = draw(11);
    const fresh = draw(29);
    const wide = band(100, 40, 40);
    const narrow = band(100, 3, 3);
    const cal = new IntervalCalibrator();
    for (const a of backtest) {
      cal.add('ets', wide, a);
      cal.add('gbdt', narrow, a);
    }
    const scales = cal.scales();
    expect(scales.ets).toBeLessThan(1);
    expect(scales.gbdt).toBeGreaterThan(1);
    expect(coverage(wide, fresh)).toBeGreaterThan(0.95);
    expect(coverage(narrow, fresh)).toBeLessThan(0.3);
    for (const [fc, s] of [
      [wide, scales.ets],
      [narrow, scales.gbdt],
    ] as const) {
      const c = coverage(scaleIntervals(fc, s), fresh);
      expect(c).toBeGreaterThan(0.74);
      expect(c).toBeLessThan(0.86);
    }
  });

  it('leaves a model with fewer than the minimum scored steps at 1', () => {
    const cal = new IntervalCalibrator();
    for (let i = 0; i < MIN_CALIBRATION_STEPS / 4 - 1; i++)
      cal.add('tsb', band(10, 1, 1), [20, 20, 20, 20]);
    expect(cal.scales().tsb).toBe(1);
  });
});

describe('scaleIntervals', () => {
  it('moves quantiles around the unchanged median and clips at zero', () => {
    const fc = band(10, 4, 6, 2);
    const out = scaleIntervals(fc, 3);
    expect([...out.point]).toEqual([10, 10]);
    expect([...out.values[0]]).toEqual([0, 0]); // 10 - 12 clipped
    expect([...out.values[2]]).toEqual([28, 28]);
    expect([...fc.values[2]]).toEqual([16, 16]); // input untouched
    expect(scaleIntervals(fc, 1)).toBe(fc);
  });
});
