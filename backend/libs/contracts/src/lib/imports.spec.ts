import { isImportKind } from './imports';

describe('isImportKind', () => {
  it('accepts every documented kind and refuses others', () => {
    expect(isImportKind('sales')).toBe(true);
    expect(isImportKind('purchase-orders')).toBe(true);
    expect(isImportKind('sale')).toBe(false);
    expect(isImportKind('')).toBe(false);
  });
});
