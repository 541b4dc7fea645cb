import { Column } from 'typeorm';

/** The backtest accuracy columns a run's per-series and aggregated metrics share (null: not scored). */
export abstract class BacktestAccuracy {
  @Column({ type: 'double precision', nullable: true })
  wape!: number | null;

  @Column({ type: 'double precision', nullable: true })
  mase!: number | null;

  @Column({ type: 'double precision', nullable: true })
  smape!: number | null;

  @Column({ type: 'double precision', nullable: true })
  bias!: number | null;

  @Column({ type: 'double precision', nullable: true })
  coverage!: number | null;
}
