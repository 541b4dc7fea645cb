import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@shelfcast/contracts';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app/app.module';
import { configureApp } from '../../src/app/app.setup';
import { AuthService } from '../../src/auth/auth.service';
import { AppConfigValues, loadConfig } from '../../src/config/app-config';
import { forDialect, type Row } from '../../src/database/raw-sql';
import { UsersService } from '../../src/users/users.service';
import { type JsonCalls, jsonCalls } from './http';
import { createTestDatabase, TestDatabase } from './test-database';

/** The one test user per role; the password is the same for all (tests only). */
export const TEST_PASSWORD = 'test-password-123';
export const testEmail = (role: Role) => `${role}@test.shelfcast`;

export interface TestApp extends JsonCalls {
  app: INestApplication;
  db: TestDatabase;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Authorization headers with a fresh access token for the test user of a role. */
  as(role: Role): Promise<Record<string, string>>;
  /** The test user of a role (ids for store assignment etc.). */
  userId(role: Role): number;
  /**
   * Runs SQL written with `?` placeholders on either database (a test's direct reads and writes);
   * `T` is the row the SQL selects, declared beside it in the spec.
   */
  query<T extends object = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Assigns stores (by code) to the test store manager; they must exist. */
  assignStores(codes: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole HTTP API on a random loopback port over a fresh, migrated database, with one user per
 * role. The global throttle is lifted (tests make many requests) unless `config` sets it; the login
 * throttle keeps its default.
 */
export async function createTestApp(
  config: Partial<AppConfigValues> = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const defaults = loadConfig({ NODE_ENV: 'test' });
  const values: AppConfigValues = {
    ...defaults,
    database: db.config,
    dataDir: mkdtempSync(join(tmpdir(), 'shelfcast-data-')),
    dashboardDir: null,
    ...config,
    throttle: { ...defaults.throttle, limit: 100_000, ...config.throttle },
  };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(values),
    { logger: ['error'] },
  );
  configureApp(app, values);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;

  const users = app.get(UsersService);
  const auth = app.get(AuthService);
  const ids = new Map<Role, number>();
  for (const role of ['admin', 'planner', 'store_manager', 'viewer'] as const) {
    const user = await users.create(
      { email: testEmail(role), password: TEST_PASSWORD, role },
      null,
    );
    ids.set(role, user.id);
  }
  const userId = (role: Role) => ids.get(role) ?? 0;
  const url = `http://127.0.0.1:${port}`;
  const as = async (role: Role) => {
    const user = await users.findById(userId(role));
    if (!user) throw new Error(`No test user for ${role}`);
    return { authorization: `Bearer ${await auth.signAccessToken(user)}` };
  };

  return {
    app,
    db,
    url,
    userId,
    ...jsonCalls(url, as),
    query: <T extends object = Row>(sql: string, params: unknown[] = []) =>
      db.dataSource.query(forDialect(db.dataSource, sql), params) as Promise<
        T[]
      >,
    as,
    assignStores: async (codes) => {
      const admin = await users.findById(userId('admin'));
      if (!admin) throw new Error('No test admin');
      await users.update(
        userId('store_manager'),
        { storeCodes: codes },
        await users.toAuthUser(admin),
      );
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
