/**
 * Emitted after sales (actuals) are committed, by the import path or the API, with the first and
 * last day they cover. Realized accuracy scores the issued forecasts of those days.
 */
export const SALES_IMPORTED = 'sales.imported';
export interface SalesImportedEvent {
  /** First day of the imported sales (yyyy-mm-dd). */
  from: string;
  /** Last day of the imported sales (yyyy-mm-dd). */
  to: string;
}
