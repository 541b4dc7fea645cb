/**
 * npm run bench:import — 1,000,000 sales rows through the product's import path (CSV stream →
 * csv-parse → validation → bulk upsert in one transaction) into SQLite and into PostgreSQL, next to
 * a raw baseline in the same run: better-sqlite3 prepared batched INSERT in one transaction, and
 * PostgreSQL COPY. Writes bench-results/import.json.
 * BENCH_SMOKE=1: 5,000 rows, one round; writes bench-results/smoke/import.json.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import {
  createReadStream,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app/app.module';
import {
  AppConfigValues,
  DatabaseConfig,
  loadConfig,
} from '../src/config/app-config';
import { ALL_ENTITIES } from '../src/app/entities';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate } from '../src/database/schema-admin';
import { ImportsService } from '../src/imports/imports.service';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath, smokeOr } from '../../tools/bench-smoke';

const ROWS = Number(process.env['BENCH_ROWS'] ?? smokeOr(1_000_000, 5_000));
const STORES = 50;
const PRODUCTS = 100;
const DAYS = Math.ceil(ROWS / (STORES * PRODUCTS));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? smokeOr(2, 1));
// BENCH_ONLY=sqlite|postgres measures one database.
const ONLY = process.env['BENCH_ONLY'];
const PG_URL =
  process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  store: number;
  product: number;
  date: string;
  units: number;
  price: number;
  promo: number;
}

function* rows(): Generator<Row> {
  let n = 0;
  const start = Date.UTC(2024, 0, 1);
  for (let d = 0; d < DAYS; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let s = 1; s <= STORES; s++) {
      for (let p = 1; p <= PRODUCTS; p++) {
        if (n++ >= ROWS) return;
        yield {
          store: s,
          product: p,
          date,
          units: (s * 7 + p * 3 + d) % 23,
          price: 1.5 + (p % 10) / 4,
          promo: (d + p) % 17 === 0 ? 1 : 0,
        };
      }
    }
  }
}

function writeFixtures(dir: string): {
  stores: string;
  products: string;
  sales: string;
} {
  const stores = join(dir, 'stores.csv');
  const products = join(dir, 'products.csv');
  const sales = join(dir, 'sales.csv');
  writeFileSync(
    stores,
    'code,name,region\n' +
      Array.from(
        { length: STORES },
        (_, i) => `S${i + 1},Store ${i + 1},R${i % 5}`,
      ).join('\n') +
      '\n',
  );
  writeFileSync(
    products,
    'sku,name,category_path,regular_price,unit_cost\n' +
      Array.from(
        { length: PRODUCTS },
        (_, i) => `P${i + 1},Product ${i + 1},food/c${i % 10},2.5,1.2`,
      ).join('\n') +
      '\n',
  );
  const lines = ['store,sku,date,units,revenue,price,promo,stockout'];
  for (const r of rows())
    lines.push(
      `S${r.store},P${r.product},${r.date},${r.units},${(r.units * r.price).toFixed(2)},${r.price},${r.promo},0`,
    );
  writeFileSync(sales, lines.join('\n') + '\n');
  return { stores, products, sales };
}

async function freshDatabase(
  kind: 'sqlite' | 'postgres',
  dir: string,
  name: string,
): Promise<DatabaseConfig> {
  if (kind === 'sqlite')
    return { type: 'sqlite', path: join(dir, `${name}.db`) };
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { type: 'postgres', url: url.toString() };
}

async function productPath(
  database: DatabaseConfig,
  files: ReturnType<typeof writeFixtures>,
): Promise<number> {
  const config: AppConfigValues = {
    ...loadConfig({}),
    database,
    dataDir: tmpdir(),
  };
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config),
    { logger: ['error'] },
  );
  try {
    const imports = app.get(ImportsService);
    const load = (kind: 'stores' | 'products' | 'sales', path: string) =>
      imports.importStream(
        kind,
        {
          stream: createReadStream(path),
          fileName: path,
          totalBytes: statSync(path).size,
        },
        { userName: 'bench' },
      );
    await load('stores', files.stores);
    await load('products', files.products);
    const t0 = performance.now();
    const report = await load('sales', files.sales);
    const seconds = (performance.now() - t0) / 1000;
    if (report.status !== 'succeeded' || report.rowsImported !== ROWS)
      throw new Error(
        `import ${report.status}: ${JSON.stringify(report.errors.slice(0, 3))}`,
      );
    return ROWS / seconds;
  } finally {
    await app.close();
  }
}

async function migrated(database: DatabaseConfig): Promise<void> {
  const ds = await new DataSource(
    dataSourceOptions(database, ALL_ENTITIES),
  ).initialize();
  await migrate(ds);
  await ds.destroy();
}

async function rawSqlite(
  database: DatabaseConfig & { type: 'sqlite' },
): Promise<number> {
  await migrated(database);
  const data: (string | number)[][] = [];
  for (const r of rows())
    data.push([
      r.store,
      r.product,
      r.date,
      r.units,
      r.units * r.price,
      r.price,
      r.promo,
      0,
    ]);
  const db = new Database(database.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144');
  const per = 400;
  const tuple = '(?, ?, ?, ?, ?, ?, ?, ?)';
  const sql = (n: number) =>
    `INSERT INTO sales (store_id, product_id, date, units, revenue, price, on_promo, stockout) VALUES ${new Array(n).fill(tuple).join(', ')}`;
  const batch = db.prepare(sql(per));
  const t0 = performance.now();
  db.exec('BEGIN');
  for (let i = 0; i < data.length; i += per) {
    const chunk = data.slice(i, i + per);
    (chunk.length === per ? batch : db.prepare(sql(chunk.length))).run(
      chunk.flat(),
    );
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return ROWS / seconds;
}

async function rawCopy(
  database: DatabaseConfig & { type: 'postgres' },
): Promise<number> {
  await migrated(database);
  const lines: string[] = [];
  for (const r of rows())
    lines.push(
      `${r.store}\t${r.product}\t${r.date}\t${r.units}\t${r.units * r.price}\t${r.price}\t${r.promo ? 't' : 'f'}\tf\n`,
    );
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const t0 = performance.now();
  await client.query('BEGIN');
  const stream = client.query(
    copyFrom(
      'COPY sales (store_id, product_id, date, units, revenue, price, on_promo, stockout) FROM STDIN',
    ),
  );
  const chunk = 4096;
  for (let i = 0; i < lines.length; i += chunk) {
    if (!stream.write(lines.slice(i, i + chunk).join('')))
      await new Promise((r) => stream.once('drain', r));
  }
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end();
  });
  await client.query('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  await client.end();
  return ROWS / seconds;
}

async function dropPg(name: string): Promise<void> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-bench-'));
  const files = writeFixtures(dir);
  console.log(
    `bench:import — ${ROWS.toLocaleString('en')} sales rows (${(statSync(files.sales).size / 1e6).toFixed(1)} MB CSV), one transaction each`,
  );
  const results: {
    database: string;
    productRowsPerSec: number;
    rawRowsPerSec: number;
    rawMethod: string;
    ratio: number;
  }[] = [];
  // The machine may be shared: alternate raw and import-path runs and keep each side's best.
  try {
    let sqliteOurs = 0;
    let sqliteRaw = 0;
    for (let round = 1; ONLY !== 'postgres' && round <= ROUNDS; round++) {
      const raw = await rawSqlite(
        (await freshDatabase(
          'sqlite',
          dir,
          `raw${round}`,
        )) as DatabaseConfig & { type: 'sqlite' },
      );
      const ours = await productPath(
        await freshDatabase('sqlite', dir, `ours${round}`),
        files,
      );
      console.log(
        `  SQLite round ${round}: raw ${Math.round(raw).toLocaleString('en')}, import path ${Math.round(ours).toLocaleString('en')} rows/s`,
      );
      sqliteRaw = Math.max(sqliteRaw, raw);
      sqliteOurs = Math.max(sqliteOurs, ours);
    }
    if (ONLY !== 'postgres')
      results.push({
        database: 'SQLite',
        productRowsPerSec: sqliteOurs,
        rawRowsPerSec: sqliteRaw,
        rawMethod: 'better-sqlite3 prepared batched INSERT',
        ratio: sqliteOurs / sqliteRaw,
      });
    let pgAvailable = ONLY !== 'sqlite';
    try {
      await dropPg('shelfcast_bench_probe');
    } catch (error) {
      pgAvailable = false;
      console.log(
        `PostgreSQL at ${PG_URL} unavailable (${error instanceof Error ? error.message : error}); skipping its rows.`,
      );
    }
    if (pgAvailable) {
      let pgOurs = 0;
      let pgRaw = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const raw = await rawCopy(
          (await freshDatabase(
            'postgres',
            dir,
            'shelfcast_bench_raw',
          )) as DatabaseConfig & { type: 'postgres' },
        );
        const ours = await productPath(
          await freshDatabase('postgres', dir, 'shelfcast_bench_ours'),
          files,
        );
        console.log(
          `  PostgreSQL round ${round}: raw ${Math.round(raw).toLocaleString('en')}, import path ${Math.round(ours).toLocaleString('en')} rows/s`,
        );
        pgRaw = Math.max(pgRaw, raw);
        pgOurs = Math.max(pgOurs, ours);
      }
      await dropPg('shelfcast_bench_ours');
      await dropPg('shelfcast_bench_raw');
      results.push({
        database: 'PostgreSQL',
        productRowsPerSec: pgOurs,
        rawRowsPerSec: pgRaw,
        rawMethod: 'COPY FROM STDIN',
        ratio: pgOurs / pgRaw,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    '\n| database | import path (rows/s) | raw baseline (rows/s) | raw method | import / raw |',
  );
  console.log('|---|---:|---:|---|---:|');
  for (const r of results) {
    console.log(
      `| ${r.database} | ${Math.round(r.productRowsPerSec).toLocaleString('en')} | ${Math.round(r.rawRowsPerSec).toLocaleString('en')} | ${r.rawMethod} | ${(r.ratio * 100).toFixed(0)}% |`,
    );
  }
  console.log('\nTarget: import path at least 50% of raw on each database.');
  const out = benchResultPath('import');
  writeFileSync(
    out,
    JSON.stringify(
      { rows: ROWS, measuredAt: new Date().toISOString(), results },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
