import { type FactoryDb, idOf, insertRows } from './factory-db';

export interface InventorySeed {
  store: string;
  sku: string;
  date: string;
  onHand: number;
}

export interface PurchaseOrderSeed {
  poNumber: string;
  store: string;
  sku: string;
  /** Supplier code (must exist), or none. */
  supplier?: string | null;
  quantity: number;
  orderedDate: string;
  expectedDate: string;
  status?: 'open' | 'received' | 'cancelled';
}

/** End-of-day on-hand snapshots by store code and SKU. */
export async function createInventory(
  t: FactoryDb,
  snapshots: readonly InventorySeed[],
): Promise<void> {
  const rows = [];
  for (const s of snapshots)
    rows.push([
      await idOf(t, 'stores', 'code', s.store),
      await idOf(t, 'products', 'sku', s.sku),
      s.date,
      s.onHand,
    ]);
  await insertRows(
    t,
    'inventory_snapshots',
    ['store_id', 'product_id', 'date', 'on_hand'],
    rows,
  );
}

/** Purchase orders (open unless given): the inbound side of an inventory position. */
export async function createPurchaseOrders(
  t: FactoryDb,
  orders: readonly PurchaseOrderSeed[],
): Promise<void> {
  const rows = [];
  for (const o of orders)
    rows.push([
      o.poNumber,
      await idOf(t, 'stores', 'code', o.store),
      await idOf(t, 'products', 'sku', o.sku),
      o.supplier ? await idOf(t, 'suppliers', 'code', o.supplier) : null,
      o.quantity,
      o.orderedDate,
      o.expectedDate,
      o.status ?? 'open',
    ]);
  await insertRows(
    t,
    'purchase_orders',
    [
      'po_number',
      'store_id',
      'product_id',
      'supplier_id',
      'quantity',
      'ordered_date',
      'expected_date',
      'status',
    ],
    rows,
  );
}
