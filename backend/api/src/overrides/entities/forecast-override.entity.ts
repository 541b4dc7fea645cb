import type { OverrideMode } from '@shelfcast/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A manager's or planner's override of one series' forecast for a date range: either a value per
 * period or a total spread over the range in proportion to the baseline. The baseline (the serving
 * run's P50 per date at creation) is captured so forecast value added can be measured later.
 */
@Entity('forecast_overrides')
@Index('idx_forecast_overrides_series', ['storeId', 'productId', 'startDate'])
@Index('idx_forecast_overrides_user', ['userId'])
export class ForecastOverride {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: OverrideMode;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ name: 'user_email', type: 'varchar', length: 254, nullable: true })
  userEmail!: string | null;

  /** The serving run whose P50 was captured as the baseline. */
  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @Column({ name: 'baseline_total', type: 'double precision', default: 0 })
  baselineTotal!: number;

  @Column({ name: 'final_total', type: 'double precision', default: 0 })
  finalTotal!: number;

  /** JSON `[{date, p50}]`: the baseline per date at creation. */
  @Column({ name: 'baseline_values', type: 'text' })
  baselineValues!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
