import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ImportKind } from '@shelfcast/contracts';
import { csvHeader } from './csv';
import {
  DEMO_IMPORT_ORDER,
  buildDemoWorld,
  carries,
  eventLines,
  inventoryLinesOf,
  productLines,
  purchaseOrderLinesOf,
  salesLinesOf,
  signalLines,
  simulateSeries,
  storeLines,
  supplierLines,
  type DemoImportKind,
  type DemoOptions,
} from './generator';
import type { CsvLineSource } from './csv';
import { basketLines } from './baskets';
import { DATASET_IMPORT_ORDER, convertDataset } from './converters';

export interface DemoProgress {
  seriesDone: number;
  seriesTotal: number;
  salesRows: number;
}

export type DemoFiles = Record<DemoImportKind, string>;

const CHUNK_LINES = 8192;

/** Buffered line writer with back-pressure. */
class LineWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  rows = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  async push(line: string): Promise<void> {
    this.buffer.push(line);
    this.rows++;
    if (this.buffer.length >= CHUNK_LINES) await this.flush();
  }

  async pushAll(lines: string[]): Promise<void> {
    for (const line of lines) this.buffer.push(line);
    this.rows += lines.length;
    if (this.buffer.length >= CHUNK_LINES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('\n') + '\n';
    this.buffer = [];
    if (!this.stream.write(text))
      await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
  }
}

/** Writes any CSV line source to a file (one line per record, "\n" endings). Returns the line count. */
export async function writeCsvLines(
  path: string,
  lines: CsvLineSource,
): Promise<number> {
  const writer = new LineWriter(path);
  for await (const line of lines) await writer.push(line);
  await writer.close();
  return writer.rows;
}

/**
 * Generates the demo data set into `dir` (created if missing) as `<kind>.csv`, simulating every
 * store x product series once and writing sales, inventory and purchase orders from the same pass.
 * Returns the file path per kind; iterate DEMO_IMPORT_ORDER to import them in a valid order.
 */
export async function writeDemoCsv(
  dir: string,
  options: DemoOptions = {},
  onProgress?: (progress: DemoProgress) => void,
): Promise<DemoFiles> {
  mkdirSync(dir, { recursive: true });
  const world = buildDemoWorld(options);
  const files = Object.fromEntries(
    DEMO_IMPORT_ORDER.map((kind) => [kind, join(dir, `${kind}.csv`)]),
  ) as DemoFiles;
  await writeCsvLines(files.stores, storeLines(world));
  await writeCsvLines(files.suppliers, supplierLines(world));
  await writeCsvLines(files.products, productLines(world));
  await writeCsvLines(files.signals, signalLines(world));
  await writeCsvLines(files.events, eventLines(world));
  await writeCsvLines(files.transactions, basketLines(world));

  const sales = new LineWriter(files.sales);
  const inventory = new LineWriter(files.inventory);
  const orders = new LineWriter(files['purchase-orders']);
  await sales.push(csvHeader('sales'));
  await inventory.push(csvHeader('inventory'));
  await orders.push(csvHeader('purchase-orders'));
  const seriesTotal = world.stores.length * world.products.length;
  let seriesDone = 0;
  const lines: string[] = [];
  for (let s = 0; s < world.stores.length; s++) {
    for (let p = 0; p < world.products.length; p++) {
      if (!carries(world, s, p)) {
        seriesDone++;
        continue;
      }
      const series = simulateSeries(world, s, p);
      lines.length = 0;
      salesLinesOf(world, series, lines);
      await sales.pushAll(lines);
      lines.length = 0;
      inventoryLinesOf(world, series, lines);
      await inventory.pushAll(lines);
      lines.length = 0;
      purchaseOrderLinesOf(world, series, lines);
      await orders.pushAll(lines);
      seriesDone++;
    }
    onProgress?.({ seriesDone, seriesTotal, salesRows: sales.rows - 1 });
  }
  await Promise.all([sales.close(), inventory.close(), orders.close()]);
  return files;
}

/**
 * Converts a real dataset (see convertDataset) into `outDir` as `<kind>.csv`; returns the path per
 * kind produced, in import order.
 */
export async function writeConvertedDataset(
  name: string,
  sourceDir: string,
  outDir: string,
): Promise<Partial<Record<ImportKind, string>>> {
  mkdirSync(outDir, { recursive: true });
  const converted = convertDataset(name, sourceDir);
  const files: Partial<Record<ImportKind, string>> = {};
  for (const kind of DATASET_IMPORT_ORDER) {
    const lines = converted[kind];
    if (!lines) continue;
    const path = join(outDir, `${kind}.csv`);
    await writeCsvLines(path, lines);
    files[kind] = path;
  }
  return files;
}
