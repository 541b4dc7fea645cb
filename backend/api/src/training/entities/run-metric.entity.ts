import type { MetricLevel } from '@shelfcast/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BacktestAccuracy } from './backtest-accuracy';

/** Backtest accuracy of a run overall, per category and per store. */
@Entity('run_metrics')
export class RunMetric extends BacktestAccuracy {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  level!: MetricLevel;

  /** '' overall, the category path or the store code. */
  @PrimaryColumn({ name: 'level_key', type: 'varchar', length: 300 })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  series!: number;
}
