import {
  type RecommendationFilters,
  type RecommendationRisk,
  type RecommendationSort,
  type RecommendationStatus,
  RECOMMENDATION_RISKS,
  RECOMMENDATION_SORTS,
  RECOMMENDATION_STATUSES,
} from '@shelfcast/contracts';
import {
  enumParam,
  intParam,
  injectQueryParams,
  optionalEnumParam,
  stringParam,
} from '../../core/url-state/query-params';

export const PAGE_SIZES = [25, 50, 100] as const;
export const ABC = ['A', 'B', 'C'] as const;
export const XYZ = ['X', 'Y', 'Z'] as const;

/**
 * The review table's columns, in order (status and actions stay pinned at the right). The
 * suggestion shows under the final quantity when they differ and the P50 stock-out date under the
 * risk, so the whole table fits 1440 px.
 */
export const INVENTORY_COLUMNS = [
  'store',
  'sku',
  'risk',
  'valueAtRisk',
  'abc',
  'finalQty',
  'daysOfCover',
  'orderValue',
  'excessValue',
  'status',
  'actions',
] as const;

/** Filters, sort, page and the selected line live in the URL (call in an injection context). */
export function injectInventoryQuery() {
  return injectQueryParams({
    store: stringParam(),
    region: stringParam(),
    category: stringParam(),
    abc: optionalEnumParam(ABC),
    xyz: optionalEnumParam(XYZ),
    risk: optionalEnumParam(RECOMMENDATION_RISKS),
    status: optionalEnumParam(RECOMMENDATION_STATUSES),
    search: stringParam(),
    sort: optionalEnumParam(RECOMMENDATION_SORTS),
    order: enumParam(['asc', 'desc'] as const, 'asc'),
    page: intParam(0, 0),
    size: enumParam(['25', '50', '100'] as const, '50'),
    line: intParam(0, 0),
  });
}

type InventoryQueryState = ReturnType<
  ReturnType<typeof injectInventoryQuery>['state']
>;

/**
 * The list's sort: the URL's, else the largest value at risk (lost margin before the next
 * delivery) first, so the lines that cost the most come up without a click.
 */
export function sortOf(q: Pick<InventoryQueryState, 'sort' | 'order'>): {
  sort: RecommendationSort;
  order: 'asc' | 'desc';
} {
  return q.sort
    ? { sort: q.sort, order: q.order }
    : { sort: 'valueAtRisk', order: 'desc' };
}

/** The API's filters from the URL state (empty values mean "any"). */
export function filtersOf(q: InventoryQueryState): RecommendationFilters {
  return {
    store: q.store || undefined,
    region: q.region || undefined,
    category: q.category || undefined,
    abc: q.abc ?? undefined,
    xyz: q.xyz ?? undefined,
    risk: q.risk ?? undefined,
    status: q.status ?? undefined,
    search: q.search || undefined,
  };
}

/** A change of filters, as the filter controls emit it (null clears one). */
export interface FilterPatch {
  store?: string;
  region?: string;
  category?: string;
  abc?: (typeof ABC)[number] | null;
  xyz?: (typeof XYZ)[number] | null;
  risk?: RecommendationRisk | null;
  status?: RecommendationStatus | null;
  search?: string;
}
