import type { DataSource } from 'typeorm';

/** A row of a raw query. */
export type Row = Record<string, unknown>;

/** `?` placeholders → `$1…$n` for PostgreSQL (the SQL here never has `?` inside literals). */
export function toPg(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** SQL written with `?` placeholders, for the data source's dialect. */
export function forDialect(dataSource: DataSource, sql: string): string {
  return dataSource.options.type === 'postgres' ? toPg(sql) : sql;
}

/** Raw SQL with `?` placeholders on either database. */
export function sqlQuery(
  dataSource: DataSource,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  return dataSource.query(forDialect(dataSource, sql), [...params]);
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
