import type { ReportSection } from '../../common/tabular/report-types';

/**
 * Names the currency in every money column's header (`order_value` → `order_value_usd`), so a
 * CSV or sheet read on its own still says what its amounts are in.
 */
export function withCurrency(
  sections: readonly ReportSection[],
  currency: string,
): ReportSection[] {
  const suffix = `_${currency.toLowerCase()}`;
  return sections.map((s) => ({
    ...s,
    columns: s.columns.map((c) =>
      c.money && !c.header.endsWith(suffix)
        ? { ...c, header: `${c.header}${suffix}` }
        : c,
    ),
  }));
}
