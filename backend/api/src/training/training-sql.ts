import type { DataSource } from 'typeorm';

/** The feature's SQL is written with `?`; PostgreSQL wants `$1…$n`. */
export function forDialect(dataSource: DataSource, s: string): string {
  if (dataSource.options.type !== 'postgres') return s;
  let i = 0;
  return s.replace(/\?/g, () => `$${++i}`);
}
