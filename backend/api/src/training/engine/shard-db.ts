import Database from 'better-sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { dataSourceOptions } from '../../database/data-source-options';
import type { BulkTransaction } from '../../imports/bulk/bulk-writer';
import { beginBulkTransaction } from '../../database/bulk-transaction';
import { type Row, toPg } from '../../database/raw-sql';
import { acquireWriteLock, releaseWriteLock } from './sqlite-write-lock';

export type SqlValue = string | number | null;
export type { Row };

/**
 * The few database operations a training worker needs, on connections of its own (a worker
 * thread or process never shares the API's pool): plain SQL reads with `?` placeholders and bulk
 * writes through the importer's {@link BulkTransaction}.
 */
export interface ShardDb {
  readonly dialect: 'sqlite' | 'postgres';
  /** `T` is the row the SQL selects (an interface declared beside the query). */
  all<T extends object = Row>(
    sql: string,
    params?: readonly SqlValue[],
  ): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  begin(): Promise<BulkTransaction>;
  close(): Promise<void>;
}

export async function openShardDb(db: DatabaseConfig): Promise<ShardDb> {
  if (db.type === 'sqlite') {
    const conn = new Database(db.path, { timeout: 15000 });
    conn.pragma('journal_mode = WAL');
    return {
      dialect: 'sqlite',
      all: async <T extends object = Row>(
        sql: string,
        params: readonly SqlValue[] = [],
      ) => conn.prepare(sql).all(...params) as T[],
      run: async (sql, params = []) => {
        conn.prepare(sql).run(...params);
      },
      begin: () => beginBulkTransaction(db),
      close: async () => {
        conn.close();
      },
    };
  }
  const options: DataSourceOptions = {
    ...dataSourceOptions(db),
    extra: { max: 2 },
  } as DataSourceOptions;
  const ds = await new DataSource(options).initialize();
  return {
    dialect: 'postgres',
    all: <T extends object = Row>(
      sql: string,
      params: readonly SqlValue[] = [],
    ): Promise<T[]> => ds.query(toPg(sql), [...params]),
    run: async (sql, params = []) => {
      await ds.query(toPg(sql), [...params]);
    },
    begin: () => beginBulkTransaction(db, ds),
    close: () => ds.destroy(),
  };
}

let gate: Promise<unknown> = Promise.resolve();

/**
 * Serialises SQLite writes. A bulk transaction holds SQLite's write lock on a connection of its
 * own; a second write meanwhile would wait in the driver's synchronous busy handler, blocking its
 * thread. Within a thread the writes queue on a promise chain; across the process's threads (the
 * API and its training workers) on one shared lock, awaited without blocking.
 */
export function serializeWrites<T>(fn: () => Promise<T>): Promise<T> {
  const run = gate.then(async () => {
    await acquireWriteLock();
    try {
      return await fn();
    } finally {
      releaseWriteLock();
    }
  });
  gate = run.catch(() => undefined);
  return run;
}
