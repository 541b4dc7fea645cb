import type {
  ImportErrorReason,
  ImportKind,
  ImportReport,
} from '@shelfcast/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES,
  fixtureSource,
  GOOD_FILES,
} from '../../test/factories/import-files';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { ImportsService } from './imports.service';

/** Every table an import can write to: none may change when a file is refused. */
const TABLES = [
  'stores',
  'suppliers',
  'products',
  'sales',
  'store_products',
  'inventory_snapshots',
  'purchase_orders',
  'signals',
  'signal_values',
  'calendar_events',
  'basket_lines',
];

interface Expected {
  reason: ImportErrorReason;
  row: number;
  column: string | null;
}

/**
 * The bad-input corpus (test/fixtures/imports/bad/): fixture → kind, expected first error of that
 * reason (row, column). Every one is refused with HTTP 422 and writes nothing. docs/imports.md
 * lists the same table.
 */
const CORPUS: [string, ImportKind, Expected][] = [
  [
    'stores-duplicate-code.csv',
    'stores',
    { reason: 'duplicate_key', row: 3, column: null },
  ],
  [
    'stores-formula-name.csv',
    'stores',
    { reason: 'formula_text', row: 2, column: 'name' },
  ],
  [
    'stores-missing-header.csv',
    'stores',
    { reason: 'missing_column', row: 1, column: null },
  ],
  [
    'stores-empty.csv',
    'stores',
    { reason: 'missing_column', row: 0, column: null },
  ],
  [
    'stores-oversize-field.csv',
    'stores',
    { reason: 'too_long', row: 2, column: 'name' },
  ],
  [
    'stores-non-utf8.csv',
    'stores',
    { reason: 'invalid_utf8', row: 2, column: 'name' },
  ],
  [
    'suppliers-negative-lead-time.csv',
    'suppliers',
    { reason: 'negative_value', row: 2, column: 'lead_time_mean_days' },
  ],
  [
    'suppliers-formula-name.csv',
    'suppliers',
    { reason: 'formula_text', row: 2, column: 'name' },
  ],
  [
    'suppliers-wrong-delimiter.csv',
    'suppliers',
    { reason: 'malformed_csv', row: 1, column: null },
  ],
  [
    'products-unknown-supplier.csv',
    'products',
    { reason: 'unknown_supplier', row: 2, column: 'supplier' },
  ],
  [
    'products-formula-brand.csv',
    'products',
    { reason: 'formula_text', row: 2, column: 'brand' },
  ],
  [
    'products-duplicate-sku.csv',
    'products',
    { reason: 'duplicate_key', row: 3, column: null },
  ],
  [
    'products-negative-price.csv',
    'products',
    { reason: 'negative_value', row: 2, column: 'regular_price' },
  ],
  [
    'sales-far-future-date.csv',
    'sales',
    { reason: 'out_of_range', row: 2, column: 'date' },
  ],
  [
    'sales-far-past-date.csv',
    'sales',
    { reason: 'out_of_range', row: 2, column: 'date' },
  ],
  [
    'sales-units-above-ceiling.csv',
    'sales',
    { reason: 'out_of_range', row: 3, column: 'units' },
  ],
  [
    'sales-unparseable-date.csv',
    'sales',
    { reason: 'unparseable_date', row: 2, column: 'date' },
  ],
  [
    'sales-negative-units.csv',
    'sales',
    { reason: 'negative_value', row: 2, column: 'units' },
  ],
  [
    'sales-unknown-store-product.csv',
    'sales',
    { reason: 'unknown_product', row: 3, column: 'sku' },
  ],
  [
    'sales-duplicate-key.csv',
    'sales',
    { reason: 'duplicate_key', row: 4, column: null },
  ],
  [
    'sales-wrong-delimiter.csv',
    'sales',
    { reason: 'malformed_csv', row: 1, column: null },
  ],
  [
    'sales-missing-header.csv',
    'sales',
    { reason: 'missing_column', row: 1, column: null },
  ],
  [
    'sales-non-utf8.csv',
    'sales',
    { reason: 'invalid_utf8', row: 3, column: 'store' },
  ],
  [
    'sales-empty.csv',
    'sales',
    { reason: 'missing_column', row: 0, column: null },
  ],
  [
    'sales-oversize-field.csv',
    'sales',
    { reason: 'too_long', row: 2, column: 'sku' },
  ],
  [
    'sales-oversize-record.csv',
    'sales',
    { reason: 'too_long', row: 3, column: 'sku' },
  ],
  [
    'sales-formula-store.csv',
    'sales',
    { reason: 'formula_text', row: 2, column: 'store' },
  ],
  [
    'inventory-far-future-date.csv',
    'inventory',
    { reason: 'out_of_range', row: 2, column: 'date' },
  ],
  [
    'inventory-far-past-date.csv',
    'inventory',
    { reason: 'out_of_range', row: 2, column: 'date' },
  ],
  [
    'inventory-negative-on-hand.csv',
    'inventory',
    { reason: 'negative_value', row: 2, column: 'on_hand' },
  ],
  [
    'inventory-unknown-store.csv',
    'inventory',
    { reason: 'unknown_store', row: 2, column: 'store' },
  ],
  [
    'inventory-duplicate-key.csv',
    'inventory',
    { reason: 'duplicate_key', row: 3, column: null },
  ],
  [
    'inventory-units-above-ceiling.csv',
    'inventory',
    { reason: 'out_of_range', row: 2, column: 'on_hand' },
  ],
  [
    'purchase-orders-far-future-expected.csv',
    'purchase-orders',
    { reason: 'out_of_range', row: 2, column: 'expected_date' },
  ],
  [
    'purchase-orders-far-past-ordered.csv',
    'purchase-orders',
    { reason: 'out_of_range', row: 2, column: 'ordered_date' },
  ],
  [
    'purchase-orders-negative-quantity.csv',
    'purchase-orders',
    { reason: 'negative_value', row: 2, column: 'quantity' },
  ],
  [
    'purchase-orders-unknown-product.csv',
    'purchase-orders',
    { reason: 'unknown_product', row: 2, column: 'sku' },
  ],
  [
    'purchase-orders-quantity-above-ceiling.csv',
    'purchase-orders',
    { reason: 'out_of_range', row: 2, column: 'quantity' },
  ],
  [
    'purchase-orders-formula-number.csv',
    'purchase-orders',
    { reason: 'formula_text', row: 2, column: 'po_number' },
  ],
  [
    'signals-far-future-date.csv',
    'signals',
    { reason: 'out_of_range', row: 2, column: 'date' },
  ],
  [
    'signals-far-past-date.csv',
    'signals',
    { reason: 'out_of_range', row: 2, column: 'date' },
  ],
  [
    'signals-unknown-store.csv',
    'signals',
    { reason: 'unknown_store', row: 2, column: 'scope_key' },
  ],
  [
    'signals-duplicate-key.csv',
    'signals',
    { reason: 'duplicate_key', row: 3, column: null },
  ],
  [
    'signals-formula-name.csv',
    'signals',
    { reason: 'formula_text', row: 2, column: 'signal' },
  ],
  [
    'events-far-future-date.csv',
    'events',
    { reason: 'out_of_range', row: 2, column: 'start_date' },
  ],
  [
    'events-far-past-date.csv',
    'events',
    { reason: 'out_of_range', row: 2, column: 'start_date' },
  ],
  [
    'events-end-before-start.csv',
    'events',
    { reason: 'invalid_value', row: 2, column: 'end_date' },
  ],
  [
    'events-unknown-store.csv',
    'events',
    { reason: 'unknown_store', row: 2, column: 'scope_key' },
  ],
  [
    'events-formula-name.csv',
    'events',
    { reason: 'formula_text', row: 2, column: 'name' },
  ],
  [
    'events-unparseable-date.csv',
    'events',
    { reason: 'unparseable_date', row: 2, column: 'start_date' },
  ],
  [
    'events-non-utf8.csv',
    'events',
    { reason: 'invalid_utf8', row: 2, column: 'name' },
  ],
  [
    'transactions-future-datetime.csv',
    'transactions',
    { reason: 'out_of_range', row: 2, column: 'datetime' },
  ],
  [
    'transactions-far-past-datetime.csv',
    'transactions',
    { reason: 'out_of_range', row: 2, column: 'datetime' },
  ],
  [
    'transactions-negative-quantity.csv',
    'transactions',
    { reason: 'negative_value', row: 2, column: 'quantity' },
  ],
  [
    'transactions-unknown-product.csv',
    'transactions',
    { reason: 'unknown_product', row: 2, column: 'sku' },
  ],
  [
    'transactions-duplicate-line.csv',
    'transactions',
    { reason: 'duplicate_key', row: 3, column: null },
  ],
  [
    'transactions-formula-basket.csv',
    'transactions',
    { reason: 'formula_text', row: 2, column: 'basket_id' },
  ],
  [
    'transactions-quantity-above-ceiling.csv',
    'transactions',
    { reason: 'out_of_range', row: 2, column: 'quantity' },
  ],
];

