import { CSV_FORMATS, ImportKind } from '@shelfcast/contracts';
import { finished, type Readable } from 'node:stream';
import type { BulkTransaction, RowSink } from '../database/bulk/bulk-writer';
import {
  ByteCounter,
  CsvRecord,
  csvRecordBatches,
  MalformedCsvError,
  RecordTooLongError,
} from './csv/csv-records';
import { FieldReader, ImportRules } from './csv/field-reader';
import { clip, ImportErrors } from './csv/import-errors';
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

export interface ImportLimits extends ImportRules {
  /** Longest field, in characters: a longer one is a row error. */
  maxFieldChars: number;
  /** Longest record, in characters: the parser stops there instead of buffering more. */
  maxRecordChars: number;
}

/** The client went away before the upload was complete: rolled back, nothing written. */
export class ImportAbortedError extends Error {
  constructor(detail?: string) {
    super(
      `The upload was aborted before it was complete${detail ? ` (${detail})` : ''}`,
    );
    this.name = 'ImportAbortedError';
  }
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
  limits: ImportLimits,
  /** Aborted when the client disconnects: the import stops and rolls back at once. */
  signal?: AbortSignal,
): Promise<ImportOutcome> {
  const errors = new ImportErrors();
  const counter = new ByteCounter();
  const unfeed = feed(input, counter, signal);
  let rowsRead = 0;
  let header: string[] = [];
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
    const batches = csvRecordBatches(counter, limits.maxRecordChars);
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
    header = first.value[0].fields.map((f) => f.trim());
    const index = checkHeader(kind, header, errors);
    if (index === null) {
      await batches.return(undefined);
      drain(input, counter, unfeed);
      return outcome(0);
    }
    const reader = new FieldReader(index, errors, limits);
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
        } else if (
          !hasInvalidUtf8(fields, header, row, errors) &&
          !hasLongField(fields, header, row, errors, limits.maxFieldChars)
        ) {
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
    if (signal?.aborted) throw new ImportAbortedError();
    if (error instanceof ImportAbortedError) throw error;
    if (error instanceof MalformedCsvError) {
      errors.add(error.row, null, null, 'malformed_csv', error.message);
      drain(input, counter, unfeed);
      return outcome(0);
    }
    if (error instanceof RecordTooLongError) {
      const column =
        error.field === null ? null : (header[error.field] ?? null);
      errors.add(
        error.row,
        column,
        null,
        'too_long',
        `${column === null ? 'the record' : `the record (at column ${column})`} is longer than ${error.limit.toLocaleString('en')} characters; nothing after it was read`,
      );
      drain(input, counter, unfeed);
      return outcome(0);
    }
    throw error;
  } finally {
    unfeed();
    if (sink) await sink.abort().catch(() => undefined);
    if (tx) await tx.rollback().catch(() => undefined);
    onProgress({
      rows: rowsRead,
      bytesRead: counter.bytes,
      errorCount: errors.count,
    });
  }
}

/**
 * Pipes the upload into the counter, and fails the counter (and with it the parser, whose wait
 * then ends) when the upload fails or closes early or the signal aborts. A bare pipe() forwards
 * neither: an aborted request stream never ends, and the import would wait, holding its
 * transaction and SQLite's write lock, forever. Returns the function that detaches the listeners.
 */
function feed(
  input: Readable,
  counter: ByteCounter,
  signal: AbortSignal | undefined,
): () => void {
  const fail = (error: Error) => {
    if (!counter.destroyed) counter.destroy(error);
  };
  const onAbort = () => {
    const error = new ImportAbortedError();
    fail(error);
    if (!input.destroyed) input.destroy(error);
  };
  const stopWatching = finished(input, (error) => {
    if (error)
      fail(
        signal?.aborted || isCutOff(error) ? new ImportAbortedError() : error,
      );
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  input.pipe(counter);
  if (signal?.aborted) onAbort();
  return () => {
    signal?.removeEventListener('abort', onAbort);
    stopWatching();
  };
}

/** The connection was reset or the stream closed before its end: the client went away. */
function isCutOff(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/** Reads the rest of the upload without parsing it, so the client's request can complete. */
function drain(
  input: Readable,
  counter: ByteCounter,
  unfeed: () => void,
): void {
  unfeed();
  input.unpipe(counter);
  // A failure while draining has no one left to tell; without a listener it would crash.
  input.on('error', () => undefined);
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
  const expected = format.map((c) => c.name).join(', ');
  const delimiter = /[;\t|]/.exec(header[0] ?? '');
  if (header.length === 1 && delimiter) {
    errors.add(
      1,
      null,
      header[0],
      'malformed_csv',
      `the header is one column holding ${JSON.stringify(delimiter[0])}: separate the columns with commas (${expected})`,
    );
    return null;
  }
  if (!header.some((name) => known.has(name))) {
    errors.add(
      1,
      null,
      header.join(','),
      'missing_column',
      `the first row is not a header: it must name the columns (${expected})`,
    );
    return null;
  }
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!known.has(name)) {
      errors.add(
        1,
        name,
        name,
        'invalid_value',
        `unknown column "${clip(name)}"; expected ${expected}`,
      );
    } else if (index.has(name)) {
      errors.add(
        1,
        name,
        name,
        'invalid_value',
        `column "${clip(name)}" appears twice`,
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

/** Reports the first field of the row longer than the limit. */
function hasLongField(
  fields: string[],
  header: string[],
  row: number,
  errors: ImportErrors,
  maxChars: number,
): boolean {
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].length > maxChars) {
      errors.add(
        row,
        header[i],
        fields[i],
        'too_long',
        `${header[i]} is longer than ${maxChars.toLocaleString('en')} characters`,
      );
      return true;
    }
  }
  return false;
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
