import type {
  ImportErrorReason,
  ImportKind,
  ImportProgress,
} from '@shelfcast/contracts';
import { Readable } from 'node:stream';
import { fixtureSource, GOOD_FILES } from '../../test/factories/import-files';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { ALL_STORES } from '../common/identity/store-scope';
import { ImportProgressService } from './import-progress.service';
import { ImportsService } from './imports.service';

describe('imports (integration)', () => {
  let t: TestApp;
  let imports: ImportsService;
  const count = async (table: string) =>
    Number(
      (await t.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n,
    );
  const importFixture = (
    kind: ImportKind,
    folder: 'good' | 'bad',
    file: string,
  ) =>
    imports.importStream(kind, fixtureSource(folder, file), {
      userName: 'test',
    });

  beforeAll(async () => {
    t = await createTestApp();
    imports = t.app.get(ImportsService);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('happy path', () => {
    it('imports every kind in dependency order', async () => {
      for (const [kind, file] of GOOD_FILES) {
        const report = await importFixture(kind, 'good', file);
        expect({ file, status: report.status, errors: report.errors }).toEqual({
          file,
          status: 'succeeded',
          errors: [],
        });
        expect(report.rowsImported).toBe(report.rowsRead);
      }
      expect(await count('stores')).toBe(2);
      expect(await count('products')).toBe(3);
      expect(await count('sales')).toBe(7);
      expect(await count('inventory_snapshots')).toBe(2);
      expect(await count('purchase_orders')).toBe(2);
      expect(await count('signals')).toBe(3);
      expect(await count('signal_values')).toBe(4);
      expect(await count('calendar_events')).toBe(2);
    });

    it('stores typed values: dates, booleans, defaults, revenue from price, category paths', async () => {
      const rows = await t.db.dataSource.query(
        `SELECT s.code AS store, p.sku, x.date, x.units, x.revenue, x.on_promo, x.stockout
           FROM sales x JOIN stores s ON s.id = x.store_id JOIN products p ON p.id = x.product_id
          ORDER BY s.code, p.sku, x.date`,
      );
      expect(rows[0]).toMatchObject({
        store: 'S001',
        sku: 'P001',
        date: '2026-01-01',
        units: 10,
      });
      const promo = rows.find(
        (r: { date: string; sku: string }) =>
          r.sku === 'P001' && r.date === '2026-01-02',
      );
      expect(Boolean(promo.on_promo)).toBe(true);
      const computed = rows.find(
        (r: { store: string; sku: string }) =>
          r.store === 'S002' && r.sku === 'P001',
      );
      expect(computed.revenue).toBeCloseTo(7 * 2.49, 6);
      const [p1] = await t.db.dataSource.query(
        "SELECT category_path, case_pack, moq, attributes FROM products WHERE sku = 'P001'",
      );
      expect(p1).toMatchObject({
        category_path: 'beverages/juice/orange',
        case_pack: 12,
        moq: 24,
      });
      expect(JSON.parse(p1.attributes)).toEqual({ size_ml: 1000 });
      const [p3] = await t.db.dataSource.query(
        "SELECT name, brand, case_pack FROM products WHERE sku = 'P003'",
      );
      expect(p3).toMatchObject({
        name: 'Crème fraîche',
        brand: 'Bøgh',
        case_pack: 1,
      });
      const [store] = await t.db.dataSource.query(
        "SELECT timezone FROM stores WHERE code = 'S002'",
      );
      expect(store.timezone).toBe('UTC');
    });

    it('records the grain of each series in the assortment', async () => {
      const rows = await t.db.dataSource.query(
        `SELECT s.code AS store, p.sku, sp.grain, sp.active_from FROM store_products sp
           JOIN stores s ON s.id = sp.store_id JOIN products p ON p.id = sp.product_id ORDER BY s.code, p.sku`,
      );
      expect(rows).toEqual([
        { store: 'S001', sku: 'P001', grain: 'day', active_from: '2026-01-01' },
        { store: 'S001', sku: 'P002', grain: 'day', active_from: '2026-01-01' },
        { store: 'S002', sku: 'P001', grain: 'day', active_from: '2026-01-01' },
        {
          store: 'S002',
          sku: 'P002',
          grain: 'week',
          active_from: '2026-01-05',
        },
        { store: 'S002', sku: 'P003', grain: 'day', active_from: '2026-01-01' },
      ]);
    });

    it('is idempotent: re-importing the same rows upserts them', async () => {
      const before = await count('sales');
      const again = await importFixture('sales', 'good', 'sales.csv');
      expect(again.status).toBe('succeeded');
      expect(await count('sales')).toBe(before);
      const signals = await importFixture('signals', 'good', 'signals.csv');
      expect(signals.status).toBe('succeeded');
      expect(await count('signal_values')).toBe(4);
    });

    it('updates changed values on re-import', async () => {
      const csv = 'store,sku,date,units,price\nS001,P001,2026-01-01,11,2.49\n';
      const report = await imports.importStream(
        'sales',
        {
          stream: Readable.from([csv]),
          fileName: 'fix.csv',
          totalBytes: csv.length,
        },
        { userName: 'test' },
      );
      expect(report.status).toBe('succeeded');
      const [row] = await t.db.dataSource.query(
        "SELECT units FROM sales x JOIN stores s ON s.id = x.store_id WHERE s.code = 'S001' AND x.date = '2026-01-01' AND x.product_id = (SELECT id FROM products WHERE sku = 'P001')",
      );
      expect(row.units).toBe(11);
    });

    it('publishes progress that ends with the final status', async () => {
      const seen: ImportProgress[] = [];
      const sub = t.app
        .get(ImportProgressService)
        .events.subscribe((p) => seen.push(p));
      await imports.importStream(
        'inventory',
        fixtureSource('good', 'inventory.csv'),
        { userName: 'test', ref: 'abc' },
      );
      sub.unsubscribe();
      const last = seen[seen.length - 1];
      expect(last).toMatchObject({
        ref: 'abc',
        kind: 'inventory',
        status: 'succeeded',
        rows: 2,
        fraction: 1,
      });
    });
  });

  describe('bad input: the report names row, column, value and reason, and nothing is written', () => {
    const cases: [
      string,
      ImportKind,
      ImportErrorReason,
      { row: number; column: string | null; value?: string | null },
    ][] = [
      [
        'sales-unparseable-date.csv',
        'sales',
        'unparseable_date',
        { row: 2, column: 'date', value: '2026-13-01' },
      ],
      [
        'sales-negative-units.csv',
        'sales',
        'negative_value',
        { row: 2, column: 'units', value: '-4' },
      ],
      [
        'sales-unknown-store-product.csv',
        'sales',
        'unknown_store',
        { row: 2, column: 'store', value: 'S999' },
      ],
      [
        'sales-duplicate-key.csv',
        'sales',
        'duplicate_key',
        { row: 4, column: null },
      ],
      [
        'sales-wrong-column-count.csv',
        'sales',
        'wrong_column_count',
        { row: 2, column: null },
      ],
      [
        'sales-missing-column.csv',
        'sales',
        'missing_column',
        { row: 1, column: 'sku' },
      ],
      [
        'sales-invalid-number.csv',
        'sales',
        'invalid_number',
        { row: 3, column: 'units', value: 'abc' },
      ],
      [
        'stores-non-utf8.csv',
        'stores',
        'invalid_utf8',
        { row: 2, column: 'name' },
      ],
      [
        'sales-malformed-quote.csv',
        'sales',
        'malformed_csv',
        { row: 2, column: null },
      ],
      [
        'sales-unknown-column.csv',
        'sales',
        'invalid_value',
        { row: 1, column: 'colour' },
      ],
      ['sales-empty.csv', 'sales', 'missing_column', { row: 0, column: null }],
      [
        'sales-bad-last-row.csv',
        'sales',
        'invalid_number',
        { row: 12, column: 'units', value: 'x' },
      ],
      [
        'sales-grain-conflict.csv',
        'sales',
        'invalid_value',
        { row: 2, column: 'grain', value: 'day' },
      ],
    ];

    it.each(cases)('%s → %s', async (file, kind, reason, where) => {
      const salesBefore = await count('sales');
      const storesBefore = await count('stores');
      const report = await importFixture(kind, 'bad', file);
      expect(report.status).toBe('rejected');
      expect(report.rowsImported).toBe(0);
      expect(report.errorsByReason[reason]).toBeGreaterThanOrEqual(1);
      const error = report.errors.find((e) => e.reason === reason);
      expect(error).toMatchObject(where);
      expect(error?.message.length).toBeGreaterThan(5);
      expect(await count('sales')).toBe(salesBefore);
      expect(await count('stores')).toBe(storesBefore);
    });

    it('reports both an unknown store and an unknown product in one file', async () => {
      const report = await importFixture(
        'sales',
        'bad',
        'sales-unknown-store-product.csv',
      );
      expect(report.errorsByReason).toEqual({
        unknown_store: 1,
        unknown_product: 1,
      });
      expect(report.errors[1]).toMatchObject({
        row: 3,
        column: 'sku',
        value: 'NOPE',
        reason: 'unknown_product',
      });
    });

    it('caps the listed errors but counts them all', async () => {
      const lines = ['store,sku,date,units'];
      for (let i = 0; i < 1500; i++)
        lines.push(`S001,P001,2026-03-01,-${i + 1}`);
      const csv = lines.join('\n');
      const report = await imports.importStream(
        'sales',
        {
          stream: Readable.from([csv]),
          fileName: 'many.csv',
          totalBytes: csv.length,
        },
        { userName: 'test' },
      );
      expect(report.errorCount).toBe(1500);
      expect(report.errors.length).toBe(1000);
      expect(report.errorsTruncated).toBe(true);
      expect(report.errorsByReason).toEqual({ negative_value: 1500 });
    });

    it('records every import in the history, rejected ones included', async () => {
      const history = await imports.history(200, ALL_STORES);
      expect(
        history.some(
          (h) =>
            h.status === 'rejected' &&
            h.fileName === 'sales-negative-units.csv',
        ),
      ).toBe(true);
      expect(history.every((h) => h.errors.length === 0)).toBe(true);
      const full = await imports.get(
        history.find((h) => h.status === 'rejected')?.id ?? '',
        ALL_STORES,
      );
      expect(full.errors.length).toBeGreaterThan(0);
    });
  });
});
