import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SeriesDayQuantiles } from '../../database/series-day-quantiles';

/** One forecast step of one series in one run; the served set is the one `serving` points at. */
@Entity('forecast_values')
export class ForecastValue extends SeriesDayQuantiles {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 32 })
  model!: string;

  /** JSON array of the values at SERVED_QUANTILE_LEVELS (inventory-policy); null for older runs. */
  @Column({ type: 'text', nullable: true })
  quantiles!: string | null;
}
