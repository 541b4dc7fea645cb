import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config/app-config';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { ALL_ENTITIES } from '../../src/app/entities';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrate } from '../../src/database/schema-admin';

/**
 * A fresh, empty database for one integration-test file: a temporary SQLite file by default, or a
 * newly created PostgreSQL database on the server named by DATABASE_URL when it is postgres://.
 */
export interface TestDatabase {
  config: DatabaseConfig;
  dataSource: DataSource;
  drop(): Promise<void>;
}

export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return parseDatabaseUrl(process.env['DATABASE_URL']).type;
}

export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const base = parseDatabaseUrl(process.env['DATABASE_URL']);
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (base.type === 'postgres') {
    const name = `shelfcast_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: base.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base.url);
    url.pathname = `/${name}`;
    config = { type: 'postgres', url: url.toString() };
    cleanup = async () => {
      const c = new Client({ connectionString: base.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'shelfcast-test-'));
    config = { type: 'sqlite', path: join(dir, 'test.db') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const dataSource = await new DataSource(
    dataSourceOptions(config, ALL_ENTITIES),
  ).initialize();
  if (options.migrate !== false) await migrate(dataSource);
  return {
    config,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await cleanup();
    },
  };
}
