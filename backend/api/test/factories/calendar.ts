import type { EventType, SignalScope } from '@shelfcast/contracts';
import { type FactoryDb, insertRows, type SqlValue } from './factory-db';

export interface EventSeed {
  name: string;
  type: EventType;
  start: string;
  /** Default the start day. */
  end?: string;
  scope: SignalScope;
  /** Region, store code or category path; '' for global. */
  scopeKey?: string;
}

export interface SignalSeed {
  name: string;
  scope: SignalScope;
  /** Region, store code or category path; '' for global. */
  scopeKey?: string;
  /** Daily values by date. */
  values?: Readonly<Record<string, number>>;
}

/** Calendar events (holidays, promotions, closures…). */
export async function createEvents(
  t: FactoryDb,
  events: readonly EventSeed[],
): Promise<void> {
  await insertRows(
    t,
    'calendar_events',
    ['name', 'type', 'start_date', 'end_date', 'scope', 'scope_key'],
    events.map((e) => [
      e.name,
      e.type,
      e.start,
      e.end ?? e.start,
      e.scope,
      e.scopeKey ?? '',
    ]),
  );
}

interface SignalIdRow {
  id: number | string;
}

/** Signals with their daily values; returns the signals' ids in the order given. */
export async function createSignals(
  t: FactoryDb,
  signals: readonly SignalSeed[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const s of signals) {
    await insertRows(
      t,
      'signals',
      ['name', 'scope', 'scope_key'],
      [[s.name, s.scope, s.scopeKey ?? '']],
    );
    const [row] = await t.query<SignalIdRow>(
      'SELECT id FROM signals WHERE name = ? AND scope = ? AND scope_key = ?',
      [s.name, s.scope, s.scopeKey ?? ''],
    );
    const id = Number(row.id);
    ids.push(id);
    const values: SqlValue[][] = Object.entries(s.values ?? {}).map(
      ([date, value]) => [id, date, value],
    );
    await insertRows(
      t,
      'signal_values',
      ['signal_id', 'date', 'value'],
      values,
    );
  }
  return ids;
}
