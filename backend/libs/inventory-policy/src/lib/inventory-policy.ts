export function inventoryPolicy(): string {
  return 'inventory-policy';
}
