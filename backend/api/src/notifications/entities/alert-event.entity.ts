import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing worth telling people (a failed run, stale data, drift), stored once. The dedupe key is
 * unique, so several instances raising the same alert (the same daily check) record and deliver
 * it once.
 */
@Entity('alert_events')
@Index('uq_alert_events_dedupe', ['dedupeKey'], { unique: true })
export class AlertEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  /** The store it concerns; null for chain-level events (everyone subscribed receives them). */
  @Column({ name: 'store_id', type: 'integer', nullable: true })
  storeId!: number | null;

  @Column({ type: 'varchar', length: 16 })
  severity!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Dashboard path of the subject, e.g. /training/runs/<id>. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  link!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  data!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
