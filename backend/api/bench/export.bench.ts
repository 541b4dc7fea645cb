/**
 * npm run bench:export — 1,000,000 forecast rows (40 stores × 500 products × 50 days) in a fresh,
 * migrated SQLite database, exported through the product's report path (keyset pages → writer →
 * a Writable with backpressure) as CSV and XLSX, and the PDF store summary per store. Next to
 * them, in the same process: raw row iteration (better-sqlite3 iterate() over the same join, no
 * formatting) and the report's own row source without a writer. Prints rows/s and peak RSS per
 * format and writes bench-results/export.json.
 * BENCH_SMOKE=1: 3 stores × 20 products × 10 days; writes bench-results/smoke/export.json.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ALL_STORES } from '../src/common/identity/store-scope';
import { ALL_ENTITIES } from '../src/app/entities';
import type { AppConfig } from '../src/config/app-config';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate } from '../src/database/schema-admin';
import { forecastRows } from '../src/reports/definitions/forecast-rows';
import { ReportsService } from '../src/reports/reports.service';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath, smokeOr } from '../../tools/bench-smoke';

const STORES = Number(process.env['BENCH_STORES'] ?? smokeOr(40, 3));
const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? smokeOr(500, 20));
const DAYS = Number(process.env['BENCH_DAYS'] ?? smokeOr(50, 10));
const ROWS = STORES * PRODUCTS * DAYS;
const RUN = 'bench-run';
/** e.g. BENCH_ONLY=csv,xlsx: only these phases (raw, rows, csv, xlsx, pdf). */
const ONLY = new Set(
  (process.env['BENCH_ONLY'] ?? 'raw,rows,csv,xlsx,pdf').split(','),
);

interface Phase {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
  note: string;
}

/** Samples RSS while `work` runs; the peak is what the phase needed on top of the process. */
async function measure(
  name: string,
  note: string,
  work: () => Promise<{ rows: number; bytes: number }>,
): Promise<Phase | null> {
  const key = name.includes('raw')
    ? 'raw'
    : name.includes('report rows')
      ? 'rows'
      : name.includes('CSV')
        ? 'csv'
        : name.includes('XLSX')
          ? 'xlsx'
          : 'pdf';
  if (!ONLY.has(key)) return null;
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = process.hrtime.bigint();
  const { rows, bytes } = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  const phase: Phase = {
    name,
    rows,
    seconds: round(seconds, 2),
    rowsPerSecond: Math.round(rows / seconds),
    bytes,
    rssBeforeMb: round(before / 2 ** 20, 0),
    peakRssMb: round(peak / 2 ** 20, 0),
    note,
  };
  console.log(
    `${name.padEnd(34)} ${String(rows).padStart(9)} rows ${phase.seconds.toFixed(2).padStart(7)} s ${String(phase.rowsPerSecond).padStart(9)} rows/s  peak RSS ${phase.peakRssMb} MB (before ${phase.rssBeforeMb} MB)${bytes ? `  ${round(bytes / 2 ** 20, 1)} MB out` : ''}`,
  );
  return phase;
}

/** The V8 old-space limit the run was started with (--max-old-space-size), for the record. */
function maxOldSpace(): number {
  const flag = process.execArgv.find((a) =>
    a.startsWith('--max-old-space-size'),
  );
  return flag ? Number(flag.split('=')[1]) : 0;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Discards what it receives, slowly enough to exercise backpressure (16 KB buffer). */
class CountingSink extends Writable {
  bytes = 0;
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.bytes += chunk.length;
    setImmediate(done);
  }
}

