import Database from 'better-sqlite3';
import { Client } from 'pg';

/**
 * The bench's own view of the database under test (outside the product): creates it fresh, counts
 * the rows of every table before and after a run, and watches the run's shards to time a kill.
 */
export interface BenchDb {
  readonly kind: 'sqlite' | 'postgres';
  /** DATABASE_URL for the product's processes. */
  readonly url: string;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Row count of every table. */
  tableCounts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export const PG_ADMIN_URL =
  process.env['NIGHTLY_PG_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, empty SQLite file (migrated later by the product's first boot). */
export function sqliteDb(path: string): BenchDb {
  let db: Database.Database | null = null;
  const open = () => (db ??= new Database(path, { readonly: true }));
  return {
    kind: 'sqlite',
    url: `sqlite:${path}`,
    async query<T>(sql: string, params: unknown[] = []) {
      return open()
        .prepare(sql)
        .all(...params) as T[];
    },
    async tableCounts() {
      const tables = open()
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .all() as { name: string }[];
      const counts = new Map<string, number>();
      for (const { name } of tables) {
        const row = open()
          .prepare(`SELECT COUNT(*) AS n FROM "${name}"`)
          .get() as {
          n: number;
        };
        counts.set(name, row.n);
      }
      return counts;
    },
    async close() {
      db?.close();
      db = null;
    },
  };
}

/** Creates a fresh PostgreSQL database on the admin server (trust auth) and connects to it. */
export async function postgresDb(name: string): Promise<BenchDb> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  let n = 0;
  const numbered = (sql: string) => sql.replace(/\?/g, () => `$${++n}`);
  return {
    kind: 'postgres',
    url: url.toString(),
    async query<T>(sql: string, params: unknown[] = []) {
      n = 0;
      return (await client.query(numbered(sql), params)).rows as T[];
    },
    async tableCounts() {
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      );
      const counts = new Map<string, number>();
      for (const { name } of tables.rows) {
        const r = await client.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM "${name}"`,
        );
        counts.set(name, Number(r.rows[0].n));
      }
      return counts;
    },
    async close() {
      await client.end();
    },
  };
}

/** Drops a bench database (after its run; the next run gets a fresh one). */
export async function dropPostgresDb(name: string): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** Rows added per table between two counts (tables that shrank or did not change are left out). */
export function rowsAdded(
  before: Map<string, number>,
  after: Map<string, number>,
): Record<string, number> {
  const added: Record<string, number> = {};
  for (const [table, n] of after) {
    const d = n - (before.get(table) ?? 0);
    if (d > 0) added[table] = d;
  }
  return added;
}
