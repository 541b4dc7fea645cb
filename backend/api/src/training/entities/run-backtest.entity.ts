import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The chosen model's backtest forecast of one series on one day in one run, from the most recent
 * backtest origin only (one horizon per series keeps the table as small as `forecast_values`).
 */
@Entity('run_backtests')
export class RunBacktest {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  /** First day of the backtest window (the day after the origin's last visible history). */
  @Column({ type: 'date' })
  origin!: string;

  @Column({ type: 'double precision' })
  p10!: number;

  @Column({ type: 'double precision' })
  p50!: number;

  @Column({ type: 'double precision' })
  p90!: number;
}
