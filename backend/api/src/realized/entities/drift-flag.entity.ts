import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A scope whose realized accuracy left its backtest's for k consecutive weeks. */
@Entity('drift_flags')
@Index('uq_drift_flags_scope_week', ['level', 'scopeKey', 'week', 'reason'], {
  unique: true,
})
export class DriftFlag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  level!: string;

  @Column({ name: 'scope_key', type: 'varchar', length: 300 })
  scopeKey!: string;

  @Column({ name: 'store_id', type: 'integer', nullable: true })
  storeId!: number | null;

  /** The last of the k bad weeks. */
  @Column({ type: 'date' })
  week!: string;

  /** `wape` or `bias`. */
  @Column({ type: 'varchar', length: 16 })
  reason!: string;

  @Column({ name: 'realized_wape', type: 'double precision', nullable: true })
  realizedWape!: number | null;

  @Column({ name: 'backtest_wape', type: 'double precision', nullable: true })
  backtestWape!: number | null;

  @Column({ type: 'double precision', nullable: true })
  bias!: number | null;

  @Column({ type: 'integer' })
  periods!: number;

  @Column({ type: 'varchar', length: 300 })
  action!: string;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
