import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('inventory_snapshots')
export class InventorySnapshot {
  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ name: 'on_hand', type: 'double precision' })
  onHand!: number;
}
