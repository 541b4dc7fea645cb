/**
 * npm run bench:realized — the cost of realized accuracy at 10,000 series (100 stores × 100
 * products) on SQLite: one day of sales imported through the product's import path, and the
 * scoring of that day beside it, in the steady state of daily promotions with a 28-day horizon
 * (the day has 28 issued forecasts per series, one per origin: 280,000 points). Also times the
 * freeze of one promoted run (280,000 forecast values) and measures the frozen forecasts' bytes
 * per row to give the storage cost per 10k series per year. Writes bench-results/realized.json;
 * BENCH_SMOKE=1 runs a tiny size into bench-results/smoke/realized.json; BENCH_PG=1 also measures the
 * bytes per point on PostgreSQL (BENCH_PG_URL).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app/app.module';
import { addDays } from '../src/common/dates';
import { AppConfigValues, loadConfig } from '../src/config/app-config';
import { ALL_ENTITIES } from '../src/app/entities';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate } from '../src/database/schema-admin';
import { ImportsService } from '../src/imports/imports.service';
import { FrozenForecastsService } from '../src/realized/frozen-forecasts.service';
import { RealizedScoringService } from '../src/realized/realized-scoring.service';

const SMOKE = process.env['BENCH_SMOKE'] === '1';
const STORES = SMOKE ? 5 : 100;
const PRODUCTS = SMOKE ? 10 : 100;
const SERIES = STORES * PRODUCTS;
const HORIZON = 28;
const HISTORY_DAYS = 56;
const ORIGIN = '2026-11-01';
const DAY = addDays(ORIGIN, 1);

interface DbstatRow {
  bytes: number;
}

interface PgSizeRow {
  bytes: string;
}

const PG_URL =
  process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * BENCH_PG=1: bytes per frozen point on PostgreSQL (heap + primary key), from 280,000 generated
 * rows in a freshly migrated database.
 */
