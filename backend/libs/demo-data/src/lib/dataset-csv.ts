/** What the real-dataset converters share: dataset names, the output shape and CSV record reading. */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportKind } from '@shelfcast/contracts';
import { parseCsvLine } from './csv';

export const SUPPORTED_DATASETS = [
  'dominicks_oj',
  'favorita_daily',
  'online_retail_daily',
] as const;
export type DatasetName = (typeof SUPPORTED_DATASETS)[number];

export function isSupportedDataset(name: string): name is DatasetName {
  return (SUPPORTED_DATASETS as readonly string[]).includes(name);
}

/** CSV lines per import kind produced by a dataset; kinds the dataset has no data for are absent. */
export type ConvertedDataset = Partial<
  Record<ImportKind, AsyncIterable<string>>
>;

/** Import order of the kinds a converter may produce. */
export const DATASET_IMPORT_ORDER: readonly ImportKind[] = [
  'suppliers',
  'stores',
  'products',
  'sales',
  'signals',
  'events',
];

export type CsvRecord = Record<string, string>;

/** Reads a CSV file with a header row as records keyed by column name (trimmed, CRLF tolerated). */
export async function* readCsvRecords(
  path: string,
  requiredColumns: readonly string[] = [],
): AsyncGenerator<CsvRecord> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | null = null;
  try {
    for await (const raw of lines) {
      const line = header === null ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const fields = parseCsvLine(line);
      if (header === null) {
        header = fields.map((field) => field.trim());
        const missing = requiredColumns.filter(
          (column) => !header?.includes(column),
        );
        if (missing.length > 0)
          throw new Error(`${path}: missing column(s) ${missing.join(', ')}`);
        continue;
      }
      const record: CsvRecord = {};
      for (let i = 0; i < header.length; i++)
        record[header[i]] = (fields[i] ?? '').trim();
      yield record;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

export const lazy = (
  make: () => AsyncGenerator<string>,
): AsyncIterable<string> => ({
  [Symbol.asyncIterator]: make,
});

export function requireFile(dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`Dataset file not found: ${path}`);
  return path;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function toNumber(value: string, what: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n))
    throw new Error(`Invalid number for ${what}: "${value}"`);
  return n;
}
