import type {
  OverviewResponse,
  OverviewScope,
  SalesWindowKpi,
} from '@shelfcast/contracts';

/** A KPI's detail page with the overview's filter carried in the URL. */
export interface KpiLink {
  path: string;
  queryParams: Record<string, string>;
}

/** Relative change, null when there is nothing to compare with. */
export function relativeChange(now: number, before: number): number | null {
  return before > 0 ? (now - before) / before : null;
}

/** Sales change against the same weekdays last year (null without last-year sales). */
export function salesChange(w: SalesWindowKpi | null): number | null {
  return w && w.lastYearDays > 0
    ? relativeChange(w.units, w.lastYearUnits)
    : null;
}

/**
 * The forecast explorer for the scope. It has no region level: a region opens the chain view (its
 * store picker narrows it further).
 */
export function forecastsLink(scope: OverviewScope, key: string): KpiLink {
  switch (scope) {
    case 'store':
      return {
        path: '/forecasts',
        queryParams: { level: 'store', store: key },
      };
    case 'category':
      return {
        path: '/forecasts',
        queryParams: { level: 'category', category: key },
      };
    default:
      return { path: '/forecasts', queryParams: {} };
  }
}

/** The recommendations table filtered to the scope (region, store or category) plus the KPI's own filter. */
export function inventoryLink(
  scope: OverviewScope,
  key: string,
  filter: Record<string, string>,
): KpiLink {
  const queryParams = { ...filter };
  if (scope === 'store') {
    queryParams['store'] = key;
  }
  if (scope === 'region') {
    queryParams['region'] = key;
  }
  if (scope === 'category') {
    queryParams['category'] = key;
  }
  return { path: '/inventory', queryParams };
}

/** Daily units of a sparkline (the last `days` points). */
export function lastPoints(
  points: OverviewResponse['trend']['sales'],
  days: number,
): number[] {
  return points.slice(-days).map((p) => p.units);
}

/** Distinct regions of the stores list, sorted (stores without a region have none to pick). */
export function regionsOf(
  stores: readonly { region: string | null }[],
): string[] {
  return [
    ...new Set(stores.flatMap((s) => (s.region === null ? [] : [s.region]))),
  ].sort();
}
