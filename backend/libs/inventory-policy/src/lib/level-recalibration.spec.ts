import {
  coveringLevel,
  coveringLevelOf,
  levelValue,
  MAX_READ_LEVEL,
  readLevel,
  recalibrateLevels,
  recordLevel,
} from './level-recalibration';
import { normalCdf, normalInverse } from './normal';
import { ScorePool } from './replay/score-pool';
import { QuantileForecast } from './types';

// A forecast of log-normal demand with median m and log spread s (P10/P50/P90 only).
const forecastOf = (m: number, s: number): QuantileForecast => ({
  levels: [0.1, 0.5, 0.9],
  values: [0.1, 0.5, 0.9].map((l) =>
    Float64Array.of(Math.expm1(Math.log1p(m) + s * normalInverse(l))),
  ),
});
// mulberry32: a reproducible uniform in (0, 1).
let seed = 11;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
};
/** Demand drawn with log spread `s` around the forecast's median. */
const draw = (m: number, s: number): number =>
  Math.expm1(Math.log1p(m) + s * normalInverse(rand()));
const LEVELS = [0.5, 0.9, 0.98];

describe('coveringLevel / levelValue', () => {
  it('are inverse: the level of an outcome reads the outcome back', () => {
    const f = forecastOf(20, 0.4);
    // Outcomes within the levels read back (EDGE..1 − EDGE).
    for (const y of [6, 12, 20, 33, 60, 120]) {
      const u = coveringLevel(f, 0, y);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
      expect(levelValue(f, 0, u)).toBeCloseTo(y, 6);
    }
    // At its own knots the forecast reads its own values.
    expect(levelValue(f, 0, 0.9)).toBeCloseTo(f.values[2][0], 9);
    expect(coveringLevel(f, 0, f.values[1][0])).toBeCloseTo(0.5, 9);
  });

  it('gives a zero outcome level 0, and a flat upper half the lower half spread', () => {
    const flat: QuantileForecast = {
      levels: [0.1, 0.5, 0.9],
      values: [Float64Array.of(0), Float64Array.of(4), Float64Array.of(4)],
    };
    expect(coveringLevel(flat, 0, 0)).toBe(0);
    // log(1 + P90) is read as log(1 + P50) + (log(1 + P50) − log(1 + P10)): 24.
    expect(levelValue(flat, 0, 0.9)).toBeCloseTo(24, 9);
    const u = coveringLevel(flat, 0, 5);
    expect(u).toBeGreaterThan(0.5);
    expect(u).toBeLessThan(0.9);
    expect(levelValue(flat, 0, u)).toBeCloseTo(5, 9);
  });
});

describe('recalibrateLevels', () => {
  it('restores coverage of an over-confident forecaster, within the levels served', () => {
    // The forecaster claims spread 0.3, demand spreads 0.4: its P90 covers ~84%.
    const pool = new ScorePool(52);
    for (let t = 0; t < 3000; t++) {
      const m = 5 + 50 * rand();
      recordLevel(pool, forecastOf(m, 0.3), 0, draw(m, 0.4), 0, t % 40);
    }
    const covered = LEVELS.map(() => ({ raw: 0, recalibrated: 0 }));
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const m = 5 + 50 * rand();
      const f = forecastOf(m, 0.3);
      const y = draw(m, 0.4);
      const read = recalibrateLevels(f, 0, LEVELS, pool, 0, 40);
      // P98 would need level 0.9968: it stays at the highest level served.
      expect(read[2]).toBeCloseTo(levelValue(f, 0, 0.98), 9);
      LEVELS.forEach((l, k) => {
        if (y <= levelValue(f, 0, l)) covered[k].raw++;
        if (y <= read[k]) covered[k].recalibrated++;
      });
    }
    expect(covered[1].raw / n).toBeLessThan(0.86);
    [0, 1].forEach((k) =>
      expect(Math.abs(covered[k].recalibrated / n - LEVELS[k])).toBeLessThan(
        0.02,
      ),
    );
  });

  it('reads only the window: a forecaster that became accurate is narrowed again', () => {
    const pool = new ScorePool(8);
    // Weeks 0..19: demand twice as spread as claimed; weeks 20..29: as claimed.
    for (let week = 0; week < 30; week++)
      for (let i = 0; i < 40; i++) {
        const m = 30;
        recordLevel(
          pool,
          forecastOf(m, 0.3),
          0,
          draw(m, week < 20 ? 0.6 : 0.3),
          0,
          week,
        );
      }
    const f = forecastOf(30, 0.3);
    const [, wideP90] = recalibrateLevels(f, 0, LEVELS, pool, 0, 20);
    const [, nowP90] = recalibrateLevels(f, 0, LEVELS, pool, 0, 30);
    expect(wideP90).toBeGreaterThan(1.1 * f.values[2][0]);
    expect(Math.abs(nowP90 / f.values[2][0] - 1)).toBeLessThan(0.06);
  });

  it('falls back to the other stratum, then to the forecast at its own levels', () => {
    const f: QuantileForecast = {
      levels: [0.1, 0.5, 0.9, 0.98],
      values: [4, 10, 16, 30].map((v) => Float64Array.of(v)),
    };
    const pool = new ScorePool(52);
    expect(recalibrateLevels(f, 0, [0.5, 0.98], pool, 1, 10)).toEqual([10, 30]);
    // 30 outcomes of stratum 0 all at the forecasts' median: stratum 1 borrows them (a later
    // query: the pool memoises the empty one above).
    for (let t = 0; t < 30; t++) recordLevel(pool, f, 0, 10, 0, 1);
    const [p50, p98] = recalibrateLevels(f, 0, [0.5, 0.98], pool, 1, 11);
    expect(p50).toBeCloseTo(10, 6);
    expect(p98).toBeCloseTo(10, 6);
  });
});

