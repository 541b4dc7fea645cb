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
 * Streams CSV records from bytes with csv-parse (RFC 4180 quoting, BOM stripped). Column counts are
 * left to the caller, which reports them per row; a structural error (an unclosed quote) ends the
 * stream with a {@link MalformedCsvError} naming the row.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    // Fields stay strings: each importer parses and validates its own columns.
    cast: false,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, fields };
    }
  } catch (error) {
    if (
      error instanceof Error &&
      'code' in error &&
      String(error.code).startsWith('CSV_')
    ) {
      throw new MalformedCsvError(error.message, row + 1);
    }
    throw error;
  }
}
