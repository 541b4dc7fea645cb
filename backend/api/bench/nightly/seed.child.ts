/**
 * Child process of bench:nightly: loads the scaled demo catalogue into the (fresh) database named
 * by DATABASE_URL through the product's import path — the CSV parser feeding the bulk writer
 * (COPY on PostgreSQL, prepared statements on SQLite) — straight from the generator, no files.
 * The first boot migrates the schema. Argument: JSON CatalogueSize. Prints one JSON line: the
 * carried series and rows imported per kind.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DEMO_IMPORT_ORDER, generateDemo } from '@shelfcast/demo-data';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app/app.module';
import { loadConfig } from '../../src/config/app-config';
import { ImportsService } from '../../src/imports/imports.service';
import type { CatalogueSize } from './catalogue';

/** Lines joined into ~256 KB chunks, so the stream is not one string per row. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let buffer: string[] = [];
  let size = 0;
  for (const line of lines) {
    buffer.push(line);
    size += line.length + 1;
    if (size >= 256 * 1024) {
      yield buffer.join('\n') + '\n';
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length) yield buffer.join('\n') + '\n';
}

async function main(): Promise<void> {
  const size = JSON.parse(process.argv[2] ?? '{}') as CatalogueSize;
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(loadConfig(process.env)),
    { logger: ['error', 'warn'] },
  );
  try {
    const imports = app.get(ImportsService);
    const demo = generateDemo(size);
    const rows: Record<string, number> = {};
    // Baskets (transactions) feed affinity only, not the nightly forecasting path: left out.
    for (const kind of DEMO_IMPORT_ORDER) {
      if (kind === 'transactions') continue;
      const report = await imports.importStream(
        kind,
        {
          stream: Readable.from(chunks(demo[kind])),
          fileName: `${kind}.csv`,
          totalBytes: null,
        },
        { userName: 'bench:nightly' },
      );
      if (report.status !== 'succeeded')
        throw new Error(
          `import of ${kind} ${report.status}: ${JSON.stringify(report.errors.slice(0, 3))}`,
        );
      rows[kind] = report.rowsImported;
      process.stderr.write(`seeded ${kind}: ${report.rowsImported} rows\n`);
    }
    const [series]: { n: number | string }[] = await app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM store_products');
    process.stdout.write(
      `${JSON.stringify({ series: Number(series.n), rows })}\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