// Nine levels of a log-normal forecast (median m, log spread s), as the engine serves them.
const NINE = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98];
const nineOf = (m: number, s: number): QuantileForecast => ({
  levels: NINE,
  values: NINE.map((l) =>
    Float64Array.of(Math.expm1(Math.log1p(m) + s * normalInverse(l))),
  ),
});

describe('the nine-level reading', () => {
  it('reads the forecast at its own levels and covers an outcome at the level that reads it back', () => {
    const f = nineOf(20, 0.4);
    NINE.forEach((l, k) => {
      expect(readLevel(f, 0, l, 'levels')).toBeCloseTo(f.values[k][0], 9);
      expect(coveringLevelOf(f, 0, f.values[k][0], 'levels')).toBeCloseTo(l, 9);
    });
    // Between two levels: linear in probability (P25 = 15.06…, P50 = 20).
    const mid = (f.values[3][0] + f.values[4][0]) / 2;
    expect(coveringLevelOf(f, 0, mid, 'levels')).toBeCloseTo(0.375, 9);
    // Above P98: the exponential tail through P95 and P98, inverted exactly.
    const y = 1.3 * f.values[8][0];
    const u = coveringLevelOf(f, 0, y, 'levels');
    expect(u).toBeGreaterThan(0.98);
    expect(u).toBeLessThan(1);
    expect(readLevel(f, 0, u, 'levels')).toBeCloseTo(y, 6);
    expect(coveringLevelOf(f, 0, 0, 'levels')).toBe(0);
  });

  it('stops reading the tail at MAX_READ_LEVEL', () => {
    const f = nineOf(20, 0.4);
    expect(readLevel(f, 0, 0.99999, 'levels')).toBeCloseTo(
      readLevel(f, 0, MAX_READ_LEVEL, 'levels'),
      9,
    );
  });

  it('restores the coverage of an over-confident forecaster by spread band, beyond its highest level', () => {
    // Narrow forecasts (spread 0.2) are right; wide ones claim 0.6 where demand spreads 0.8.
    const pool = new ScorePool(52);
    for (let t = 0; t < 12000; t++) {
      const m = 5 + 50 * rand();
      const wide = t % 2 === 1;
      const f = nineOf(m, wide ? 0.6 : 0.2);
      recordLevel(pool, f, 0, draw(m, wide ? 0.8 : 0.2), 0, t % 40, 'levels');
    }
    const options = { reading: 'levels' as const, spreadBands: 2 };
    for (const [claimed, truth] of [
      [0.2, 0.2],
      [0.6, 0.8],
    ]) {
      // The true coverage of each level read (demand is log-normal around the median m), so
      // only the pool's sampling error remains.
      const covered = [0, 0, 0];
      const medians = [5, 12, 30, 55];
      for (const m of medians) {
        const read = recalibrateLevels(
          nineOf(m, claimed),
          0,
          LEVELS,
          pool,
          0,
          40,
          options,
        );
        read.forEach(
          (v, k) =>
            (covered[k] +=
              normalCdf((Math.log1p(v) - Math.log1p(m)) / truth) /
              medians.length),
        );
      }
      // Each band is recalibrated on its own errors: both land on the levels, P98 included.
      LEVELS.forEach((l, k) =>
        expect(Math.abs(covered[k] - l)).toBeLessThan(0.02),
      );
    }
  });
});
