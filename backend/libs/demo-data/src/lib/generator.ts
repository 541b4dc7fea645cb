/**
 * Deterministic synthetic retail data: stores, suppliers, products, daily sales per carried store x
 * product (with the true, uncensored demand available through simulateSeries), inventory snapshots,
 * purchase orders, market signals, the holiday/event calendar and basket lines (baskets.ts), all as
 * Shelfcast import CSV lines.
 *
 * Memory: the "world" (catalogue, signals, per-product price/promotion arrays, per-category day
 * multipliers) is a few MB; sales are produced one store x product series (730 days) at a time.
 */
import { basketLines } from './baskets';
import {
  eventLines,
  productLines,
  seriesDerivedLines,
  signalLines,
  storeLines,
  supplierLines,
} from './csv-lines';
import type { DemoOptions } from './options';
import { buildDemoWorld } from './world';
import type { DemoCsv } from './world-types';

export * from './csv-lines';
export * from './options';
export * from './simulate';
export { buildDemoWorld } from './world';
export * from './world-types';

const reiterable = (make: () => Iterator<string>): Iterable<string> => ({
  [Symbol.iterator]: make,
});

/**
 * Lazily generated CSV lines per import kind (header first, no newline characters). Sales,
 * inventory and purchase orders each run the series simulation when iterated (deterministically, so
 * they agree); use writeDemoCsv to produce all files in one simulation pass.
 */
export function generateDemo(options: DemoOptions = {}): DemoCsv {
  const world = buildDemoWorld(options);
  return {
    stores: reiterable(() => storeLines(world)),
    suppliers: reiterable(() => supplierLines(world)),
    products: reiterable(() => productLines(world)),
    sales: reiterable(() => seriesDerivedLines(world, 'sales')),
    inventory: reiterable(() => seriesDerivedLines(world, 'inventory')),
    'purchase-orders': reiterable(() =>
      seriesDerivedLines(world, 'purchase-orders'),
    ),
    signals: reiterable(() => signalLines(world)),
    events: reiterable(() => eventLines(world)),
    transactions: reiterable(() => basketLines(world)),
  };
}
