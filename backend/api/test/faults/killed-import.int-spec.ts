import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { AppModule } from '../../src/app/app.module';
import { configureApp } from '../../src/app/app.setup';
import { loadConfig } from '../../src/config/app-config';
import { ImportsService } from '../../src/imports/imports.service';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { seedPanel } from '../support/training-fixtures';

const ROOT = resolve(__dirname, '../../../..');

jest.setTimeout(300_000);

/**
 * Fault: the process running an import is killed with SIGKILL mid-stream (the import CLI, a child
 * process from source, on the test database). Nothing of the file may reach the tables; the API
 * started on the same database afterwards is ready within 5 s of listening, records the import
 * as failed, and imports again.
 */
let db: TestDatabase;
let child: ChildProcess | null = null;
let app: NestExpressApplication | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedPanel(db.dataSource, { stores: 2, products: 50, days: 5 });
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await app?.close();
  await db?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function count(sql: string): Promise<number> {
  const [row] = (await db.dataSource.query(sql)) as { n: unknown }[];
  return Number(row.n);
}

/** 2 stores × 50 products × 3,000 days of sales before the seeded ones: 300k rows. */
async function bigSalesFile(): Promise<string> {
  const path = join(
    mkdtempSync(join(tmpdir(), 'shelfcast-kill-')),
    'sales.csv',
  );
  const out = createWriteStream(path);
  out.write('store,sku,date,units\n');
  const start = Date.UTC(2010, 0, 1);
  for (let d = 0; d < 3000; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    let chunk = '';
    for (let s = 1; s <= 2; s++)
      for (let p = 1; p <= 50; p++)
        chunk += `S00${s},P${String(p).padStart(4, '0')},${date},${(d + p) % 7}\n`;
    if (!out.write(chunk))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return path;
}

describe('an import whose process is killed -9 mid-way', () => {
  it('leaves no partial rows; the restarted API is ready, marks the import failed and imports again', async () => {
    const file = await bigSalesFile();
    const salesBefore = await count('SELECT COUNT(*) AS n FROM sales');
    const url =
      db.config.type === 'sqlite' ? `sqlite:${db.config.path}` : db.config.url;
    child = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, 'backend/tools/register.js'),
        join(ROOT, 'backend/api/src/cli/import.cli.ts'),
        '--kind',
        'sales',
        '--file',
        file,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          PATH: process.env['PATH'],
          DATABASE_URL: url,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'shelfcast-kill-data-')),
          LOG_LEVEL: 'error',
          TRAINING_ENABLED: 'false',
        },
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));

    // Mid-way: the import has started (its run is recorded) and has been reading for a while.
    let running = 0;
    for (let i = 0; i < 1200 && running === 0; i++) {
      if (child.exitCode !== null)
        throw new Error(`import CLI exited early: ${stderr}`);
      running = await count(
        "SELECT COUNT(*) AS n FROM import_runs WHERE status = 'running'",
      );
      if (running === 0) await sleep(100);
    }
    expect(running).toBe(1);
    // Killed as soon as its run is recorded: on a fast machine the whole file takes about a
    // second, so waiting longer could let it finish.
    expect(child.exitCode).toBeNull();
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // Nothing of the file reached the table.
    expect(await count('SELECT COUNT(*) AS n FROM sales')).toBe(salesBefore);

    // The API restarts on the same database: ready within 5 s of listening.
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({
        ...loadConfig({ NODE_ENV: 'test' }),
        database: db.config,
        dataDir: mkdtempSync(join(tmpdir(), 'shelfcast-kill-data-')),
        dashboardDir: null,
      }),
      { logger: ['error'] },
    );
    configureApp(app, loadConfig({ NODE_ENV: 'test' }));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    let ready = 0;
    for (
      const until = Date.now() + 5000;
      ready !== 200 && Date.now() < until;

    ) {
      ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready !== 200) await sleep(100);
    }
    expect(ready).toBe(200);
    const runs = (await db.dataSource.query(
      'SELECT status FROM import_runs',
    )) as {
      status: string;
    }[];
    expect(runs.map((r) => r.status)).toEqual(['failed']);
    expect(await count('SELECT COUNT(*) AS n FROM sales')).toBe(salesBefore);

    // And imports again.
    const report = await app.get(ImportsService).importStream(
      'sales',
      {
        stream: Readable.from([
          'store,sku,date,units\nS001,P0001,2011-01-01,9\n',
        ]),
        fileName: 'after.csv',
        totalBytes: null,
      },
      { userName: 'test' },
    );
    expect(report.status).toBe('succeeded');
    expect(await count('SELECT COUNT(*) AS n FROM sales')).toBe(
      salesBefore + 1,
    );
  });
});
