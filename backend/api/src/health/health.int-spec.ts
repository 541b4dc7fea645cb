import Database from 'better-sqlite3';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { takeWriteLock } from '../database/write-gate';
import { createTestApp, TestApp } from '../../test/support/test-app';

/**
 * Liveness (/api/health/live: no database), readiness (/api/health/ready: a database ping with a
 * short timeout) and the dashboard's /api/health, all public, answering while the database's
 * write lock is held by another connection and by this process.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function get(
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}${path}`);
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  };
}

/** Holds the database's write lock from another connection while `fn` runs. */
async function withWriteLockHeld<T>(fn: () => Promise<T>): Promise<T> {
  const release = await takeWriteLock();
  try {
    if (t.db.config.type === 'sqlite') {
      const other = new Database(t.db.config.path);
      other.exec('BEGIN IMMEDIATE');
      other.exec('UPDATE users SET email = email WHERE id = 0');
      try {
        return await fn();
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    }
    const other = new Client({ connectionString: t.db.config.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    try {
      return await fn();
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  } finally {
    release();
  }
}

describe('health', () => {
  it('answers liveness, readiness and the health report without a token', async () => {
    const live = await get('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body['status']).toBe('ok');
    const ready = await get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body['info']).toEqual({ database: { status: 'up' } });
    const report = await get('/api/health');
    expect(report.status).toBe(200);
    expect(report.body['status']).toBe('ok');
  });

  it('stays live and ready while the write lock is held', async () => {
    const answers = await withWriteLockHeld(() =>
      Promise.all(
        ['/api/health/live', '/api/health/ready', '/api/health'].map(get),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[2].body['status']).toBe('ok');
  });

  it('reports not ready (503) but still live when the database is gone', async () => {
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    await dataSource.destroy();
    expect((await get('/api/health/ready')).status).toBe(503);
    expect((await get('/api/health/live')).status).toBe(200);
    const report = await get('/api/health');
    expect(report.status).toBe(200);
    expect(report.body['status']).toBe('degraded');
  });
});
