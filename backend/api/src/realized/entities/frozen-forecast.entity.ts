import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One issued quantile forecast of one series for one target day: only what scoring needs. The key
 * leads with the day, so scoring a day of actuals and retention both read one key range.
 */
@Entity('frozen_forecasts')
export class FrozenForecast {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ name: 'issue_id', type: 'integer' })
  issueId!: number;

  /** Days from the issue's origin to the target day (1 = next day). */
  @Column({ type: 'integer' })
  step!: number;

  @Column({ type: 'double precision' })
  p10!: number;

  @Column({ type: 'double precision' })
  p50!: number;

  @Column({ type: 'double precision' })
  p90!: number;
}
