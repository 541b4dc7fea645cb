import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SalesGrain } from '@shelfcast/contracts';

/** The assortment: which store carries which product, and the grain of its sales series. */
@Entity('store_products')
@Index('uq_store_products_store_product', ['storeId', 'productId'], {
  unique: true,
})
export class StoreProduct {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @Index('idx_store_products_product')
  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ type: 'varchar', length: 8, default: 'day' })
  grain!: SalesGrain;

  @Column({ name: 'active_from', type: 'date', nullable: true })
  activeFrom!: string | null;

  @Column({ name: 'active_to', type: 'date', nullable: true })
  activeTo!: string | null;
}
