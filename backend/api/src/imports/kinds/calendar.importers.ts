import { EVENT_TYPES, SIGNAL_SCOPES, SignalScope } from '@shelfcast/contracts';
import { bulkColumns, upsertTarget } from '../../database/bulk/upsert-target';
import type { FieldReader } from '../csv/field-reader';
import { KindImporter, Lookups, TextKeys } from './kind-importer';
import { normaliseCategoryPath } from './reference.importers';
import { clip } from '../csv/import-errors';

/** Scope and key of a signal or event; a store scope must name an imported store. */
function readScope(
  r: FieldReader,
  lookups: Lookups,
  scopeRequired: boolean,
): [SignalScope, string] {
  if (scopeRequired && r.raw('scope').trim() === '') {
    r.fail('scope', '', 'missing_value', 'scope is required');
  }
  const scope = r.oneOf('scope', SIGNAL_SCOPES, 'global');
  let key = r.text('scope_key', { required: false, maxLength: 300 }) ?? '';
  if (scope === 'global') {
    if (key !== '')
      r.fail(
        'scope_key',
        key,
        'invalid_value',
        'scope_key must be empty for global scope',
      );
  } else if (key === '') {
    r.fail(
      'scope_key',
      '',
      'missing_value',
      `scope_key is required for ${scope} scope`,
    );
  } else if (scope === 'store' && !lookups.stores.has(key)) {
    r.fail(
      'scope_key',
      key,
      'unknown_store',
      `store "${clip(key)}" is not imported`,
    );
  } else if (scope === 'category') {
    key = normaliseCategoryPath(key);
  }
  return [scope, key];
}

export function signalsImporter(lookups: Lookups): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'signals',
    target: {
      table: 'signal_values',
      columns: bulkColumns({
        name: 'text',
        scope: 'text',
        scope_key: 'text',
        date: 'date',
        value: 'float',
      }),
      conflict: [],
      update: [],
      // The parent signal may be new: create it, then attach the values by join.
      merge: (staging) => [
        `INSERT INTO signals (name, scope, scope_key) SELECT DISTINCT name, scope, scope_key FROM ${staging} WHERE true ON CONFLICT (name, scope, scope_key) DO NOTHING`,
        `INSERT INTO signal_values (signal_id, date, value) SELECT s.id, t.date, t.value FROM ${staging} t JOIN signals s ON s.name = t.name AND s.scope = t.scope AND s.scope_key = t.scope_key WHERE true ON CONFLICT (signal_id, date) DO UPDATE SET value = excluded.value`,
      ],
    },
    parse(r) {
      const name = r.text('signal', { required: true, maxLength: 100 });
      const [scope, scopeKey] = readScope(r, lookups, true);
      const date = r.date('date', { required: true, until: 'horizon' });
      const value = r.number('value', { required: true });
      if (!r.ok || name === null || date === null) return null;
      const first = keys.add(`${name}|${scope}|${scopeKey}|${date}`, r.row);
      if (first !== null) {
        r.fail(
          null,
          `${name},${scope},${scopeKey},${date}`,
          'duplicate_key',
          `signal value appears more than once (first at row ${first})`,
        );
        return null;
      }
      return [name, scope, scopeKey, date, value];
    },
  };
}

export function eventsImporter(lookups: Lookups): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'events',
    target: upsertTarget(
      'calendar_events',
      ['name', 'start_date', 'scope', 'scope_key'],
      {
        name: 'text',
        type: 'text',
        start_date: 'date',
        end_date: 'date',
        scope: 'text',
        scope_key: 'text',
      },
    ),
    parse(r) {
      const name = r.text('name', { required: true, maxLength: 200 });
      const type = r.text('type', { required: true });
      if (type !== null && !(EVENT_TYPES as readonly string[]).includes(type)) {
        r.fail(
          'type',
          type,
          'invalid_value',
          `type must be one of ${EVENT_TYPES.join(', ')}`,
        );
      }
      const start = r.date('start_date', {
        required: true,
        until: 'horizon',
      });
      const startDay = r.lastDay;
      const end = r.date('end_date', {
        required: true,
        until: 'horizon',
      });
      const endDay = r.lastDay;
      if (start !== null && end !== null && endDay < startDay) {
        r.fail(
          'end_date',
          end,
          'invalid_value',
          'end_date is before start_date',
        );
      }
      const [scope, scopeKey] = readScope(r, lookups, false);
      if (!r.ok || name === null || start === null) return null;
      const first = keys.add(`${name}|${start}|${scope}|${scopeKey}`, r.row);
      if (first !== null) {
        r.fail(
          null,
          `${name},${start}`,
          'duplicate_key',
          `event appears more than once (first at row ${first})`,
        );
        return null;
      }
      return [name, type, start, end, scope, scopeKey];
    },
  };
}
