import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PolicyProofStatus = 'running' | 'done' | 'failed';
export type PolicyProofTrigger = 'promotion' | 'manual';

/** One replay of the served policy over the recent weeks of the serving run's lines. */
@Entity('policy_proofs')
export class PolicyProof {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: PolicyProofStatus;

  @Column({ name: 'trigger_type', type: 'varchar', length: 16 })
  trigger!: PolicyProofTrigger;

  /** The champion whose backtest fed the served side. */
  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  /** Weeks asked for (the replay covers at most the champion's backtest window). */
  @Column({ type: 'integer' })
  weeks!: number;

  @Column({ name: 'from_date', type: 'date', nullable: true })
  fromDate!: string | null;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate!: string | null;

  @Column({ type: 'integer', default: 0 })
  lines!: number;

  @Column({ type: 'integer', default: 0 })
  skipped!: number;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;
}
