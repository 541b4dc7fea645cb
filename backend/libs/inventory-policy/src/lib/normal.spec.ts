import {
  normalCdf,
  normalExpectedShortage,
  normalInverse,
  normalLoss,
} from './normal';

describe('normal helpers', () => {
  it('matches the printed normal table', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.975002, 6);
    expect(normalCdf(-1.5)).toBeCloseTo(0.0668072, 7);
    expect(normalInverse(0.95)).toBeCloseTo(1.644854, 6);
    expect(normalInverse(0.9)).toBeCloseTo(1.281552, 6);
    expect(normalInverse(0.02)).toBeCloseTo(-2.053749, 6);
    expect(normalInverse(1e-9)).toBeCloseTo(-5.997807, 5);
  });

  it('inverts the CDF', () => {
    for (const p of [0.001, 0.3, 0.5, 0.77, 0.999]) {
      expect(normalCdf(normalInverse(p))).toBeCloseTo(p, 12);
    }
  });

  it('computes the unit normal loss G(z) = φ(z) − z(1 − Φ(z))', () => {
    expect(normalLoss(0)).toBeCloseTo(0.398942, 6);
    expect(normalLoss(1.96)).toBeCloseTo(0.0094451, 7);
    // Far below the mean the whole gap is short: G(z) → −z.
    expect(normalLoss(-8)).toBeCloseTo(8, 10);
  });

  it('reproduces the textbook expected shortage per cycle', () => {
    // Chopra & Meindl: σL = 707, safety stock 1,000 → ESC = 25.13 per cycle.
    expect(normalExpectedShortage(5000, 707.1068, 6000)).toBeCloseTo(25.13, 2);
    expect(normalExpectedShortage(10, 0, 7)).toBe(3);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => normalInverse(1.2)).toThrow(RangeError);
    expect(normalInverse(1)).toBe(Infinity);
  });
});
