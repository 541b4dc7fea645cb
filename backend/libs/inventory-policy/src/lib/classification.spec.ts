import {
  abcClasses,
  coefficientOfVariation,
  serviceTargetFor,
  xyzClass,
} from './classification';

describe('abcClasses', () => {
  it('splits revenue 80/15/5 by the share ranked above each item', () => {
    // Shares before each item: 0, 0.5 → A; 0.8, 0.9 → B; 0.96 → C.
    expect(abcClasses([100, 40, 500, 300, 60])).toEqual([
      'B',
      'C',
      'A',
      'A',
      'B',
    ]);
  });

  it('puts items without revenue in C', () => {
    expect(abcClasses([0, 10, 0])).toEqual(['C', 'A', 'C']);
    expect(abcClasses([0, 0])).toEqual(['C', 'C']);
  });

  it('accepts other thresholds', () => {
    expect(abcClasses([50, 30, 20], { a: 0.5, b: 0.8 })).toEqual([
      'A',
      'B',
      'C',
    ]);
  });
});

describe('xyzClass', () => {
  it('uses the sample coefficient of variation', () => {
    expect(coefficientOfVariation([10, 10, 10, 10])).toBe(0);
    // mean 5, sample sd √(300/3) = 10 → CV 2
    expect(coefficientOfVariation([0, 0, 0, 20])).toBeCloseTo(2, 12);
    expect(xyzClass([10, 10, 10, 10])).toBe('X');
    expect(xyzClass([4, 12, 8, 16])).toBe('Y'); // mean 10, sd 5.16 → 0.52
    expect(xyzClass([0, 0, 0, 20])).toBe('Z');
    expect(xyzClass([0, 0, 0])).toBe('Z');
  });
});

describe('serviceTargetFor', () => {
  it('reads the configured target of the class', () => {
    expect(serviceTargetFor('A')).toEqual({ kind: 'fill-rate', level: 0.98 });
    expect(
      serviceTargetFor('C', {
        A: { kind: 'cycle-service', level: 0.99 },
        B: { kind: 'cycle-service', level: 0.95 },
        C: { kind: 'cycle-service', level: 0.85 },
      }),
    ).toEqual({ kind: 'cycle-service', level: 0.85 });
  });
});
