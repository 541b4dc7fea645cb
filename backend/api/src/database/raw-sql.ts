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
