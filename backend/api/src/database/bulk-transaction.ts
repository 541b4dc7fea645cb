import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import type { BulkTransaction } from './bulk/bulk-writer';
import { PostgresBulkTransaction } from './bulk/postgres-bulk-transaction';
import { SqliteBulkTransaction } from './bulk/sqlite-bulk-transaction';

/**
 * Begins a bulk transaction (the importer's COPY / prepared-statement writer) on the configured
 * database: on PostgreSQL on a query runner of `dataSource`, on SQLite on a connection of its own
 * to the database file (so no data source is needed there).
 */
export async function beginBulkTransaction(
  database: DatabaseConfig,
  dataSource?: DataSource,
  sqlite: { writeWaitMs?: number } = {},
): Promise<BulkTransaction> {
  if (database.type === 'sqlite')
    return new SqliteBulkTransaction(database.path, sqlite);
  if (!dataSource)
    throw new Error('A PostgreSQL bulk transaction needs a data source');
  return PostgresBulkTransaction.begin(dataSource.createQueryRunner());
}
