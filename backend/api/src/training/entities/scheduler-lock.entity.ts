import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named lock with a lease (epoch ms) renewed by the holder's heartbeat. */
@Entity('scheduler_locks')
export class SchedulerLock {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  holder!: string | null;

  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @Column({ name: 'lease_until', type: 'bigint', default: 0 })
  leaseUntil!: string;

  @Column({ name: 'heartbeat_at', type: 'bigint', default: 0 })
  heartbeatAt!: string;
}
