/**
 * Emitted after sales (actuals) are committed, by the import path or the API. With the first and
 * last day they cover, exactly those days are scored (a day scored before rebuilds its week);
 * without them, the days after the last scored one up to the latest sales day are.
 */
export const SALES_IMPORTED = 'sales.imported';
export interface SalesImportedEvent {
  /** First day of the imported sales (yyyy-mm-dd). */
  from?: string | null;
  /** Last day of the imported sales (yyyy-mm-dd). */
  to?: string | null;
}
