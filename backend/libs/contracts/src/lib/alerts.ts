/** Notifications (alerts) and realized accuracy, as the API returns them. */

/** GET /api/notifications */
export interface NotificationItem {
  id: number;
  type: string;
  severity: string;
  title: string;
  body: string;
  /** Dashboard path of the subject. */
  link: string | null;
  storeId: number | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /api/accuracy/realized: one week × scope (× horizon bucket). */
export interface RealizedAccuracyRow {
  week: string;
  level: 'series' | 'category_store' | 'store' | 'category' | 'chain';
  scopeKey: string;
  /** Readable scope: store code, category, `store / sku`, '' for the chain. */
  label: string;
  /** Horizon bucket: days (`1-7`, `8-14`, `15-28`, `29+`), weeks for weekly series (`1w`, `2w`, `3-4w`, `5w+`), or `all`. */
  bucket: string;
  points: number;
  actual: number;
  wape: number | null;
  bias: number | null;
  mase: number | null;
  coverage: number | null;
  /** The serving run's backtest WAPE of the scope (chain, store, category, series); null elsewhere. */
  backtestWape: number | null;
}

/** GET /api/accuracy/drift */
export interface DriftFlagItem {
  id: number;
  level: string;
  scopeKey: string;
  label: string;
  storeId: number | null;
  week: string;
  reason: string;
  realizedWape: number | null;
  backtestWape: number | null;
  bias: number | null;
  periods: number;
  action: string;
  createdAt: string;
}

/** GET /api/accuracy/realized/issued: one forecast of one series as it was issued at a past origin. */
export interface IssuedForecast {
  /** The last day of history the forecast saw. */
  origin: string;
  issuedAt: string;
  runId: string;
  /** The issued quantiles per target day, in date order (step 1 = the day after the origin). */
  points: {
    date: string;
    step: number;
    p10: number;
    p50: number;
    p90: number;
  }[];
}
