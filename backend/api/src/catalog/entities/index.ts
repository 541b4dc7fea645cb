import { Product } from './product.entity';
import { Store } from './store.entity';
import { StoreProduct } from './store-product.entity';
import { Supplier } from './supplier.entity';

/** The catalog feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const CATALOG_ENTITIES = [Store, Supplier, Product, StoreProduct];
