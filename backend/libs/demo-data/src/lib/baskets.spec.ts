import { CSV_FORMATS } from '@shelfcast/contracts';
import { createHash } from 'node:crypto';
import { basketLines } from './baskets';
import { parseCsvLine } from './csv';
import { buildDemoWorld, carries } from './generator';

const OPTIONS = { stores: 6, products: 52, days: 400, seed: 3 };
const world = buildDemoWorld(OPTIONS);
const lines = [...basketLines(world)];
const rows = lines.slice(1).map(parseCsvLine);

function digest(source: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const line of source) hash.update(`${line}\n`);
  return hash.digest('hex');
}

describe('demo basket lines', () => {
  it('starts with the transactions header of the CSV contract, and every row has its columns', () => {
    expect(lines[0]).toBe(
      CSV_FORMATS.transactions.map((c) => c.name).join(','),
    );
    for (const row of rows)
      expect(row).toHaveLength(CSV_FORMATS.transactions.length);
  });

  it('is deterministic: same seed gives identical bytes, another seed differs', () => {
    const small = { stores: 2, products: 15, days: 60 };
    const a = digest(basketLines(buildDemoWorld({ ...small, seed: 42 })));
    expect(digest(basketLines(buildDemoWorld({ ...small, seed: 42 })))).toBe(a);
    expect(
      digest(basketLines(buildDemoWorld({ ...small, seed: 43 }))),
    ).not.toBe(a);
  });

  it('sells only carried products, within the last year, with positive quantities and unique lines', () => {
    const storeIndex = new Map(world.stores.map((s, i) => [s.code, i]));
    const skuIndex = new Map(world.products.map((p, i) => [p.sku, i]));
    const firstDate = world.dates[OPTIONS.days - 365];
    const lastDate = world.dates[OPTIONS.days - 1];
    const seen = new Set<string>();
    for (const [basket, datetime, store, sku, quantity] of rows) {
      const s = storeIndex.get(store) ?? -1;
      const p = skuIndex.get(sku) ?? -1;
      expect(carries(world, s, p)).toBe(true);
      expect(datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      expect(datetime.slice(0, 10) >= firstDate).toBe(true);
      expect(datetime.slice(0, 10) <= lastDate).toBe(true);
      expect(basket.startsWith(`${store}-`)).toBe(true);
      expect(Number(quantity)).toBeGreaterThan(0);
      expect(seen.has(`${basket}|${sku}`)).toBe(false);
      seen.add(`${basket}|${sku}`);
    }
    // No baskets on the Christmas Day closure.
    expect(rows.some((r) => r[1].startsWith('2025-12-25'))).toBe(false);
  });

  it('larger stores have more baskets; a share carries a loyalty customer id', () => {
    const baskets = new Map<string, string>();
    for (const [basket, , , , , customer] of rows)
      baskets.set(basket, customer);
    const perStore = world.stores.map(
      (s) =>
        [...baskets.keys()].filter((b) => b.startsWith(`${s.code}-`)).length,
    );
    const bySize = world.stores
      .map((s, i) => ({ size: s.size, n: perStore[i] }))
      .sort((a, b) => a.size - b.size);
    expect(bySize[bySize.length - 1].n).toBeGreaterThan(bySize[0].n);
    const carded = [...baskets.values()].filter((c) => c !== '').length;
    expect(carded / baskets.size).toBeGreaterThan(0.25);
    expect(carded / baskets.size).toBeLessThan(0.45);
  });

  it('has a modest row count for the default demo size (100k to 250k lines)', () => {
    let count = -1;
    for (const line of basketLines(buildDemoWorld({})))
      if (line.length > 0) count++;
    expect(count).toBeGreaterThan(100_000);
    expect(count).toBeLessThan(250_000);
  });
});
