import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PurchaseOrderStatus } from '@shelfcast/contracts';

@Entity('purchase_orders')
@Index('uq_purchase_orders_line', ['poNumber', 'storeId', 'productId'], {
  unique: true,
})
@Index('idx_purchase_orders_series', ['storeId', 'productId', 'status'])
export class PurchaseOrder {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'po_number', type: 'varchar', length: 64 })
  poNumber!: string;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ name: 'supplier_id', type: 'integer', nullable: true })
  supplierId!: number | null;

  @Column({ type: 'double precision' })
  quantity!: number;

  @Column({ name: 'ordered_date', type: 'date' })
  orderedDate!: string;

  @Column({ name: 'expected_date', type: 'date' })
  expectedDate!: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: PurchaseOrderStatus;
}
