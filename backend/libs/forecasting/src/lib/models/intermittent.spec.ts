import { fitIntermittent, zeroShare } from './intermittent';

describe('intermittent demand', () => {
  // Demand of 4 every 4th period: rate 1 per period.
  const y = Float64Array.from({ length: 80 }, (_, t) => (t % 4 === 3 ? 4 : 0));

  it('measures the share of zero periods, ignoring invalid ones', () => {
    expect(zeroShare(y)).toBe(0.75);
    expect(
      zeroShare(Float64Array.from([0, 1, 0]), Uint8Array.from([0, 1, 1])),
    ).toBe(0.5);
  });

  it('Croston SBA estimates the rate with the bias correction', () => {
    const fit = fitIntermittent('croston-sba', y, 5, [0.1, 0.5, 0.9]);
    expect(fit.params.rate).toBeCloseTo(1 - fit.params.alpha / 2, 6);
  });

  it('TSB estimates the rate as probability x size', () => {
    const fit = fitIntermittent('tsb', y, 5, [0.1, 0.5, 0.9]);
    expect(fit.params.rate).toBeGreaterThan(0.7);
    expect(fit.params.rate).toBeLessThan(1.3);
  });

  it('gives non-negative integer quantiles that never cross', () => {
    for (const method of ['croston-sba', 'tsb'] as const) {
      const fc = fitIntermittent(method, y, 5, [0.1, 0.5, 0.9]).forecast;
      for (let h = 0; h < 5; h++) {
        for (const q of fc.values) {
          expect(q[h]).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(q[h])).toBe(true);
        }
        expect(fc.values[0][h]).toBeLessThanOrEqual(fc.values[1][h]);
        expect(fc.values[1][h]).toBeLessThanOrEqual(fc.values[2][h]);
      }
      expect(fc.values[2][0]).toBeGreaterThan(0);
    }
  });
});
