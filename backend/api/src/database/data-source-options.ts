import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALL_MIGRATIONS } from '@shelfcast/migrations';
import { types as pgTypes } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';

/** The entity classes a connection maps (raw-SQL-only connections pass none). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/**
 * The one place that turns configuration into TypeORM options, shared by the API, the CLI and
 * the tests. `synchronize` is always off: the schema comes from migrations only. `entities` comes
 * from the caller (the API's list is app/entities.ts): database/ never imports a feature.
 */
export function dataSourceOptions(
  db: DatabaseConfig,
  entities: EntityList,
): DataSourceOptions {
  const common = {
    entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error' as const],
  };
  if (db.type === 'postgres') {
    // DATE stays 'yyyy-mm-dd' text, as on SQLite: a business date has no time zone to shift it.
    pgTypes.setTypeParser(pgTypes.builtins.DATE, (value: string) => value);
    return { ...common, type: 'postgres', url: db.url, extra: { max: 10 } };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL lets the dashboard read while an import writes through its own connection.
    enableWAL: true,
    timeout: 15000,
    prepareDatabase: (database: { pragma: (sql: string) => unknown }) => {
      database.pragma('foreign_keys = ON');
      database.pragma('synchronous = NORMAL');
    },
  };
}
