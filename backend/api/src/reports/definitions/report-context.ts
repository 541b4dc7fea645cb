import type { ReportFilters, ReportLocale } from '@shelfcast/contracts';
import type { DataSource } from 'typeorm';
import type { StoreScope } from '../../common/identity/store-scope';
import {
  isoDayOrNull,
  type Row,
  sqlQuery,
  utcTimestamp,
} from '../../database/raw-sql';
import { yieldToLoop } from '../../common/yield-to-loop';

export {
  latestRecommendationRun,
  servingRun,
} from '../../database/current-runs';

export type { Row };

/** Filters after validation: store codes and region resolved to store ids within the reader's scope. */
export interface ResolvedFilters {
  from: string | null;
  to: string | null;
  /** null: every store; otherwise the only stores to read (possibly none). */
  storeIds: number[] | null;
  category: string | null;
  abc: 'A' | 'B' | 'C' | null;
  status: string | null;
}

export interface ReportContext {
  ds: DataSource;
  scope: StoreScope;
  /** As requested (echoed in the file). */
  requested: ReportFilters;
  filters: ResolvedFilters;
  /** Rows per database read. */
  pageSize: number;
  /** ISO 4217 code of every amount (AppConfig.money). */
  currency: string;
  /** Language of the PDF's labels and number formats. */
  locale: ReportLocale;
}

export { sqlQuery };

/** A date column as yyyy-mm-dd (PostgreSQL returns Dates, SQLite strings). */
export const day = isoDayOrNull;

export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function when(v: unknown): Date | null {
  return utcTimestamp(v);
}

/** `column IN (1, 2)` for resolved store ids (integers, inlined), `1 = 1` for all stores. */
export function storeIdsSql(column: string, ids: number[] | null): string {
  if (ids === null) return '1 = 1';
  if (ids.length === 0) return '1 = 0';
  return `${column} IN (${ids.map((id) => String(Math.trunc(id))).join(', ')})`;
}

function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

/** Category path prefix on `p.category_path`. */
export function categorySql(
  f: ResolvedFilters,
  column = 'p.category_path',
): { sql: string; params: unknown[] } {
  if (!f.category) return { sql: '1 = 1', params: [] };
  return {
    sql: `(${column} = ? OR ${column} LIKE ? ESCAPE '!')`,
    params: [f.category, `${escapeLike(f.category)}/%`],
  };
}

/** The run the latest recommendations belong to (the list's default), or null. */
/**
 * Reads a query page by page with a keyset: `page(after)` returns up to pageSize rows after the
 * last row's key (null for the first page). Memory holds one page at a time.
 */
export async function* keysetPages<T extends object = Row>(
  pageSize: number,
  page: (after: T | null) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let after: T | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    // SQLite reads are synchronous: let other requests and the writers' I/O run between pages.
    await yieldToLoop();
    after = rows[rows.length - 1];
  }
}

/** The day after a yyyy-mm-dd date: timestamps before it are within `to` (portable string comparison). */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
}
