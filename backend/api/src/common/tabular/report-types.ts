/** What every writer receives: typed columns, rows in batches, and the header block echoed in the file. */

export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'datetime';

export interface ReportColumn {
  key: string;
  header: string;
  type: ColumnType;
  /** Excel number format for number columns, e.g. '0.00' or '0.0%'. */
  numFmt?: string;
  /** Excel column width in characters. */
  width?: number;
  /** An amount of money: the header names the configured currency (`order_value_usd`). */
  money?: boolean;
}

/** A cell: text, number, `yyyy-mm-dd` (date), a Date (datetime), or empty. */
export type Cell = string | number | Date | null;
export type ReportRow = readonly Cell[];

export interface ReportSection {
  id: string;
  title: string;
  columns: readonly ReportColumn[];
  /** Row batches read from the database page by page (the writer awaits each). */
  batches(): AsyncIterable<readonly ReportRow[]>;
}

/** The header block every file carries: which report, when, for whom, and the applied filters. */
export interface ReportMeta {
  reportId: string;
  title: string;
  generatedAt: Date;
  /** e.g. "all stores" or "stores S001, S002 (assigned to the signed-in user)". */
  scope: string;
  /** Applied filters as label → value, in a stable order; empty when none. */
  filters: readonly (readonly [string, string])[];
}

export interface WriteResult {
  rows: number;
}

/** `from=2026-11-01; stores=S001,S002`, or `none`. */
export function filtersText(meta: ReportMeta): string {
  return meta.filters.length
    ? meta.filters.map(([k, v]) => `${k}=${v}`).join('; ')
    : 'none';
}
