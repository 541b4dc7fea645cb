import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SeriesDayQuantiles } from '../../database/series-day-quantiles';

/**
 * One issued quantile forecast of one series for one target day: only what scoring needs. The key
 * leads with the day, so scoring a day of actuals and retention both read one key range.
 */
@Entity('frozen_forecasts')
export class FrozenForecast extends SeriesDayQuantiles {
  @PrimaryColumn({ name: 'issue_id', type: 'integer' })
  issueId!: number;

  /** Days from the issue's origin to the target day (1 = next day). */
  @Column({ type: 'integer' })
  step!: number;
}
