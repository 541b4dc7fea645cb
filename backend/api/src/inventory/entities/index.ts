import { InventorySnapshot } from './inventory-snapshot.entity';
import { PurchaseOrder } from './purchase-order.entity';

/** The inventory feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const INVENTORY_ENTITIES = [InventorySnapshot, PurchaseOrder];
