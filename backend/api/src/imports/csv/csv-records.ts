import { parse } from 'csv-parse';
import { Readable, Transform, TransformCallback } from 'node:stream';

export interface CsvRecord {
  /** 1-based record number; the header is row 1. */
  row: number;
  fields: string[];
}

export class MalformedCsvError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

/** A record longer than the limit: the parser stops rather than buffer it (bounded memory). */
export class RecordTooLongError extends Error {
  constructor(
    readonly row: number,
    /** 0-based field index where the limit was crossed, when the parser knows it. */
    readonly field: number | null,
    readonly limit: number,
  ) {
    super(`record longer than ${limit.toLocaleString('en')} characters`);
  }
}

/** Counts the bytes that pass, for progress as a share of the file. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * Streams CSV records from bytes with csv-parse (RFC 4180 quoting, BOM stripped), in batches of
 * what the parser has ready: one promise per batch instead of one per record, which was a large
 * share of the import's CPU. Column counts are left to the caller, which reports them per row; a
 * structural error (an unclosed quote) ends the stream with a {@link MalformedCsvError} naming
 * the row.
 */
export async function* csvRecordBatches(
  input: Readable,
  maxRecordChars = 0,
  maxBatch = 2048,
): AsyncGenerator<CsvRecord[]> {
  const parser = parse({
    bom: true,
    // The parser holds at most one record: a 10 MB field fails at the limit instead of filling memory.
    max_record_size: maxRecordChars,
    relax_column_count: true,
    skip_empty_lines: false,
    // Fields stay strings: each importer parses and validates its own columns.
    cast: false,
  });
  input.on('error', (error) => parser.destroy(error));
  // Listeners stay attached for the whole read, so nothing the parser emits between two waits
  // (an error while the caller is busy with a batch) is lost.
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  parser.on('readable', () => wake?.());
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (error: Error) => {
    failure = error;
    wake?.();
  });
  input.pipe(parser);
  let row = 0;
  try {
    for (;;) {
      const batch: CsvRecord[] = [];
      let fields: string[] | null;
      while (
        batch.length < maxBatch &&
        (fields = parser.read() as string[] | null) !== null
      ) {
        batch.push({ row: ++row, fields });
      }
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } catch (error) {
    if (
      error instanceof Error &&
      'code' in error &&
      String(error.code).startsWith('CSV_')
    ) {
      const info = error as { code: string; records?: number; index?: number };
      const at = typeof info.records === 'number' ? info.records + 1 : row + 1;
      if (info.code === 'CSV_MAX_RECORD_SIZE')
        throw new RecordTooLongError(at, info.index ?? null, maxRecordChars);
      throw new MalformedCsvError(error.message, at);
    }
    throw error;
  } finally {
    if (!ended) parser.destroy();
  }
}
