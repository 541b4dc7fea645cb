import type { DataSource } from 'typeorm';
import { forDialect, toPg } from './raw-sql';

const ds = (type: string) => ({ options: { type } }) as unknown as DataSource;

describe('raw SQL placeholders', () => {
  it('numbers the placeholders for PostgreSQL in order', () => {
    expect(toPg('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
  });

  it('leaves SQLite SQL as written', () => {
    const sql = 'SELECT ? AS x';
    expect(forDialect(ds('better-sqlite3'), sql)).toBe(sql);
    expect(forDialect(ds('postgres'), sql)).toBe('SELECT $1 AS x');
  });
});
