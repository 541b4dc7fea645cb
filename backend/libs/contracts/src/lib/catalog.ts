/** How the served policy plans demand it cannot serve: lost (retail default) or backordered. */
export const UNMET_DEMAND_SETTINGS = ['lost-sales', 'backorder'] as const;
export type UnmetDemandSetting = (typeof UNMET_DEMAND_SETTINGS)[number];

export interface StoreDto {
  id: number;
  code: string;
  name: string;
  /** null: the store belongs to no region (listed under NO_REGION_KEY at the region level). */
  region: string | null;
  timezone: string;
  unmetDemand: UnmetDemandSetting;
}

export interface ProductDto {
  id: number;
  sku: string;
  name: string;
  categoryPath: string;
  brand: string | null;
  regularPrice: number;
  unitCost: number;
  casePack: number;
  moq: number;
  shelfLifeDays: number | null;
  supplierCode: string | null;
}

export interface CategoryDto {
  path: string;
  products: number;
}
