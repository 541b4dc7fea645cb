import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BacktestAccuracy } from './backtest-accuracy';

/** The outcome of one series in one run: chosen model, backtest metrics, driver breakdown. */
@Entity('forecast_run_series')
export class RunSeries extends BacktestAccuracy {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ type: 'varchar', length: 32 })
  model!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** Actual units over the backtest window: the weight of this series in aggregated WAPE. */
  @Column({ type: 'double precision', default: 0 })
  volume!: number;

  /** JSON: driver group → per-step contribution. */
  @Column({ type: 'text', nullable: true })
  drivers!: string | null;
}
