import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SeriesDayQuantiles } from '../../database/series-day-quantiles';

/**
 * The chosen model's backtest forecast of one series on one day in one run, from the most recent
 * backtest origin only (one horizon per series keeps the table as small as `forecast_values`).
 */
@Entity('run_backtests')
export class RunBacktest extends SeriesDayQuantiles {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  /** First day of the backtest window (the day after the origin's last visible history). */
  @Column({ type: 'date' })
  origin!: string;
}
