/**
 * SQL that is 1 when a recommendation line is flagged "stock-out risk": the P50 projection with
 * its order runs out before the next delivery (`stockout_risk`, written by the generator). Lines
 * generated before that column existed fall back to their P50 stock-out date without the order.
 * Shared by the recommendation list, the overview and the reports so they count the same lines.
 */
export function stockoutRiskSql(alias: string): string {
  return `COALESCE(${alias}.stockout_risk, CASE WHEN ${alias}.stockout_date_p50 IS NOT NULL THEN 1 ELSE 0 END)`;
}
