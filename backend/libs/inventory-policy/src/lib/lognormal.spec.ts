import { computePolicy } from './policy';
import {
  lognormalCdf,
  lognormalExpectedShortage,
  lognormalQuantile,
} from './normal';
import { periodMoments } from './quantile-moments';

// Lognormal with log-mean 0 and log-sd 1: mean e^0.5 = 1.648721, sd 2.161197.
const M = Math.exp(0.5);
const S = M * Math.sqrt(Math.E - 1);

describe('lognormal helpers', () => {
  it('matches closed forms', () => {
    expect(lognormalCdf(M, S, 1)).toBeCloseTo(0.5, 12);
    expect(lognormalQuantile(M, S, 0.95)).toBeCloseTo(5.180252, 5);
    // m·Φ(1) − 1·Φ(0) = 1.648721·0.841345 − 0.5
    expect(lognormalExpectedShortage(M, S, 1)).toBeCloseTo(0.887143, 5);
    expect(lognormalExpectedShortage(M, S, 0)).toBeCloseTo(M, 12);
  });
});

describe('lognormal reading of skewed quantiles', () => {
  const skewed = {
    levels: [0.1, 0.5, 0.9],
    values: [
      Float64Array.of(5, 5),
      Float64Array.of(10, 10),
      Float64Array.of(20, 20),
    ],
  };

  it('takes P50 as median and the log spread of P10–P90', () => {
    // σ = ln 4 / 2.563 = 0.54087 → mean 10·e^{σ²/2} = 11.5751, sd 6.7476
    const m = periodMoments(skewed, 2);
    expect(m.lognormalMean[0]).toBeCloseTo(11.575061, 5);
    expect(m.lognormalSd[0]).toBeCloseTo(6.74758, 5);
    expect(m.skew).toBe(2);
  });

  it("is chosen by 'auto' for right-skewed demand", () => {
    const p = computePolicy({
      forecast: skewed,
      onHand: 0,
      leadTime: 1,
      reviewPeriod: 1,
      service: { kind: 'cycle-service', level: 0.95 },
    });
    expect(p.levels.distribution).toBe('lognormal');
    expect(p.protectionDemand.mean).toBeCloseTo(2 * 11.575061, 4);
    expect(p.protectionDemand.sd).toBeCloseTo(Math.SQRT2 * 6.74758, 4);
    expect(p.levels.expectedCycleService).toBeCloseTo(0.95, 9);
  });

  it('falls back to normal when P10 is 0', () => {
    const p = computePolicy({
      forecast: {
        levels: [0.1, 0.5, 0.9],
        values: [Float64Array.of(0), Float64Array.of(10), Float64Array.of(30)],
      },
      onHand: 0,
      leadTime: 1,
      reviewPeriod: 1,
      service: { kind: 'cycle-service', level: 0.95 },
    });
    expect(p.levels.distribution).toBe('normal');
  });
});
