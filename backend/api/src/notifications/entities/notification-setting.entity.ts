import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which channels one user receives one event type on; no row means the defaults (in-app only). */
@Entity('notification_settings')
export class NotificationSetting {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @PrimaryColumn({ name: 'event_type', type: 'varchar', length: 32 })
  eventType!: string;

  @Column({ name: 'in_app', type: 'boolean', default: true })
  inApp!: boolean;

  @Column({ type: 'boolean', default: false })
  email!: boolean;

  @Column({ type: 'boolean', default: false })
  webhook!: boolean;
}
