import type { ImportKind, SalesGrain } from '@shelfcast/contracts';
import type {
  BulkTransaction,
  BulkValue,
  UpsertSpec,
} from '../../database/bulk/bulk-writer';
import type { FieldReader } from '../csv/field-reader';

/** Reference data an importer resolves codes against, loaded before the transaction starts. */
export interface Lookups {
  stores: ReadonlyMap<string, number>;
  products: ReadonlyMap<string, number>;
  suppliers: ReadonlyMap<string, number>;
  /** Grain of every series already stored, keyed by {@link seriesKey}. */
  seriesGrains: ReadonlyMap<number, SalesGrain>;
  /** Salted hash of a customer id (set by the service; importers never store the raw id). */
  hashCustomerId?: (customerId: string) => string;
}

export interface KindImporter {
  readonly kind: ImportKind;
  readonly target: UpsertSpec;
  /** Values for one record in target column order, or null when the reader refused a field. */
  parse(reader: FieldReader): BulkValue[] | null;
  /** Runs in the same transaction after every row was written. */
  finish?(tx: BulkTransaction): Promise<void>;
  /** First and last day of the rows parsed (yyyy-mm-dd), for kinds whose arrival others follow. */
  dateRange?(): { from: string; to: string } | null;
}

/** One number per store × product (ids below 2^26 per product, well within 2^53 overall). */
export function seriesKey(storeId: number, productId: number): number {
  return storeId * 67_108_864 + productId;
}

/**
 * Remembers which (series, day) pairs a file has used, as one growable bitmap per series: a
 * 10-year daily series costs under 500 bytes, so duplicate detection stays cheap on huge files.
 */
export class SeriesDayKeys {
  private readonly series = new Map<
    number,
    { base: number; bits: Uint8Array }
  >();

  /** False when the pair was already added. */
  add(key: number, day: number): boolean {
    let entry = this.series.get(key);
    if (!entry) {
      entry = { base: day - 512, bits: new Uint8Array(256) };
      this.series.set(key, entry);
    }
    let offset = day - entry.base;
    if (offset < 0 || offset >= entry.bits.length * 8) {
      entry = this.grow(key, entry, day);
      offset = day - entry.base;
    }
    const byte = offset >> 3;
    const mask = 1 << (offset & 7);
    if (entry.bits[byte] & mask) return false;
    entry.bits[byte] |= mask;
    return true;
  }

  private grow(
    key: number,
    entry: { base: number; bits: Uint8Array },
    day: number,
  ) {
    const lo = Math.min(entry.base, day - 512);
    const hi = Math.max(entry.base + entry.bits.length * 8, day + 512);
    const base = lo - (lo & 7);
    const bits = new Uint8Array(Math.ceil((hi - base) / 8) + 1);
    bits.set(entry.bits, (entry.base - base) >> 3);
    const grown = { base, bits };
    this.series.set(key, grown);
    return grown;
  }
}

/** Duplicate detection for small reference files keyed by text. */
export class TextKeys {
  private readonly firstRow = new Map<string, number>();

  /** The row where the key first appeared, or null when it is new. */
  add(key: string, row: number): number | null {
    const first = this.firstRow.get(key);
    if (first !== undefined) return first;
    this.firstRow.set(key, row);
    return null;
  }
}