async function pgBytesPerPoint(): Promise<number> {
  const name = `shelfcast_bench_realized_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    const ds = await new DataSource(
      dataSourceOptions(
        { type: 'postgres', url: url.toString() },
        ALL_ENTITIES,
      ),
    ).initialize();
    await migrate(ds);
    await ds.query(
      `INSERT INTO frozen_forecasts (date, store_id, product_id, issue_id, step, p10, p50, p90)
       SELECT DATE '2026-11-02', s, p, i, i, s * 0.6, s, s * 1.4
         FROM generate_series(1, 100) s, generate_series(1, 100) p, generate_series(1, 28) i`,
    );
    await ds.query('VACUUM ANALYZE frozen_forecasts');
    const [row] = (await ds.query(
      "SELECT pg_total_relation_size('frozen_forecasts') AS bytes",
    )) as PgSizeRow[];
    await ds.destroy();
    return Number(row.bytes) / 280_000;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function csv(path: string, header: string, lines: string[]): string {
  writeFileSync(path, `${header}\n${lines.join('\n')}\n`);
  return path;
}

/** History, a promoted run and 27 earlier issues written straight to the database. */
function seed(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const units = (s: number, p: number, d: number) => (s * 7 + p * 3 + d) % 23;
  db.exec('BEGIN');
  const sale = db.prepare(
    'INSERT INTO sales (store_id, product_id, date, units, revenue) VALUES (?, ?, ?, ?, ?)',
  );
  for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
    const date = addDays(ORIGIN, -d);
    for (let s = 1; s <= STORES; s++)
      for (let p = 1; p <= PRODUCTS; p++) {
        const u = units(s, p, d);
        sale.run(s, p, date, u, u * 2);
      }
  }
  db.prepare(
    "INSERT INTO forecast_runs (id, status, trigger_type, created_at, data_end) VALUES ('bench-run', 'promoted', 'manual', '2026-11-01 03:00:00', ?)",
  ).run(ORIGIN);
  const value = db.prepare(
    "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES ('bench-run', ?, ?, ?, ?, ?, ?, 'ets')",
  );
  for (let s = 1; s <= STORES; s++)
    for (let p = 1; p <= PRODUCTS; p++)
      for (let h = 1; h <= HORIZON; h++) {
        const m = units(s, p, h) + 1;
        value.run(s, p, addDays(ORIGIN, h), m * 0.6, m, m * 1.4);
      }
  // The 27 issues of the days before, each covering DAY at its own step (2…28).
  const issue = db.prepare(
    "INSERT INTO frozen_issues (run_id, origin, issued_at, rows) VALUES (?, ?, '2026-10-01 03:00:00', 0)",
  );
  const frozen = db.prepare(
    'INSERT INTO frozen_forecasts (date, store_id, product_id, issue_id, step, p10, p50, p90) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let step = 2; step <= HORIZON; step++) {
    const id = Number(
      issue.run(`old-${step}`, addDays(DAY, -step)).lastInsertRowid,
    );
    for (let s = 1; s <= STORES; s++)
      for (let p = 1; p <= PRODUCTS; p++) {
        const m = units(s, p, step) + 1;
        frozen.run(DAY, s, p, id, step, m * 0.6, m, m * 1.4);
      }
  }
  db.exec('COMMIT');
  db.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-bench-realized-'));
  const path = join(dir, 'bench.db');
  const config: AppConfigValues = {
    ...loadConfig({ NODE_ENV: 'test' }),
    database: { type: 'sqlite', path },
    dataDir: dir,
    dashboardDir: null,
  };
  console.log(
    `bench:realized — ${SERIES.toLocaleString('en')} series, ${HORIZON} issued forecasts per series and day${SMOKE ? ' (smoke)' : ''}`,
  );
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config),
    { logger: ['error'] },
  );
  try {
    const imports = app.get(ImportsService);
    const load = async (
      kind: 'stores' | 'products' | 'sales',
      file: string,
    ) => {
      const report = await imports.importStream(
        kind,
        {
          stream: createReadStream(file),
          fileName: file,
          totalBytes: statSync(file).size,
        },
        { userName: 'bench' },
      );
      if (report.status !== 'succeeded')
        throw new Error(`${kind} import ${report.status}`);
      return report;
    };
    await load(
      'stores',
      csv(
        join(dir, 'stores.csv'),
        'code,name,region',
        Array.from({ length: STORES }, (_, i) => `S${i + 1},Store ${i + 1},R`),
      ),
    );
    await load(
      'products',
      csv(
        join(dir, 'products.csv'),
        'sku,name,category_path,regular_price,unit_cost',
        Array.from(
          { length: PRODUCTS },
          (_, i) => `P${i + 1},Product ${i + 1},food/c${i % 10},2.5,1.2`,
        ),
      ),
    );
    seed(path);

    let t0 = performance.now();
    const issue = await app.get(FrozenForecastsService).freeze('bench-run');
    const freezeSeconds = (performance.now() - t0) / 1000;

    const dayFile = csv(
      join(dir, 'day.csv'),
      'store,sku,date,units,revenue,price,promo,stockout',
      Array.from({ length: SERIES }, (_, i) => {
        const s = Math.floor(i / PRODUCTS) + 1;
        const p = (i % PRODUCTS) + 1;
        const u = (s * 5 + p) % 19;
        return `S${s},P${p},${DAY},${u},${u * 2},2,0,0`;
      }),
    );
    // The product's path: the import announces the day it covered and scoring follows on that
    // event. Catch the scoring call the event makes, to time it and wait for it.
    const scoring = app.get(RealizedScoringService);
    const score = scoring.score.bind(scoring);
    let scoreStarted = 0;
    let scoring$: ReturnType<typeof score> | null = null;
    scoring.score = (from, to) => {
      scoreStarted = performance.now();
      scoring$ = score(from, to);
      return scoring$;
    };
    t0 = performance.now();
    await load('sales', dayFile);
    const importSeconds = (performance.now() - t0) / 1000;
    while (!scoring$) await new Promise((r) => setImmediate(r));
    const scored = await (scoring$ as ReturnType<typeof score>);
    const scoreSeconds = (performance.now() - scoreStarted) / 1000;
    if (scored.days !== 1) throw new Error(`scored ${scored.days} days, not 1`);

    const db = new Database(path, { readonly: true });
    const bytes = (
      db
        .prepare(
          "SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('frozen_forecasts', 'sqlite_autoindex_frozen_forecasts_1')",
        )
        .get() as DbstatRow
    ).bytes;
    const frozenRows = (
      db
        .prepare('SELECT COUNT(*) AS bytes FROM frozen_forecasts')
        .get() as DbstatRow
    ).bytes;
    db.close();
    const bytesPerRow = bytes / frozenRows;
    // Daily promotions with a 28-day horizon issue 28 points per series and day.
    const gbPer10kSeriesYear = (bytesPerRow * 10_000 * HORIZON * 365) / 1e9;

    const pgBytesPerRow =
      process.env['BENCH_PG'] === '1' ? await pgBytesPerPoint() : null;
    const result = {
      series: SERIES,
      day: DAY,
      importSeconds,
      scoreSeconds,
      pointsScored: scored.points,
      freezeSeconds,
      frozenPointsPerRun: issue?.rows ?? 0,
      frozenBytesPerRow: bytesPerRow,
      storageGbPer10kSeriesYear: gbPer10kSeriesYear,
      pgFrozenBytesPerRow: pgBytesPerRow,
      pgStorageGbPer10kSeriesYear:
        pgBytesPerRow === null
          ? null
          : (pgBytesPerRow * 10_000 * HORIZON * 365) / 1e9,
    };
    console.log(
      `  import of one day (${SERIES.toLocaleString('en')} sales rows): ${importSeconds.toFixed(2)} s | scoring it (${scored.points.toLocaleString('en')} issued points): ${scoreSeconds.toFixed(2)} s`,
    );
    console.log(
      `  freeze of one promoted run (${(issue?.rows ?? 0).toLocaleString('en')} points): ${freezeSeconds.toFixed(2)} s`,
    );
    console.log(
      `  frozen forecasts: ${bytesPerRow.toFixed(1)} bytes per point (table + key) → ${gbPer10kSeriesYear.toFixed(2)} GB per 10k series per year at daily promotions, 28-day horizon`,
    );
    if (result.pgFrozenBytesPerRow !== null)
      console.log(
        `  PostgreSQL: ${result.pgFrozenBytesPerRow.toFixed(1)} bytes per point → ${result.pgStorageGbPer10kSeriesYear?.toFixed(2)} GB per 10k series per year`,
      );
    const out = SMOKE ? 'bench-results/smoke' : 'bench-results';
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'realized.json'),
      JSON.stringify(result, null, 2) + '\n',
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
