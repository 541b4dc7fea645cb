import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from './auth-user';
import { AuthException } from './auth.exception';

/**
 * Which stores' rows a reader may receive. Every read service that returns per-store rows takes
 * one and filters its query with {@link applyStoreScope} or {@link storeScopeSql}: the filter sits
 * in the data layer, so no controller can forget it.
 */
export type StoreScope =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'stores';
      readonly storeIds: readonly number[];
      /** The scoped user, for records that belong to a person rather than a store (imports). */
      readonly userId: number;
    };

/** For system callers (CLI, demo seeder, jobs) and all-store roles. */
export const ALL_STORES: StoreScope = Object.freeze({ kind: 'all' });

/** admin, planner and viewer see every store; a store manager only the assigned ones. */
export function storeScopeOf(user: AuthUser): StoreScope {
  if (user.role !== 'store_manager' || user.storeIds === null)
    return ALL_STORES;
  return Object.freeze({
    kind: 'stores',
    storeIds: Object.freeze([...user.storeIds]),
    userId: user.id,
  });
}

export function isStoreInScope(scope: StoreScope, storeId: number): boolean {
  return scope.kind === 'all' || scope.storeIds.includes(storeId);
}

/** For reads of one store's data: a store outside the scope is refused (403). */
export function assertStoreInScope(scope: StoreScope, storeId: number): void {
  if (!isStoreInScope(scope, storeId))
    throw new AuthException('forbidden', 'This store is not assigned to you');
}

let parameterCounter = 0;

/**
 * Adds `AND <column> IN (:...ids)` to a TypeORM query builder (nothing for all stores, an
 * always-false condition for an empty assignment). `column` is e.g. `s.id` or `f.storeId`.
 */
export function applyStoreScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  scope: StoreScope,
): SelectQueryBuilder<T> {
  if (scope.kind === 'all') return qb;
  if (scope.storeIds.length === 0) return qb.andWhere('1 = 0');
  const param = `scopeStoreIds${++parameterCounter % 1_000_000}`;
  return qb.andWhere(`${column} IN (:...${param})`, {
    [param]: [...scope.storeIds],
  });
}

/**
 * The same filter as an SQL fragment for raw queries, e.g.
 * `SELECT … FROM sales WHERE ${storeScopeSql('store_id', scope)}`. Store ids are checked to be
 * integers and inlined, so the fragment is safe and identical on SQLite and PostgreSQL.
 */
export function storeScopeSql(column: string, scope: StoreScope): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(column))
    throw new Error(`Not a column name: ${column}`);
  if (scope.kind === 'all') return '1 = 1';
  const ids = scope.storeIds.map((id) => {
    if (!Number.isSafeInteger(id)) throw new Error(`Not a store id: ${id}`);
    return String(id);
  });
  return ids.length ? `${column} IN (${ids.join(', ')})` : '1 = 0';
}
