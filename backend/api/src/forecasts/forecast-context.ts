import type {
  EventType,
  ForecastEvent,
  SeriesForecastResponse,
  SignalOption,
  SignalScope,
} from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import { isoDay, type SqlDate, sqlQuery } from '../database/raw-sql';
import { ForecastsException } from './forecasts.exception';

interface StoreScopeRow {
  code: string;
  region: string;
}

interface CategoryRow {
  category_path: string;
}

interface EventRow {
  name: string;
  type: EventType;
  start_date: SqlDate;
  end_date: SqlDate;
  scope: SignalScope;
  scope_key: string;
}

interface SignalRow {
  id: number;
  name: string;
  scope: SignalScope;
  scope_key: string;
}

interface SignalValueRow {
  date: SqlDate;
  value: number;
}

/** What a chart shows: one store and/or product, a category, or the chain (all null). */
export interface ContextTarget {
  storeId: number | null;
  productId: number | null;
  category: string | null;
}

interface ScopeKey {
  scope: SignalScope;
  key: string;
}

/** Events and signals are capped so a decade of daily calendar cannot flood a chart. */
const MAX_EVENTS = 1000;

/** Every prefix of a category path: `a/b/c` → `a`, `a/b`, `a/b/c`. */
export function categoryPrefixes(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * The calendar and signal scopes that apply to a target: global always; a store's region and code;
 * a product's or category's path and its ancestors. The chain (or a manager's stores) gets global.
 */
export async function applicableScopes(
  ds: DataSource,
  target: ContextTarget,
): Promise<ScopeKey[]> {
  const keys: ScopeKey[] = [{ scope: 'global', key: '' }];
  if (target.storeId !== null) {
    const [s] = await sqlQuery<StoreScopeRow>(
      ds,
      'SELECT code, region FROM stores WHERE id = ?',
      [target.storeId],
    );
    if (s) {
      keys.push({ scope: 'region', key: String(s.region) });
      keys.push({ scope: 'store', key: String(s.code) });
    }
  }
  let category = target.category;
  if (target.productId !== null) {
    const [p] = await sqlQuery<CategoryRow>(
      ds,
      'SELECT category_path FROM products WHERE id = ?',
      [target.productId],
    );
    category = p ? String(p.category_path) : category;
  }
  if (category)
    for (const prefix of categoryPrefixes(category))
      keys.push({ scope: 'category', key: prefix });
  return keys;
}

function scopeSql(keys: readonly ScopeKey[]): {
  sql: string;
  params: string[];
} {
  return {
    sql: `(${keys.map(() => '(x.scope = ? AND x.scope_key = ?)').join(' OR ')})`,
    params: keys.flatMap((k) => [k.scope, k.key]),
  };
}

/** Store, then the deepest category, then region, then global. */
function specificity(s: SignalOption): number {
  switch (s.scope) {
    case 'store':
      return 1000;
    case 'category':
      return 100 + s.scopeKey.split('/').length;
    case 'region':
      return 10;
    default:
      return 0;
  }
}

/**
 * The chart's context over `from`…`to`: the events that apply, the signals on offer and, when
 * `signalName` is given, that signal's values (the most specific one of that name).
 */
export async function forecastContext(
  ds: DataSource,
  target: ContextTarget,
  from: string,
  to: string,
  signalName: string | undefined,
): Promise<Pick<SeriesForecastResponse, 'events' | 'signals' | 'signal'>> {
  const scope = scopeSql(await applicableScopes(ds, target));
  const events: ForecastEvent[] = (
    await sqlQuery<EventRow>(
      ds,
      `SELECT x.name, x.type, x.start_date, x.end_date, x.scope, x.scope_key FROM calendar_events x
        WHERE x.end_date >= ? AND x.start_date <= ? AND ${scope.sql}
        ORDER BY x.start_date, x.name LIMIT ${MAX_EVENTS}`,
      [from, to, ...scope.params],
    )
  ).map((r) => ({
    name: String(r.name),
    type: String(r.type) as EventType,
    start: isoDay(r.start_date),
    end: isoDay(r.end_date),
    scope: String(r.scope) as SignalScope,
    scopeKey: String(r.scope_key),
  }));
  const found = (
    await sqlQuery<SignalRow>(
      ds,
      `SELECT x.id, x.name, x.scope, x.scope_key FROM signals x WHERE ${scope.sql}
        ORDER BY x.name, x.scope, x.scope_key`,
      scope.params,
    )
  ).map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    scope: String(r.scope) as SignalScope,
    scopeKey: String(r.scope_key),
  }));
  const signals = found.map(({ name, scope: s, scopeKey }) => ({
    name,
    scope: s,
    scopeKey,
  }));
  if (!signalName) return { events, signals, signal: null };
  const chosen = found
    .filter((s) => s.name === signalName)
    .sort((a, b) => specificity(b) - specificity(a))[0];
  if (!chosen)
    throw new ForecastsException(
      'not_found',
      `No signal ${signalName} applies to this selection (available: ${[...new Set(signals.map((s) => s.name))].join(', ') || 'none'})`,
    );
  const points = (
    await sqlQuery<SignalValueRow>(
      ds,
      'SELECT date, value FROM signal_values WHERE signal_id = ? AND date >= ? AND date <= ? ORDER BY date',
      [chosen.id, from, to],
    )
  ).map((r) => ({ date: isoDay(r.date), value: Number(r.value) }));
  return {
    events,
    signals,
    signal: {
      name: chosen.name,
      scope: chosen.scope,
      scopeKey: chosen.scopeKey,
      points,
    },
  };
}
