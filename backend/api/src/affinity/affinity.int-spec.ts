import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  AffinityRecomputeResult,
  ImportKind,
  ImportReport,
  ProductAffinity,
  Role,
  StoreAssortmentGaps,
} from '@shelfcast/contracts';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { type SqlDate } from '../database/raw-sql';
import { ImportsService } from '../imports/imports.service';
import { CustomerIdHasher } from '../privacy/customer-id-hasher';
import { PROMOTION_REPORTS_WRITTEN } from '../common/training-events';
import { AffinityService } from './affinity.service';

/** A basket line with its store code and SKU, as imported. */
interface BasketLineRow {
  store: string;
  basket_id: string;
  sku: string;
  date: SqlDate;
  sold_at: SqlDate;
  quantity: number;
  customer_hash: string | null;
}

const FIXTURES = join(__dirname, '../../test/fixtures/affinity');

describe('affinity: transactions import, recompute and reads (integration)', () => {
  let t: TestApp;

  const importFile = (kind: ImportKind, file: string): Promise<ImportReport> =>
    t.app.get(ImportsService).importStream(
      kind,
      {
        stream: createReadStream(join(FIXTURES, file)),
        fileName: file,
        totalBytes: statSync(join(FIXTURES, file)).size,
      },
      { userName: 'test', userId: null },
    );
  const count = async (table: string): Promise<number> =>
    Number(
      (await t.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n,
    );
  const call = async <T>(
    role: Role,
    path: string,
    method = 'GET',
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(await t.as(role)) },
      body: method === 'POST' ? '{}' : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const [kind, file] of [
      ['stores', 'stores.csv'],
      ['products', 'products.csv'],
      ['sales', 'sales.csv'],
    ] as const) {
      const report = await importFile(kind, file);
      expect({ file, status: report.status, errors: report.errors }).toEqual({
        file,
        status: 'succeeded',
        errors: [],
      });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('imports basket lines, keeping customer ids only as salted hashes', async () => {
    const report = await importFile('transactions', 'transactions.csv');
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('succeeded');
    expect(report.rowsImported).toBe(14);
    const rows = await t.query<BasketLineRow>(
      `SELECT s.code AS store, b.basket_id, p.sku, b.date, b.sold_at, b.quantity, b.customer_hash
         FROM basket_lines b JOIN stores s ON s.id = b.store_id JOIN products p ON p.id = b.product_id
        ORDER BY s.code, b.basket_id, p.sku`,
    );
    expect(rows).toHaveLength(14);
    const b2 = rows.find((r) => r.basket_id === 'B2' && r.sku === 'K2');
    expect(b2).toMatchObject({
      store: 'A1',
      date: '2026-01-05',
      sold_at: '2026-01-05T10:15:30',
      quantity: 1,
    });
    const hasher = t.app.get(CustomerIdHasher);
    expect(b2?.customer_hash).toBe(hasher.hash('C-1001'));
    expect(String(b2?.customer_hash)).toMatch(/^[0-9a-f]{64}$/);
    const raw = await t.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM basket_lines WHERE customer_hash LIKE '%1001%' OR basket_id LIKE '%C-1001%'",
    );
    expect(Number(raw[0].n)).toBe(0);
    expect(rows.filter((r) => r.customer_hash === null)).toHaveLength(6);
    // Same basket id in another store is another basket.
    expect(rows.filter((r) => r.basket_id === 'B1')).toHaveLength(4);
    // Re-importing is idempotent (upsert on store, basket, product).
    expect((await importFile('transactions', 'transactions.csv')).status).toBe(
      'succeeded',
    );
    expect(await count('basket_lines')).toBe(14);
  });

  it('refuses a bad file whole, naming the row and field of each error', async () => {
    const report = await importFile('transactions', 'transactions-bad.csv');
    expect(report.status).toBe('rejected');
    expect(
      report.errors.map((e) => [e.row, e.column, e.reason]).sort(),
    ).toEqual(
      [
        [3, 'datetime', 'unparseable_date'],
        [4, 'sku', 'unknown_product'],
        [5, 'quantity', 'negative_value'],
        [6, null, 'duplicate_key'],
      ].sort(),
    );
    expect(await count('basket_lines')).toBe(14);
  });

  it('recomputes on demand for planners only, and serves bought-together with its numbers', async () => {
    expect(
      (await call('viewer', '/api/affinity/recompute', 'POST')).status,
    ).toBe(403);
    const run = await call<AffinityRecomputeResult>(
      'planner',
      '/api/affinity/recompute',
      'POST',
    );
    expect(run.status).toBe(200);
    expect(run.body.baskets).toBe(7);

    const j1 = await call<ProductAffinity>(
      'viewer',
      '/api/affinity/products/J1',
    );
    expect(j1.status).toBe(200);
    expect(j1.body.run.baskets).toBe(7);
    // J1 and K1 share baskets B1, B2, B3 of store A1; each is in 4 of the 7 baskets.
    // J1–J3 share one basket only: below the minimum of 3.
    expect(j1.body.boughtTogether).toEqual([
      expect.objectContaining({
        sku: 'K1',
        rank: 1,
        baskets: 3,
        support: expect.closeTo(3 / 7, 10),
        confidence: expect.closeTo(0.75, 10),
        lift: expect.closeTo(0.75 / (4 / 7), 10),
        cosine: expect.closeTo(0.75, 10),
      }),
    ]);
    // Content: the other orange juice of the same brand, price band and pack is most similar.
    expect(j1.body.similar[0]).toMatchObject({ sku: 'J2', rank: 1 });
    expect([...j1.body.similar[0].matches].sort()).toEqual([
      'brand',
      'category',
      'pack',
      'price',
      'text',
    ]);
    expect(j1.body.similar[0].commonCategoryDepth).toBe(3);
    expect(j1.body.similar.map((s) => s.sku)).not.toContain('J1');

    expect((await call('viewer', '/api/affinity/products/NOPE')).status).toBe(
      404,
    );
  });

  it("lists a store's assortment gaps and segment picks, scoped for store managers", async () => {
    const a1 = await call<StoreAssortmentGaps>(
      'planner',
      '/api/affinity/stores/A1/gaps',
    );
    expect(a1.status).toBe(200);
    // A2 and A3 sell A1's mix plus J2; K2 is sold by only one of them (A3), A4 shares nothing.
    expect(a1.body.gaps).toEqual([
      expect.objectContaining({
        sku: 'J2',
        rank: 1,
        similarStoresSelling: 2,
        similarStoresCompared: 2,
        meanShareWhereSold: expect.closeTo((40 / 400 + 30 / 215) / 2, 10),
      }),
    ]);
    const gap = a1.body.gaps[0];
    expect(gap.expectedShare).toBeGreaterThan(0.1);
    expect(gap.expectedShare).toBeLessThan(30 / 215);
    expect(gap.expectedUnits).toBeCloseTo(gap.expectedShare * 180, 10);
    // Customers of A1: C-1001 lacks J3 (bought by the similar C-2002), C-2002 lacks K2.
    expect(a1.body.segmentPicks.map((p) => p.sku).sort()).toEqual(['J3', 'K2']);
    expect(a1.body.segmentPicks.every((p) => p.customers === 1)).toBe(true);

    await t.assignStores(['A1']);
    expect(
      (await call('store_manager', '/api/affinity/stores/A1/gaps')).status,
    ).toBe(200);
    expect(
      (await call('store_manager', '/api/affinity/stores/A2/gaps')).status,
    ).toBe(403);
    expect((await call('planner', '/api/affinity/stores/ZZ/gaps')).status).toBe(
      404,
    );
  });

  it('recomputes once the reports after a promotion are written, replacing the previous results', async () => {
    const before = await count('affinity_runs');
    const pairs = await count('affinity_pairs');
    t.app
      .get(EventEmitter2)
      .emit(PROMOTION_REPORTS_WRITTEN, { runId: 'run-x', ok: true });
    const service = t.app.get(AffinityService);
    await new Promise((r) => setImmediate(r));
    await service.waitForIdle();
    expect(await count('affinity_runs')).toBe(before + 1);
    // Replaced, not appended.
    expect(await count('affinity_pairs')).toBe(pairs);
  });
});
