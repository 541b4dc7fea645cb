import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed';

/** One attempt of a delivery, as shown in the admins' delivery log. */
export interface DeliveryAttempt {
  at: string;
  ok: boolean;
  /** HTTP status (webhooks) or SMTP response code. */
  code: number | null;
  error: string | null;
}

/** One outbound delivery (an e-mail or a webhook call) of one alert, with every attempt. */
@Entity('notification_deliveries')
@Index('idx_notification_deliveries_created', ['createdAt'])
@Index('idx_notification_deliveries_due', ['nextAttemptAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: DeliveryChannel;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ name: 'endpoint_id', type: 'integer', nullable: true })
  endpointId!: number | null;

  /** The address or URL it went to. */
  @Column({ type: 'varchar', length: 500 })
  target!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'simple-json', nullable: true })
  log!: DeliveryAttempt[] | null;

  @Column({ name: 'next_attempt_at', type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}
