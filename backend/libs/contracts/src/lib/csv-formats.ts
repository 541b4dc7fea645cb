import type { ImportKind } from './imports';

/**
 * The CSV layout of each import kind: the single source of truth for the importer, the demo-data
 * generator, the dataset loaders and the dashboard's "expected columns" hint.
 * Dates are ISO yyyy-mm-dd. Booleans are 0/1 or true/false. Extra columns are refused.
 */
export interface CsvColumn {
  name: string;
  required: boolean;
  description: string;
}

export const CSV_FORMATS: Record<ImportKind, readonly CsvColumn[]> = {
  stores: [
    { name: 'code', required: true, description: 'Store code, unique' },
    { name: 'name', required: true, description: 'Display name' },
    {
      name: 'region',
      required: false,
      description:
        'Region name (optional; stores without one are shown under "(no region)")',
    },
    {
      name: 'timezone',
      required: false,
      description: 'IANA timezone, default UTC',
    },
  ],
  suppliers: [
    { name: 'code', required: true, description: 'Supplier code, unique' },
    { name: 'name', required: true, description: 'Display name' },
    {
      name: 'lead_time_mean_days',
      required: true,
      description: 'Mean lead time in days',
    },
    {
      name: 'lead_time_sd_days',
      required: false,
      description: 'Standard deviation of lead time in days, default 0',
    },
    {
      name: 'review_period_days',
      required: false,
      description: 'Days between order reviews, default 7',
    },
  ],
  products: [
    { name: 'sku', required: true, description: 'Product code, unique' },
    { name: 'name', required: true, description: 'Display name' },
    {
      name: 'category_path',
      required: true,
      description:
        'Category path, levels separated by "/", e.g. beverages/juice/orange',
    },
    { name: 'brand', required: false, description: 'Brand' },
    {
      name: 'regular_price',
      required: true,
      description: 'Regular shelf price per unit',
    },
    { name: 'unit_cost', required: true, description: 'Unit cost' },
    {
      name: 'case_pack',
      required: false,
      description: 'Units per case, default 1',
    },
    {
      name: 'moq',
      required: false,
      description: 'Minimum order quantity in units, default 0',
    },
    {
      name: 'shelf_life_days',
      required: false,
      description: 'Shelf life in days, empty when not perishable',
    },
    { name: 'supplier', required: false, description: 'Supplier code' },
    {
      name: 'attributes',
      required: false,
      description: 'JSON object of further attributes',
    },
  ],
  sales: [
    { name: 'store', required: true, description: 'Store code' },
    { name: 'sku', required: true, description: 'Product code' },
    {
      name: 'date',
      required: true,
      description:
        'Period start date (the day, or the first day of the week or month)',
    },
    { name: 'units', required: true, description: 'Units sold, >= 0' },
    {
      name: 'revenue',
      required: false,
      description: 'Revenue, >= 0; default units x price',
    },
    {
      name: 'price',
      required: false,
      description: 'Average price paid per unit',
    },
    { name: 'promo', required: false, description: '1 when on promotion' },
    {
      name: 'stockout',
      required: false,
      description: '1 when on hand hit zero (sales censored)',
    },
    {
      name: 'grain',
      required: false,
      description: 'day, week or month; default day. One grain per series',
    },
  ],
  inventory: [
    { name: 'store', required: true, description: 'Store code' },
    { name: 'sku', required: true, description: 'Product code' },
    { name: 'date', required: true, description: 'Snapshot date' },
    {
      name: 'on_hand',
      required: true,
      description: 'Units on hand at end of day',
    },
  ],
  'purchase-orders': [
    { name: 'po_number', required: true, description: 'Purchase order number' },
    { name: 'store', required: true, description: 'Store code' },
    { name: 'sku', required: true, description: 'Product code' },
    { name: 'supplier', required: false, description: 'Supplier code' },
    { name: 'quantity', required: true, description: 'Units ordered, > 0' },
    { name: 'ordered_date', required: true, description: 'Order date' },
    {
      name: 'expected_date',
      required: true,
      description: 'Expected arrival date',
    },
    {
      name: 'status',
      required: false,
      description: 'open, received or cancelled; default open',
    },
  ],
  signals: [
    {
      name: 'signal',
      required: true,
      description: 'Signal name, e.g. cpi, fuel_price, consumer_confidence',
    },
    {
      name: 'scope',
      required: true,
      description: 'global, region, store or category',
    },
    {
      name: 'scope_key',
      required: false,
      description: 'Region name, store code or category path; empty for global',
    },
    { name: 'date', required: true, description: 'Date of the value' },
    { name: 'value', required: true, description: 'Numeric value' },
  ],
  events: [
    { name: 'name', required: true, description: 'Event name' },
    {
      name: 'type',
      required: true,
      description: 'holiday, event, promotion or closure',
    },
    { name: 'start_date', required: true, description: 'First day' },
    { name: 'end_date', required: true, description: 'Last day (inclusive)' },
    {
      name: 'scope',
      required: false,
      description: 'global, region, store or category; default global',
    },
    {
      name: 'scope_key',
      required: false,
      description: 'Region name, store code or category path; empty for global',
    },
  ],
  transactions: [
    {
      name: 'basket_id',
      required: true,
      description: 'Basket (receipt) id, unique within its store',
    },
    {
      name: 'datetime',
      required: true,
      description:
        'Time of sale, yyyy-mm-ddThh:mm[:ss] or yyyy-mm-dd hh:mm[:ss]',
    },
    { name: 'store', required: true, description: 'Store code' },
    { name: 'sku', required: true, description: 'Product code' },
    { name: 'quantity', required: true, description: 'Units on the line, > 0' },
    {
      name: 'customer_id',
      required: false,
      description: 'Loyalty customer id; stored only as a salted hash',
    },
  ],
};

export const SALES_GRAINS = ['day', 'week', 'month'] as const;
export type SalesGrain = (typeof SALES_GRAINS)[number];

export const SIGNAL_SCOPES = ['global', 'region', 'store', 'category'] as const;
export type SignalScope = (typeof SIGNAL_SCOPES)[number];

export const EVENT_TYPES = [
  'holiday',
  'event',
  'promotion',
  'closure',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const PURCHASE_ORDER_STATUSES = [
  'open',
  'received',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];
