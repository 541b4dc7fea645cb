import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One forecast step of one series in one run; the served set is the one `serving` points at. */
@Entity('forecast_values')
export class ForecastValue {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'double precision' })
  p10!: number;

  @Column({ type: 'double precision' })
  p50!: number;

  @Column({ type: 'double precision' })
  p90!: number;

  @Column({ type: 'varchar', length: 32 })
  model!: string;

  /** JSON array of the values at SERVED_QUANTILE_LEVELS (inventory-policy); null for older runs. */
  @Column({ type: 'text', nullable: true })
  quantiles!: string | null;
}
