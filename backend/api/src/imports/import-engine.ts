import { CSV_FORMATS, ImportKind } from '@shelfcast/contracts';
import type { Readable } from 'node:stream';
import type { BulkTransaction, RowSink } from './bulk/bulk-writer';
import {
  ByteCounter,
  CsvRecord,
  csvRecordBatches,
  MalformedCsvError,
} from './csv/csv-records';
import { FieldReader } from './csv/field-reader';
import { ImportErrors } from './csv/import-errors';
import type { KindImporter } from './kinds';

export interface ImportProgressTick {
  rows: number;
  bytesRead: number;
  errorCount: number;
}

export interface ImportOutcome {
  rowsRead: number;
  rowsImported: number;
  bytesRead: number;
  errors: ImportErrors;
}

const PROGRESS_EVERY_MS = 250;
const REPLACEMENT_CHAR = '\uFFFD';

/**
 * Streams one CSV file through an importer into one transaction. Any row error means nothing is
 * written (rollback), but reading continues so the report lists every problem in the file.
 */
export async function runImport(
  kind: ImportKind,
  input: Readable,
  importer: KindImporter,
  begin: () => Promise<BulkTransaction>,
  onProgress: (tick: ImportProgressTick) => void,
): Promise<ImportOutcome> {
  const errors = new ImportErrors();
  const counter = new ByteCounter();
  input.pipe(counter);
  let rowsRead = 0;
  let tx: BulkTransaction | null = null;
  let sink: RowSink | null = null;
  let lastTick = Date.now();
  const outcome = (rowsImported: number): ImportOutcome => ({
    rowsRead,
    rowsImported,
    bytesRead: counter.bytes,
    errors,
  });

  try {
    const batches = csvRecordBatches(counter);
    const first = await batches.next();
    if (first.done) {
      errors.add(
        0,
        null,
        null,
        'missing_column',
        'The file is empty: expected a header row',
      );
      return outcome(0);
    }
    const header = first.value[0].fields.map((f) => f.trim());
    const index = checkHeader(kind, header, errors);
    if (index === null) {
      await batches.return(undefined);
      drain(input, counter);
      return outcome(0);
    }
    const reader = new FieldReader(index, errors);
    tx = await begin();
    const target = await tx.openSink(importer.target);
    sink = target;
    const consume = (records: readonly CsvRecord[], from: number) => {
      for (let i = from; i < records.length; i++) {
        const { row, fields } = records[i];
        if (fields.length === 1 && fields[0] === '') continue;
        rowsRead++;
        if (fields.length !== header.length) {
          errors.add(
            row,
            null,
            null,
            'wrong_column_count',
            `expected ${header.length} columns, found ${fields.length}`,
          );
        } else if (!hasInvalidUtf8(fields, header, row, errors)) {
          reader.reset(fields, row);
          const values = importer.parse(reader);
          // After the first error nothing more is written: the transaction will be rolled back.
          if (values !== null && errors.count === 0) {
            const pending = target.write(values);
            // Backpressure: resume with the rest of this batch once the writer drains.
            if (pending) return { pending, next: i + 1 };
          }
        }
      }
      return null;
    };
    const consumeAll = async (records: readonly CsvRecord[], from: number) => {
      for (let wait = consume(records, from); wait; ) {
        await wait.pending;
        wait = consume(records, wait.next);
      }
      if (Date.now() - lastTick >= PROGRESS_EVERY_MS) {
        lastTick = Date.now();
        onProgress({
          rows: rowsRead,
          bytesRead: counter.bytes,
          errorCount: errors.count,
        });
      }
    };
    await consumeAll(first.value, 1);
    for await (const records of batches) await consumeAll(records, 0);
    if (errors.count > 0) {
      await sink.abort();
      sink = null;
      await tx.rollback();
      tx = null;
      return outcome(0);
    }
    const written = await sink.close();
    sink = null;
    if (importer.finish) await importer.finish(tx);
    await tx.commit();
    tx = null;
    return outcome(written);
  } catch (error) {
    if (error instanceof MalformedCsvError) {
      errors.add(error.row, null, null, 'malformed_csv', error.message);
      drain(input, counter);
      return outcome(0);
    }
    throw error;
  } finally {
    if (sink) await sink.abort().catch(() => undefined);
    if (tx) await tx.rollback().catch(() => undefined);
    onProgress({
      rows: rowsRead,
      bytesRead: counter.bytes,
      errorCount: errors.count,
    });
  }
}

/** Reads the rest of the upload without parsing it, so the client's request can complete. */
function drain(input: Readable, counter: ByteCounter): void {
  input.unpipe(counter);
  input.resume();
}

/** Column name → position; null (with errors) when a required column is missing or one is unknown. */
function checkHeader(
  kind: ImportKind,
  header: string[],
  errors: ImportErrors,
): Map<string, number> | null {
  const format = CSV_FORMATS[kind];
  const known = new Set(format.map((c) => c.name));
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!known.has(name)) {
      errors.add(
        1,
        name,
        name,
        'invalid_value',
        `unknown column "${name}"; expected ${format.map((c) => c.name).join(', ')}`,
      );
    } else if (index.has(name)) {
      errors.add(
        1,
        name,
        name,
        'invalid_value',
        `column "${name}" appears twice`,
      );
    } else {
      index.set(name, i);
    }
  });
  for (const column of format) {
    if (column.required && !index.has(column.name)) {
      errors.add(
        1,
        column.name,
        null,
        'missing_column',
        `required column "${column.name}" is missing`,
      );
    }
  }
  return errors.count > 0 ? null : index;
}

/** csv-parse decodes invalid UTF-8 as U+FFFD; report the first such field of the row. */
function hasInvalidUtf8(
  fields: string[],
  header: string[],
  row: number,
  errors: ImportErrors,
): boolean {
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].includes(REPLACEMENT_CHAR)) {
      errors.add(
        row,
        header[i],
        fields[i],
        'invalid_utf8',
        `${header[i]} contains bytes that are not valid UTF-8`,
      );
      return true;
    }
  }
  return false;
}
