import { CalendarEvent } from './calendar-event.entity';
import { Signal } from './signal.entity';
import { SignalValue } from './signal-value.entity';

/** The signals feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const SIGNALS_ENTITIES = [Signal, SignalValue, CalendarEvent];
