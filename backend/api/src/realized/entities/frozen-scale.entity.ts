import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The MASE scale of one series at issue time: in-sample seasonal-naive mean absolute error. */
@Entity('frozen_scales')
export class FrozenScale {
  @PrimaryColumn({ name: 'issue_id', type: 'integer' })
  issueId!: number;

  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ type: 'double precision' })
  scale!: number;
}
