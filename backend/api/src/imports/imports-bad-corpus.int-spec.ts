import type { ImportErrorReason, ImportReport } from '@shelfcast/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES,
  fixtureSource,
  GOOD_FILES,
} from '../../test/factories/import-files';
import { BAD_IMPORT_CORPUS } from '../../test/fixtures/imports/bad-corpus';
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

  it.each(BAD_IMPORT_CORPUS)(
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
