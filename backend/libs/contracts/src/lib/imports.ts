/** Kinds of CSV file the import endpoint and CLI accept. */
export const IMPORT_KINDS = [
  'stores',
  'products',
  'suppliers',
  'sales',
  'inventory',
  'purchase-orders',
  'signals',
  'events',
  'transactions',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** `aborted`: the client went away mid-upload; the import was rolled back and nothing was written. */
export const IMPORT_STATUSES = [
  'running',
  'succeeded',
  'rejected',
  'failed',
  'aborted',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Why a row (or the file) was refused. */
export const IMPORT_ERROR_REASONS = [
  'missing_column',
  'wrong_column_count',
  'missing_value',
  'unparseable_date',
  'invalid_number',
  'negative_value',
  'invalid_value',
  'unknown_store',
  'unknown_product',
  'unknown_supplier',
  'duplicate_key',
  'invalid_utf8',
  'malformed_csv',
  /** A date or quantity outside the plausible range (far future, before 1990, above the ceiling). */
  'out_of_range',
  /** A field or a whole record longer than the configured limit. */
  'too_long',
  /** Free text starting with =, +, @, tab or CR, which a spreadsheet would run as a formula. */
  'formula_text',
] as const;
export type ImportErrorReason = (typeof IMPORT_ERROR_REASONS)[number];

export interface ImportRowError {
  /** 1-based line number in the file, the header being row 1; 0 for file-level errors. */
  row: number;
  column: string | null;
  value: string | null;
  reason: ImportErrorReason;
  message: string;
}

export interface ImportReport {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  rowsRead: number;
  rowsImported: number;
  errorCount: number;
  errorsByReason: Partial<Record<ImportErrorReason, number>>;
  /** The first errors (capped); errorCount and errorsByReason hold the totals. */
  errors: ImportRowError[];
  errorsTruncated: boolean;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  userName: string | null;
}

/** Streamed over SSE at GET /api/imports/events while a file is imported. */
export interface ImportProgress {
  id: string;
  /** Opaque value the client passed as ?ref= so it can find its own upload. */
  ref: string | null;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  rows: number;
  rowsPerSecond: number;
  bytesRead: number;
  totalBytes: number | null;
  /** Share of bytes read, 0..1, when the size is known. */
  fraction: number | null;
  errorCount: number;
}

export interface DataFreshness {
  kind: ImportKind;
  rows: number;
  /** Latest business date held (sales date, snapshot date, signal date...), ISO yyyy-mm-dd. */
  lastDate: string | null;
  lastImportAt: string | null;
}
