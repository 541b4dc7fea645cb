/**
 * Sub-selects that summarise what cached answers are computed from (see StampedCache). Sales,
 * calendar, signals and master data only change through imports, so the import runs (their count
 * and newest end) stamp all of them; the serving row stamps the forecasts.
 */
export const IMPORTS_STAMP =
  '(SELECT COUNT(*) FROM import_runs) AS imports, (SELECT MAX(finished_at) FROM import_runs) AS imported';

export const SERVING_STAMP = '(SELECT run_id FROM serving WHERE id = 1) AS run';

/** One stamp row as a cache stamp string. */
export function stampOf(row: Record<string, unknown> | undefined): string {
  return JSON.stringify(Object.values(row ?? {}));
}
