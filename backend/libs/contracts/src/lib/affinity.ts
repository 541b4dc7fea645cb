/** A product as the affinity lists show it. */
export interface AffinityProductRef {
  sku: string;
  name: string;
  categoryPath: string;
  brand: string | null;
}

/** "Bought together": item-item co-occurrence in baskets, with the association numbers. */
export interface BoughtTogetherItem extends AffinityProductRef {
  rank: number;
  /** Baskets holding both products. */
  baskets: number;
  /** Share of all baskets holding both. */
  support: number;
  /** P(this product | the viewed product). */
  confidence: number;
  /** confidence / P(this product); above 1 = bought together more than by chance. */
  lift: number;
  cosine: number;
}

export const CONTENT_FEATURES = [
  'category',
  'brand',
  'price',
  'pack',
  'text',
] as const;
export type ContentFeatureName = (typeof CONTENT_FEATURES)[number];

/** Content-based neighbour from product attributes. */
export interface SimilarProductItem extends AffinityProductRef {
  rank: number;
  similarity: number;
  /** Attribute groups both products share. */
  matches: ContentFeatureName[];
  /** Category levels both share. */
  commonCategoryDepth: number;
  commonWords: string[];
}

/** A product similar stores sell well and this store does not carry. */
export interface AssortmentGapItem extends AffinityProductRef {
  rank: number;
  /** Similarity-weighted expected share of the store's unit sales. */
  expectedShare: number;
  /** Similar stores (of those compared) that sell it. */
  similarStoresSelling: number;
  similarStoresCompared: number;
  /** Mean share of unit sales among the similar stores that sell it. */
  meanShareWhereSold: number;
  /** expectedShare × this store's unit sales over the window. */
  expectedUnits: number;
}

/** Top products for a customer segment (customers whose home store is the store), from similar customers. */
export interface SegmentPickItem extends AffinityProductRef {
  rank: number;
  score: number;
  /** Customers of the segment it was recommended to. */
  customers: number;
}

export interface AffinityRunInfo {
  computedAt: string | null;
  baskets: number;
  /** Days of basket lines and sales the run read. */
  windowDays: number;
}

export interface ProductAffinity {
  product: AffinityProductRef;
  run: AffinityRunInfo;
  boughtTogether: BoughtTogetherItem[];
  similar: SimilarProductItem[];
}

export interface StoreAssortmentGaps {
  store: { code: string; name: string };
  run: AffinityRunInfo;
  gaps: AssortmentGapItem[];
  segmentPicks: SegmentPickItem[];
}

export interface AffinityRecomputeResult {
  computedAt: string;
  baskets: number;
  pairs: number;
  similarPairs: number;
  gaps: number;
  segmentPicks: number;
  durationMs: number;
}
