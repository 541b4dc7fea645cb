/** API response shapes the dashboard e2e tests assert on (the fields they read). */

/** GET /api/forecasts/levels (the fields asserted on). */
export interface LevelForecastDto {
  nodes: { key: string; label: string }[];
  forecast: { date: string; p50: number }[];
}

export interface FreshnessDto {
  kind: string;
  rows: number;
  lastDate: string | null;
}
export interface ProductDto {
  sku: string;
}
export interface PageDto<T> {
  items: T[];
  total: number;
}
export interface StoreDto {
  code: string;
}
export interface BoughtTogetherDto {
  sku: string;
  name: string;
  baskets: number;
  support: number;
  confidence: number;
  lift: number;
  cosine: number;
}
export interface ProductAffinityDto {
  run: { computedAt: string | null; baskets: number };
  boughtTogether: BoughtTogetherDto[];
  similar: { sku: string }[];
}
export interface StoreGapsDto {
  gaps: {
    sku: string;
    name: string;
    expectedShare: number;
    expectedUnits: number;
    similarStoresSelling: number;
    similarStoresCompared: number;
    meanShareWhereSold: number;
  }[];
}
export interface RecommendationDto {
  id: string | number;
  status: string;
}
export interface RunDto {
  id: string;
  status: string;
}
export interface OverviewDto {
  asOf: string | null;
  sales7: { units: number } | null;
  sales28: { units: number } | null;
  forecast7: { units: number; coveredDays: number } | null;
  accuracy: { source: string; wape: number | null };
  inventory: { stockoutRisk: number; pendingApprovals: number };
}
