import type { ImportKind } from '@shelfcast/contracts';
import { eventsImporter, signalsImporter } from './calendar.importers';
import {
  inventoryImporter,
  purchaseOrdersImporter,
} from './inventory.importers';
import { KindImporter, Lookups } from './kind-importer';
import {
  productsImporter,
  storesImporter,
  suppliersImporter,
} from './reference.importers';
import { salesImporter } from './sales.importer';
import { transactionsImporter } from './transactions.importer';

export const IMPORTERS: Record<ImportKind, (lookups: Lookups) => KindImporter> =
  {
    stores: storesImporter,
    suppliers: suppliersImporter,
    products: productsImporter,
    sales: salesImporter,
    inventory: inventoryImporter,
    'purchase-orders': purchaseOrdersImporter,
    signals: signalsImporter,
    events: eventsImporter,
    transactions: transactionsImporter,
  };

/** Which reference data each kind resolves codes against (the rest stay empty). */
export const LOOKUP_NEEDS: Record<ImportKind, ReadonlyArray<keyof Lookups>> = {
  stores: [],
  suppliers: [],
  products: ['suppliers'],
  sales: ['stores', 'products', 'seriesGrains'],
  inventory: ['stores', 'products'],
  'purchase-orders': ['stores', 'products', 'suppliers'],
  signals: ['stores'],
  events: ['stores'],
  transactions: ['stores', 'products'],
};

export type { KindImporter, Lookups } from './kind-importer';