const NAMED_IN_MESSAGE = new Set<ImportErrorReason>([
  'out_of_range',
  'too_long',
  'formula_text',
]);

describe('imports: the bad-input corpus (integration)', () => {
  let t: TestApp;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES)
      out[table] = Number(
        (await t.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]['n'],
      );
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const imports = t.app.get(ImportsService);
    for (const [kind, file] of GOOD_FILES) {
      const report = await imports.importStream(
        kind,
        fixtureSource('good', file),
        { userName: 'test' },
      );
      if (report.status !== 'succeeded')
        throw new Error(`good fixture ${file} was ${report.status}`);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(CORPUS)(
    '%s (%s) → 422, nothing written',
    async (file, kind, expected) => {
      const before = await counts();
      const res = await fetch(`${t.url}/api/imports/${kind}`, {
        method: 'POST',
        headers: {
          ...(await t.as('planner')),
          'content-type': 'text/csv',
          'x-file-name': file,
        },
        body: readFileSync(join(FIXTURES, 'bad', file)),
      });
      const report = (await res.json()) as ImportReport;
      expect({ file, status: res.status, report: report.status }).toEqual({
        file,
        status: 422,
        report: 'rejected',
      });
      expect(report.rowsImported).toBe(0);
      const error = report.errors.find((e) => e.reason === expected.reason);
      expect({ file, error }).toEqual({
        file,
        error: expect.objectContaining({
          row: expected.row,
          column: expected.column,
        }),
      });
      // The plausibility, size and formula rules name the column in the message too.
      if (expected.column !== null && NAMED_IN_MESSAGE.has(expected.reason))
        expect(error?.message).toContain(expected.column);
      expect(await counts()).toEqual(before);
    },
  );

  it('echoes at most 200 characters of an oversize value, in the 422 body and in the history', async () => {
    const huge = 'Z'.repeat(20_000);
    const csv = `store,sku,date,units\nS001,${huge},2026-01-03,4\nS001,P001,2026-01-03,${huge}\n`;
    const res = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      headers: { ...(await t.as('planner')), 'content-type': 'text/csv' },
      body: csv,
    });
    const text = await res.text();
    expect(res.status).toBe(422);
    expect(text.length).toBeLessThan(3000);
    const report = JSON.parse(text) as ImportReport;
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'sku', 'too_long'],
      [3, 'units', 'too_long'],
    ]);
    expect(report.errors[0].value).toBe(`${'Z'.repeat(200)}…`);
    const stored = await fetch(`${t.url}/api/imports/${report.id}`, {
      headers: await t.as('planner'),
    });
    const storedText = await stored.text();
    expect(storedText.length).toBeLessThan(3000);
    expect((JSON.parse(storedText) as ImportReport).errors[0].value).toBe(
      `${'Z'.repeat(200)}…`,
    );
  });

  it('clips values quoted inside messages (an unknown 5,000-character store code)', async () => {
    const code = 'Q'.repeat(5000);
    const res = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      headers: { ...(await t.as('planner')), 'content-type': 'text/csv' },
      body: `store,sku,date,units\n${code},P001,2026-01-03,4\n`,
    });
    const report = (await res.json()) as ImportReport;
    expect(report.errors[0]).toMatchObject({
      row: 2,
      column: 'store',
      reason: 'unknown_store',
    });
    expect(report.errors[0].message.length).toBeLessThan(300);
  });
});
