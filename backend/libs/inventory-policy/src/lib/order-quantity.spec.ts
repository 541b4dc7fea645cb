import { roundOrder } from './order-quantity';

describe('roundOrder', () => {
  it('rounds up to whole case packs', () => {
    expect(roundOrder(43.8, 12, { casePack: 12 })).toEqual({
      quantity: 48,
      cases: 4,
      limits: ['case-pack'],
    });
    expect(roundOrder(48, 0, { casePack: 12 }).quantity).toBe(48);
    // Float noise must not cost a fifth case.
    expect(roundOrder(48.0000000001, 0, { casePack: 12 }).quantity).toBe(48);
  });

  it('raises small orders to the MOQ, then to whole cases', () => {
    expect(roundOrder(10, 0, { casePack: 12, moq: 50 })).toEqual({
      quantity: 60,
      cases: 5,
      limits: ['moq', 'case-pack'],
    });
  });

  it('caps the position at the maximum stock, in whole cases', () => {
    // Position 12, max 50 → room 38 → 3 cases.
    expect(roundOrder(43.8, 12, { casePack: 12, maxStock: 50 })).toEqual({
      quantity: 36,
      cases: 3,
      limits: ['case-pack', 'max-stock'],
    });
  });

  it('orders nothing when the cap leaves less than the MOQ', () => {
    expect(
      roundOrder(43.8, 12, { casePack: 12, moq: 48, maxStock: 50 }),
    ).toEqual({
      quantity: 0,
      cases: 0,
      limits: ['moq', 'max-stock-below-moq'],
    });
    expect(roundOrder(5, 45, { casePack: 12, maxStock: 50 }).quantity).toBe(0);
  });

  it('orders nothing without a requirement', () => {
    expect(roundOrder(0, 12, { moq: 50 }).quantity).toBe(0);
    expect(roundOrder(-3, 12).quantity).toBe(0);
  });
});
