import type { ImportReport, StoreDto } from '@shelfcast/contracts';
import { Readable } from 'node:stream';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { ImportsService } from './imports.service';

/**
 * A store's region is optional (issue 21): imported with or without the column, validated (a bad
 * value is refused naming its row and field), and editable through PATCH /api/stores/:code.
 */
interface RegionRow {
  code: string;
  region: string | null;
}

describe('stores import: optional region (integration)', () => {
  let t: TestApp;
  let imports: ImportsService;
  const importStores = (csv: string): Promise<ImportReport> => {
    const body = Buffer.from(csv, 'utf8');
    return t.app.get(ImportsService).importStream(
      'stores',
      {
        stream: Readable.from([body]),
        fileName: 'stores.csv',
        totalBytes: body.length,
      },
      { userName: 'test' },
    );
  };
  const regions = async (): Promise<Record<string, string | null>> => {
    const rows = await t.query<RegionRow>(
      'SELECT code, region FROM stores ORDER BY code',
    );
    return Object.fromEntries(rows.map((r) => [r.code, r.region]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    imports = t.app.get(ImportsService);
  });

  afterAll(async () => {
    await t.close();
  });

  it('imports stores without the region column (no region)', async () => {
    expect(imports).toBeDefined();
    const report = await importStores('code,name\nR001,North one\nR002,Two\n');
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('succeeded');
    expect(await regions()).toEqual({ R001: null, R002: null });
  });

  it('imports a region where given and none for an empty cell', async () => {
    const report = await importStores(
      'code,name,region\nR001,North one,north\nR002,Two,\nR003,Three, south \n',
    );
    expect(report.errors).toEqual([]);
    expect(report.rowsImported).toBe(3);
    expect(await regions()).toEqual({
      R001: 'north',
      R002: null,
      R003: 'south',
    });
  });

  it('refuses a bad region naming the row and the field, and writes nothing', async () => {
    const before = await regions();
    const long = 'x'.repeat(101);
    const report = await importStores(
      `code,name,region\nR004,Four,"a,b"\nR005,Five,${long}\nR006,Six,(no region)\nR007,Seven,east\n`,
    );
    expect(report.status).toBe('rejected');
    expect(
      report.errors.map((e) => [e.row, e.column, e.reason]).sort(),
    ).toEqual([
      [2, 'region', 'invalid_value'],
      [3, 'region', 'invalid_value'],
      [4, 'region', 'invalid_value'],
    ]);
    expect(report.errors[0].message).toContain('region');
    expect(await regions()).toEqual(before);
  });

  it('edits a store region through PATCH /api/stores/:code (null clears it)', async () => {
    const set = await t.patch<StoreDto>(
      '/api/stores/R002',
      { region: 'west' },
      'planner',
    );
    expect(set.status).toBe(200);
    expect(set.body.region).toBe('west');
    expect((await regions()).R002).toBe('west');
    const cleared = await t.patch<StoreDto>(
      '/api/stores/R002',
      { region: null },
      'planner',
    );
    expect(cleared.body.region).toBeNull();
    expect((await regions()).R002).toBeNull();
    const bad = await t.patch<{ message: unknown }>(
      '/api/stores/R002',
      { region: 'a;b' },
      'planner',
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('region');
    const audit = await t.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'store.region'",
    );
    expect(audit).toHaveLength(2);
  });
});
