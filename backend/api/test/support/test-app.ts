import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app/app.module';
import { configureApp } from '../../src/app/app.setup';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** The whole HTTP API on a random loopback port over a fresh, migrated database. */
export async function createTestApp(): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    database: db.config,
    dataDir: mkdtempSync(join(tmpdir(), 'shelfcast-data-')),
  };
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: ['error'],
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
