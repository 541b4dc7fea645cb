import type { ImportKind } from '@shelfcast/contracts';
import type { DemoEvent, CategorySpec, SupplierSpec } from './catalog';
import type { ResolvedDemoOptions } from './options';

/** Kinds the generator produces: every import kind (basket lines come from baskets.ts). */
export type DemoImportKind = ImportKind;

/** Order in which the files must be imported (referenced entities first). */
export const DEMO_IMPORT_ORDER: readonly DemoImportKind[] = [
  'suppliers',
  'stores',
  'products',
  'sales',
  'inventory',
  'purchase-orders',
  'signals',
  'events',
  'transactions',
];

/** CSV lines per import kind, header first, no trailing newlines. Each iterable can be re-iterated. */
export type DemoCsv = Record<DemoImportKind, Iterable<string>>;

export interface DemoStore {
  code: string;
  name: string;
  region: string;
  regionIndex: number;
  timezone: string;
  /** Demand multiplier of the store (size / footfall). */
  size: number;
}

export interface DemoPromotion {
  /** Day indices (0 = first day of history) inclusive. */
  start: number;
  end: number;
  discount: number;
}

export interface DemoProduct {
  sku: string;
  name: string;
  category: CategorySpec;
  categoryIndex: number;
  brand: string;
  supplier: SupplierSpec;
  /** Regular price at the start of the history, in cents. */
  regularPriceCents: number;
  unitCostCents: number;
  casePack: number;
  moq: number;
  /** Mean daily units in an average store before multipliers. */
  baseDemand: number;
  slowMover: boolean;
  /** Probability of a structural zero day (slow movers only). */
  zeroInflation: number;
  /** Negative-binomial dispersion (smaller = more overdispersed). */
  dispersion: number;
  /** Price elasticity of demand for regular price changes (negative). */
  elasticity: number;
  /** Elasticity applied to promotional price cuts (display and feature included, more negative). */
  promoElasticity: number;
  /** Yearly log-trend. */
  trendPerYear: number;
  /** Regular price changes: day index from which the new price (cents) applies. */
  priceChanges: { day: number; priceCents: number }[];
  promotions: DemoPromotion[];
  postPromoDip: number;
  /** Price paid per day index (cents). */
  priceCents: Int32Array;
  promo: Uint8Array;
  /** Product-level demand multiplier per day: trend x price effect x promotion lift x post-promo dip. */
  multiplier: Float64Array;
}

export interface DemoWorld {
  options: ResolvedDemoOptions;
  /** Day number (days since 1970-01-01) of the first day of history. */
  firstDay: number;
  /** ISO date of each day index, history followed by the future days. */
  dates: string[];
  stores: DemoStore[];
  suppliers: readonly SupplierSpec[];
  products: DemoProduct[];
  events: DemoEvent[];
  /** Signal values per day index (history + future). */
  consumerConfidence: Float64Array;
  fuelPrice: Float64Array;
  /** Category path -> search index per day index. */
  searchIndex: Map<string, Float64Array>;
  /** Per category: yearly x holiday x global-signal multiplier per day of history (0 on closures). */
  categoryDay: Float64Array[];
  /** Per region x category: regional event multiplier per day of history. */
  regionCategoryDay: Float64Array[][];
  /** Day-of-week (0 = Sunday) of each day index. */
  weekday: Uint8Array;
  /** carried[store * products + product] = 1 when the store carries the product (assortment.ts). */
  carried: Uint8Array;
}

export interface SeriesResult {
  storeIndex: number;
  productIndex: number;
  /** True demand per day (uncensored). */
  demand: Int32Array;
  /** Units sold = min(demand, available). */
  units: Int32Array;
  /** 1 when on hand ended the day at zero (sales possibly censored). */
  stockout: Uint8Array;
  /** End-of-day on hand. */
  onHand: Int32Array;
  orders: SeriesOrder[];
}

export interface SeriesOrder {
  orderedDay: number;
  /** Planned arrival (ordered + rounded mean lead time). */
  expectedDay: number;
  /** Actual arrival (may be later than the horizon: still open at the end). */
  arrivalDay: number;
  quantity: number;
}
