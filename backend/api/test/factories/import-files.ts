import type { ImportKind } from '@shelfcast/contracts';
import { createReadStream, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportSource } from '../../src/imports/imports.service';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');

/** Reference files in dependency order, then the facts that point at them. */
export const GOOD_FILES: [ImportKind, string][] = [
  ['stores', 'stores.csv'],
  ['suppliers', 'suppliers.csv'],
  ['products', 'products.csv'],
  ['sales', 'sales.csv'],
  ['sales', 'sales-weekly.csv'],
  ['inventory', 'inventory.csv'],
  ['purchase-orders', 'purchase-orders.csv'],
  ['signals', 'signals.csv'],
  ['events', 'events.csv'],
];

export function fixtureSource(
  folder: 'good' | 'bad',
  file: string,
): ImportSource {
  const path = join(FIXTURES, folder, file);
  return {
    stream: createReadStream(path),
    fileName: basename(path),
    totalBytes: statSync(path).size,
  };
}
