import { implausibleAdjustment } from './adjustment-guard';

const limits = { maxMultiple: 3, maxOrderValue: 50_000 };
const line = { suggested: 100, casePack: 12, moq: 24, unitCost: 1.85 };

describe('implausibleAdjustment', () => {
  it('accepts adjustments up to the multiple and the value limit', () => {
    expect(implausibleAdjustment({ ...line, quantity: 300 }, limits)).toEqual(
      [],
    );
    expect(implausibleAdjustment({ ...line, quantity: 0 }, limits)).toEqual([]);
  });

  it('flags more than the multiple of the suggestion', () => {
    expect(implausibleAdjustment({ ...line, quantity: 312 }, limits)).toEqual([
      'multiple',
    ]);
  });

  it('flags an order value above the limit even within the multiple', () => {
    expect(
      implausibleAdjustment(
        { ...line, suggested: 20_000, quantity: 30_000 },
        limits,
      ),
    ).toEqual(['value']);
  });

  it('flags 1,800,000 units on both counts', () => {
    expect(
      implausibleAdjustment({ ...line, quantity: 1_800_000 }, limits),
    ).toEqual(['multiple', 'value']);
  });

  it('measures a zero suggestion against one case pack or the MOQ', () => {
    const zero = { ...line, suggested: 0 };
    expect(implausibleAdjustment({ ...zero, quantity: 72 }, limits)).toEqual(
      [],
    );
    expect(implausibleAdjustment({ ...zero, quantity: 84 }, limits)).toEqual([
      'multiple',
    ]);
  });
});
