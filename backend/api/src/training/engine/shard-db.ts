import Database from 'better-sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { dataSourceOptions } from '../../database/data-source-options';
import type { BulkTransaction } from '../../database/bulk/bulk-writer';
import { beginBulkTransaction } from '../../database/bulk-transaction';
import { type Row, toPg } from '../../database/raw-sql';
import {
  LOCKED_WRITER_BUSY_TIMEOUT_MS,
  retryBusy,
} from '../../database/sqlite-writer';

/** How long a shard's write waits for another process's SQLite writer before failing. */
const WRITE_WAIT_MS = 60000;

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
    // Writes here run under the process's write lock (serializeWrites): SQLite's blocking busy
    // wait only covers another process's writer, which is retried asynchronously instead.
    const conn = new Database(db.path, {
      timeout: LOCKED_WRITER_BUSY_TIMEOUT_MS,
    });
    conn.pragma('journal_mode = WAL');
    return {
      dialect: 'sqlite',
      all: async <T extends object = Row>(
        sql: string,
        params: readonly SqlValue[] = [],
      ) => conn.prepare(sql).all(...params) as T[],
      run: async (sql, params = []) => {
        await retryBusy(() => conn.prepare(sql).run(...params), WRITE_WAIT_MS);
      },
      begin: () => beginBulkTransaction(db),
      close: async () => {
        conn.close();
      },
    };
  }
  const options: DataSourceOptions = {
    // Raw SQL only: no entities to map.
    ...dataSourceOptions(db, []),
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
