export interface StoreDto {
  id: number;
  code: string;
  name: string;
  region: string;
  timezone: string;
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
