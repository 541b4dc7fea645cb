import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A run's global models for one frequency (JSON `GlobalModels`, see @shelfcast/forecasting
 * global-models.ts), written by the run's global step and read by every shard of the run.
 */
@Entity('run_global_models')
export class RunGlobalModel {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  frequency!: string;

  @Column({ type: 'text' })
  artifact!: string;

  /** The run's calibration pool (see served-calibration.ts); null when there was none. */
  @Column({ type: 'text', nullable: true })
  calibration!: string | null;

  /** Series the models were trained on. */
  @Column({ name: 'sample_series', type: 'integer', default: 0 })
  sampleSeries!: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