function seed(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const started = Date.now();
  db.transaction(() => {
    const store = db.prepare(
      'INSERT INTO stores (code, name, region) VALUES (?, ?, ?)',
    );
    for (let s = 1; s <= STORES; s++)
      store.run(
        `S${String(s).padStart(3, '0')}`,
        `Store ${s}`,
        s % 2 ? 'north' : 'south',
      );
    const product = db.prepare(
      'INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES (?, ?, ?, ?, ?)',
    );
    for (let p = 1; p <= PRODUCTS; p++)
      product.run(
        `P${String(p).padStart(5, '0')}`,
        p % 97 === 0 ? `=Product ${p}` : `Product ${p}, family ${p % 13}`,
        ['dairy/milk', 'bakery/bread', 'produce/fruit', 'drinks/juice'][p % 4],
        2 + (p % 7),
        1 + (p % 5),
      );
    db.prepare(
      "INSERT INTO forecast_runs (id, status, trigger_type, created_at) VALUES (?, 'promoted', 'manual', '2026-11-28 02:00:00')",
    ).run(RUN);
    db.prepare('UPDATE serving SET run_id = ? WHERE id = 1').run(RUN);
    const value = db.prepare(
      'INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const start = Date.UTC(2026, 10, 28);
    const dates = Array.from({ length: DAYS }, (_, d) =>
      new Date(start + d * 86_400_000).toISOString().slice(0, 10),
    );
    for (let s = 1; s <= STORES; s++)
      for (let p = 1; p <= PRODUCTS; p++)
        for (let d = 0; d < DAYS; d++) {
          const p50 = 5 + ((s * 7 + p * 3 + d) % 17) + (d % 7 === 5 ? 4 : 0);
          value.run(RUN, s, p, dates[d], p50 * 0.6, p50, p50 * 1.5, 'ets');
        }
    // A few overrides, so the override path is part of the measurement.
    const override = db.prepare(
      "INSERT INTO forecast_overrides (store_id, product_id, start_date, end_date, mode, value, reason, baseline_values) VALUES (?, ?, ?, ?, 'per_period', 42, 'bench', '[]')",
    );
    for (let i = 0; i < 200; i++)
      override.run(
        1 + (i % STORES),
        1 + ((i * 37) % PRODUCTS),
        dates[3],
        dates[9],
      );
  })();
  db.close();
  console.log(
    `seeded ${ROWS.toLocaleString('en-US')} forecast rows (${STORES} stores × ${PRODUCTS} products × ${DAYS} days) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-export-bench-'));
  const path = join(dir, 'bench.db');
  const database = { type: 'sqlite' as const, path };
  const ds = await new DataSource(
    dataSourceOptions(database, ALL_ENTITIES),
  ).initialize();
  await migrate(ds);
  seed(path);
  // The service reads only the money settings here; the defaults are what a fresh install has.
  const service = new ReportsService(
    ds,
    loadConfig({ NODE_ENV: 'test' }) as unknown as AppConfig,
  );
  const phases: (Phase | null)[] = [];
  try {
    phases.push(
      await measure(
        'baseline: raw iterate (no format)',
        'better-sqlite3 iterate() over the same join, counting rows',
        () => {
          const db = new Database(path, { readonly: true });
          let rows = 0;
          for (const r of db
            .prepare(
              `SELECT f.store_id, f.product_id, f.date, f.p10, f.p50, f.p90, f.model, s.code, s.name, s.region,
                      p.sku, p.name AS product_name, p.category_path
                 FROM forecast_values f JOIN stores s ON s.id = f.store_id JOIN products p ON p.id = f.product_id
                WHERE f.run_id = ? ORDER BY f.store_id, f.product_id, f.date`,
            )
            .iterate(RUN) as Iterable<unknown>)
            if (r) rows++;
          db.close();
          return Promise.resolve({ rows, bytes: 0 });
        },
      ),
    );
    phases.push(
      await measure(
        'baseline: report rows (no writer)',
        "the report's keyset pages through TypeORM, overrides applied, no writer",
        async () => {
          const prepared = await service.prepare(
            { reportId: 'forecasts', format: 'csv', filters: {} },
            ALL_STORES,
          );
          let rows = 0;
          for await (const batch of forecastRows(prepared.ctx, RUN))
            rows += batch.length;
          return { rows, bytes: 0 };
        },
      ),
    );
    for (const format of ['csv', 'xlsx'] as const)
      phases.push(
        await measure(
          `export forecasts ${format.toUpperCase()}`,
          'GET /api/reports/forecasts path into a 16 KB-buffered sink',
          async () => {
            const prepared = await service.prepare(
              { reportId: 'forecasts', format, filters: {} },
              ALL_STORES,
            );
            const sink = new CountingSink();
            const { rows } = await service.write(sink, prepared);
            return { rows, bytes: sink.bytes };
          },
        ),
      );
    const pdf = await measure(
      `store-summary PDF (${STORES} stores)`,
      'rows = forecast rows aggregated into the pages; one page per store',
      async () => {
        const prepared = await service.prepare(
          { reportId: 'store-summary', format: 'pdf', filters: {} },
          ALL_STORES,
        );
        const sink = new CountingSink();
        const { rows: pages } = await service.write(sink, prepared);
        if (pages !== STORES)
          throw new Error(`expected ${STORES} pages, got ${pages}`);
        return { rows: ROWS, bytes: sink.bytes };
      },
    );
    phases.push(pdf);
    if (pdf)
      console.log(
        `PDF: ${round((pdf.seconds * 1000) / STORES, 0)} ms per store page (${PRODUCTS * DAYS} forecast rows each)`,
      );
  } finally {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  const out = process.env['BENCH_OUT'] ?? benchResultPath('export');
  writeFileSync(
    out,
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        database: 'sqlite',
        stores: STORES,
        products: PRODUCTS,
        days: DAYS,
        rows: ROWS,
        maxOldSpaceMb: maxOldSpace(),
        phases: phases.filter((p) => p !== null),
      },
      null,
      2,
    ),
  );
  console.log(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
