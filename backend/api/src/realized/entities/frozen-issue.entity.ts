import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One promoted run's forecast as it was issued. A small integer id keys the frozen rows, so each
 * of them costs four bytes of run reference instead of a 36-character run id.
 */
@Entity('frozen_issues')
@Index('uq_frozen_issues_run', ['runId'], { unique: true })
export class FrozenIssue {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  /** The last day of history the forecast saw; step 1 is the day after. */
  @Column({ type: 'date' })
  origin!: string;

  @Column({ name: 'issued_at', type: Date })
  issuedAt!: Date;

  @Column({ type: 'integer', default: 0 })
  rows!: number;
}
