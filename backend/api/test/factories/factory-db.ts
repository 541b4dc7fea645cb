import type { TestApp } from '../support/test-app';

/** What the builders need of the test app: its SQL (`?` placeholders on either database). */
export type FactoryDb = Pick<TestApp, 'query' | 'db'>;

export type SqlValue = string | number | boolean | null;

/** better-sqlite3 binds no booleans: 1/0 there, true/false on PostgreSQL. */
export const bool = (t: FactoryDb, v: boolean): number | boolean =>
  t.db.config.type === 'postgres' ? v : v ? 1 : 0;

interface IdRow {
  id: number | string;
}

/** The id of a row by its natural key (a store code, a SKU…); throws when it does not exist. */
export async function idOf(
  t: FactoryDb,
  table: 'stores' | 'products' | 'suppliers',
  column: 'code' | 'sku',
  key: string,
): Promise<number> {
  const rows = (await t.query(`SELECT id FROM ${table} WHERE ${column} = ?`, [
    key,
  ])) as unknown as IdRow[];
  if (!rows.length) throw new Error(`No ${table} row with ${column} ${key}`);
  return Number(rows[0].id);
}

/**
 * Inserts rows in chunks of multi-row INSERTs (one statement per 200 rows), each row's values in
 * `columns` order; `suffix` (e.g. an ON CONFLICT clause) ends every statement.
 */
export async function insertRows(
  t: FactoryDb,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
  suffix = '',
): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await t.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${suffix}`,
      chunk.flatMap((r) =>
        r.map((v) => (typeof v === 'boolean' ? bool(t, v) : v)),
      ),
    );
  }
}

/** ISO dates of `days` consecutive days ending at `end` (inclusive), oldest first. */
export function daysEnding(end: string, days: number): string[] {
  const last = Date.parse(`${end}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(last - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** ISO dates of `days` consecutive days starting at `start` (inclusive). */
export function daysFrom(start: string, days: number): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(first + i * 86_400_000).toISOString().slice(0, 10),
  );
}
