import { inventoryPolicy } from './inventory-policy';

describe('inventoryPolicy', () => {
  it('should work', () => {
    expect(inventoryPolicy()).toEqual('inventory-policy');
  });
});
