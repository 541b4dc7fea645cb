import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One line of a basket (receipt); the customer id is kept only as a salted hash. */
@Entity('basket_lines')
@Index('idx_basket_lines_date', ['date'])
export class BasketLine {
  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'basket_id', type: 'varchar', length: 64 })
  basketId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ type: 'date' })
  date!: string;

  /** Local time of sale, yyyy-mm-ddThh:mm:ss. */
  @Column({ name: 'sold_at', type: 'varchar', length: 19 })
  soldAt!: string;

  @Column({ type: 'double precision' })
  quantity!: number;

  @Column({
    name: 'customer_hash',
    type: 'varchar',
    length: 64,
    nullable: true,
  })
  customerHash!: string | null;
}
