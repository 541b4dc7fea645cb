import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An alert in one user's in-app notification centre. */
@Entity('notifications')
@Index('uq_notifications_user_event', ['userId', 'eventId'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId!: number;

  @Column({ name: 'read_at', type: Date, nullable: true })
  readAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
