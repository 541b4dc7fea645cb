import type { Database, Statement } from 'better-sqlite3';
import { type DataSource, QueryFailedError } from 'typeorm';
import { yieldToLoop } from '../common/yield-to-loop';

/**
 * A row of a raw query whose columns are not declared. Every query should instead declare its row
 * (an interface beside the SQL, passed as `sqlQuery<ThatRow>`), typed as the drivers return it:
 * {@link SqlNumeric} and {@link SqlDate} where PostgreSQL and SQLite differ.
 */
export type Row = Record<string, unknown>;

/** A BIGINT, NUMERIC, COUNT or SUM column: PostgreSQL's driver returns text, SQLite a number. */
export type SqlNumeric = number | string;

/** A DATE or TIMESTAMP column: PostgreSQL's driver returns a Date, SQLite text. */
export type SqlDate = string | Date;

/** `?` placeholders → `$1…$n` for PostgreSQL (the SQL here never has `?` inside literals). */
export function toPg(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** SQL written with `?` placeholders, for the data source's dialect. */
export function forDialect(dataSource: DataSource, sql: string): string {
  return dataSource.options.type === 'postgres' ? toPg(sql) : sql;
}

/** Raw SQL with `?` placeholders on either database; `T` is the row the SQL selects. */
export function sqlQuery<T extends object = Row>(
  dataSource: DataSource,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (dataSource.options.type !== 'better-sqlite3')
    return dataSource.query(forDialect(dataSource, sql), [...params]);
  try {
    const statement = sqliteReader(dataSource, sql);
    if (statement) return Promise.resolve(statement.all(...params) as T[]);
  } catch (error) {
    return Promise.reject(
      new QueryFailedError(sql, [...params], error as Error),
    );
  }
  return dataSource.query(sql, [...params]);
}

const STATEMENT_CACHE = 500;
const statements = new WeakMap<object, Map<string, Statement>>();

/**
 * On SQLite a read goes straight to the driver's one connection with a prepared statement kept
 * per SQL text: the same connection and transaction TypeORM would use, without building a query
 * runner, logger and event broadcast around every dashboard read (about a fifth of a request's
 * CPU under load). Writes, and everything on PostgreSQL, go through TypeORM.
 */
function sqliteReader(dataSource: DataSource, sql: string): Statement | null {
  const db = (dataSource.driver as unknown as { databaseConnection?: Database })
    .databaseConnection;
  if (!db?.open) return null;
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (cache.size >= STATEMENT_CACHE)
      cache.delete(cache.keys().next().value as string);
    cache.set(sql, statement);
  }
  // A reader that writes (INSERT … RETURNING) goes through TypeORM, and so the write lock.
  return statement.reader && statement.readonly ? statement : null;
}

/** A nullable numeric column as a number (PostgreSQL returns NUMERIC and BIGINT as text). */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** {@link sqlQuery}, then a yield to the event loop: for long runs of reads on the API's thread. */
export async function sqlQueryThenYield<T extends object = Row>(
  dataSource: DataSource,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const rows = await sqlQuery<T>(dataSource, sql, params);
  await yieldToLoop();
  return rows;
}

/** A DATE column as yyyy-mm-dd, whichever form the driver returned (Date or text). */
export function isoDay(v: unknown): string {
  return v instanceof Date
    ? v.toISOString().slice(0, 10)
    : String(v).slice(0, 10);
}

/** {@link isoDay} for a nullable column. */
export function isoDayOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : isoDay(v);
}

/**
 * A timestamp column as a Date: PostgreSQL's driver returns Dates; SQLite stores TypeORM's
 * `YYYY-MM-DD HH:MM:SS.SSS` text in UTC without a zone, which `new Date` would read as local time.
 * Null (or text that is not a time) gives null.
 */
export function utcTimestamp(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  const d = new Date(
    /Z$|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`,
  );
  return Number.isNaN(d.getTime()) ? null : d;
}
