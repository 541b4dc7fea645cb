import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sales fact per store × product × period (the period's first day). The composite primary key
 * is the unique (store, product, date) key and serves per-series range scans; the date and
 * product indexes serve chain- and product-level range scans.
 */
@Entity('sales')
@Index('idx_sales_date', ['date'])
@Index('idx_sales_product_date', ['productId', 'date'])
export class Sale {
  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'double precision' })
  units!: number;

  @Column({ type: 'double precision' })
  revenue!: number;

  @Column({ type: 'double precision', nullable: true })
  price!: number | null;

  @Column({ name: 'on_promo', type: 'boolean', default: false })
  onPromo!: boolean;

  /** On hand hit zero in this period, so units are censored demand. */
  @Column({ type: 'boolean', default: false })
  stockout!: boolean;
}
