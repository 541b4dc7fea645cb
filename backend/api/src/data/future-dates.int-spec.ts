import type {
  DataFreshness,
  ImportReport,
  OverviewResponse,
} from '@shelfcast/contracts';
import { fixtureSource, GOOD_FILES } from '../../test/factories/import-files';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { ImportsService } from '../imports/imports.service';

/**
 * "Today" comes from the injected clock: imports refuse facts dated after it, and a future-dated
 * row already stored (from before the rule, or written by hand) never moves "as of" past it.
 */
describe('future dates and the clock (integration)', () => {
  let t: TestApp;
  let today: jest.SpyInstance<string, []>;

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${t.url}/api${path}`, {
      headers: await t.as('planner'),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const importSales = async (csv: string) => {
    const res = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      headers: { ...(await t.as('planner')), 'content-type': 'text/csv' },
      body: csv,
    });
    return { status: res.status, report: (await res.json()) as ImportReport };
  };
  const salesFreshness = async () =>
    (await get<DataFreshness[]>('/data/freshness')).find(
      (f) => f.kind === 'sales',
    );

  beforeAll(async () => {
    t = await createTestApp();
    const imports = t.app.get(ImportsService);
    for (const [kind, file] of GOOD_FILES)
      await imports.importStream(kind, fixtureSource('good', file), {
        userName: 'test',
      });
    // The good fixtures' sales run to 2026-01-12.
    today = jest.spyOn(t.app.get(Clock), 'today').mockReturnValue('2026-01-20');
  });

  afterAll(async () => {
    today.mockRestore();
    await t.close();
  });

  it('refuses a sales row dated after the injected today, and accepts one dated today', async () => {
    const rows = Number(
      (await t.query('SELECT COUNT(*) AS n FROM sales'))[0]['n'],
    );
    const late = await importSales(
      'store,sku,date,units\nS001,P001,2026-01-21,1\n',
    );
    expect(late.status).toBe(422);
    expect(late.report.errors[0]).toMatchObject({
      row: 2,
      column: 'date',
      value: '2026-01-21',
      reason: 'out_of_range',
    });
    expect(late.report.errors[0].message).toContain('2026-01-20');
    expect(
      Number((await t.query('SELECT COUNT(*) AS n FROM sales'))[0]['n']),
    ).toBe(rows);
    const onTime = await importSales(
      'store,sku,date,units\nS001,P001,2026-01-20,1\n',
    );
    expect(onTime.status).toBe(201);
  });

  it('ignores a stored future-dated row for "as of" and data freshness', async () => {
    const [ids] = await t.query(
      "SELECT s.id AS store_id, p.id AS product_id FROM stores s, products p WHERE s.code = 'S001' AND p.sku = 'P002'",
    );
    await t.query(
      'INSERT INTO sales (store_id, product_id, date, units, revenue) VALUES (?, ?, ?, ?, ?)',
      [ids['store_id'], ids['product_id'], '9999-12-31', 1, 1],
    );
    // A new import clears the freshness cache, as any real change of data does.
    expect(
      (await importSales('store,sku,date,units\nS001,P001,2026-01-19,1\n'))
        .status,
    ).toBe(201);
    const overview = await get<OverviewResponse>('/overview');
    expect(overview.asOf).toBe('2026-01-20');
    expect((await salesFreshness())?.lastDate).toBe('2026-01-20');
  });

  it('moves with the clock: an earlier today caps "as of" at the last sales date up to it', async () => {
    today.mockReturnValue('2026-01-10');
    // Sales on or before 2026-01-10: the weekly series' 2026-01-05 is the latest.
    expect((await get<OverviewResponse>('/overview')).asOf).toBe('2026-01-05');
    today.mockReturnValue('2026-01-20');
  });
});
