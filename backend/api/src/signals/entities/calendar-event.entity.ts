import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventType, SignalScope } from '@shelfcast/contracts';

/** Holidays and events: a dated range with a scope, used as forecast covariates and chart markers. */
@Entity('calendar_events')
@Index('uq_calendar_events', ['name', 'startDate', 'scope', 'scopeKey'], {
  unique: true,
})
@Index('idx_calendar_events_dates', ['startDate', 'endDate'])
export class CalendarEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: EventType;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ type: 'varchar', length: 16, default: 'global' })
  scope!: SignalScope;

  @Column({ name: 'scope_key', type: 'varchar', length: 300, default: '' })
  scopeKey!: string;
}
