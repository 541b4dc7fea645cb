import type {
  DataFreshness,
  Page,
  ProductDto,
  SeriesForecastResponse,
  StoreDto,
  UserDto,
} from '@shelfcast/contracts';
import { createTestApp, type TestApp } from '../support/test-app';
import { createProducts, createStores, createSuppliers } from './catalog';
import { createInventory, createPurchaseOrders } from './inventory';
import { createForecastValues, createRun, createRunSeries } from './runs';
import { createDailySales } from './sales';

/**
 * The builders write rows the API reads back as it reads imported data, and the TestApp JSON
 * helpers sign each request as a role's test user.
 */
describe('test factories and JSON helpers (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createStores(t, ['S1', { code: 'S2', region: 'south' }]);
    await createSuppliers(t, [{ code: 'SUP1', leadTimeMeanDays: 3 }]);
    await createProducts(t, [
      { sku: 'P1', name: 'Milk', supplier: 'SUP1' },
      { sku: 'P2', category: 'bakery/bread', regularPrice: 3.5 },
    ]);
    await createDailySales(t, {
      store: 'S1',
      sku: 'P1',
      end: '2026-11-27',
      days: 28,
      units: (i) => i,
      onPromo: (i) => i === 27,
    });
    await createInventory(t, [
      { store: 'S1', sku: 'P1', date: '2026-11-27', onHand: 12 },
    ]);
    await createPurchaseOrders(t, [
      {
        poNumber: 'PO1',
        store: 'S1',
        sku: 'P1',
        supplier: 'SUP1',
        quantity: 24,
        orderedDate: '2026-11-25',
        expectedDate: '2026-11-29',
      },
    ]);
    await createRun(t, { id: 'R1', dataEnd: '2026-11-27', serve: true });
    await createForecastValues(t, 'R1', [
      {
        store: 'S1',
        sku: 'P1',
        start: '2026-11-28',
        days: 14,
        p50: (i) => 5 + i,
      },
    ]);
    await createRunSeries(t, 'R1', [
      { store: 'S1', sku: 'P1', model: 'ets', wape: 0.2, volume: 378 },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('builds stores, suppliers and products the catalogue serves', async () => {
    const stores = await t.get<StoreDto[]>('/api/stores', 'viewer');
    expect(stores.status).toBe(200);
    expect(stores.body.map((s) => [s.code, s.region])).toEqual([
      ['S1', 'north'],
      ['S2', 'south'],
    ]);
    const products = await t.get<Page<ProductDto>>('/api/products', 'viewer');
    expect(products.body.items).toEqual([
      expect.objectContaining({
        sku: 'P1',
        name: 'Milk',
        categoryPath: 'dairy/milk',
      }),
      expect.objectContaining({
        sku: 'P2',
        categoryPath: 'bakery/bread',
        regularPrice: 3.5,
      }),
    ]);
  });

  it('builds sales, inventory and purchase orders counted as data', async () => {
    const freshness = await t.get<DataFreshness[]>('/api/data/freshness');
    const of = (kind: string) => freshness.body.find((f) => f.kind === kind);
    expect(of('sales')).toMatchObject({ rows: 28, lastDate: '2026-11-27' });
    expect(of('inventory')).toMatchObject({ rows: 1, lastDate: '2026-11-27' });
    expect(of('purchase-orders')).toMatchObject({ rows: 1 });
  });

  it('builds a served run whose forecast values and history the series endpoint returns', async () => {
    const res = await t.get<SeriesForecastResponse>(
      '/api/forecasts/series?level=series&store=S1&sku=P1&historyDays=28',
      'planner',
    );
    expect(res.status).toBe(200);
    expect(res.body.runId).toBe('R1');
    expect(res.body.model).toBe('ets');
    expect(res.body.forecast).toHaveLength(14);
    expect(res.body.forecast[0]).toMatchObject({
      date: '2026-11-28',
      p10: 4,
      p50: 5,
      p90: 6,
    });
    expect(res.body.history.map((h) => h.units)).toEqual(
      Array.from({ length: 28 }, (_, i) => i),
    );
    expect(res.body.history.at(-1)).toMatchObject({
      date: '2026-11-27',
      onPromo: true,
    });
  });

  it('signs requests as the given role, or none, for get, post, patch and del', async () => {
    expect((await t.get('/api/stores', null)).status).toBe(401);
    const created = await t.post<UserDto>('/api/users', {
      email: 'helper@test.shelfcast',
      password: 'long-password-1',
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    expect(created.body.role).toBe('viewer');
    const path = `/api/users/${created.body.id}`;
    expect((await t.patch(path, { role: 'planner' }, 'planner')).status).toBe(
      403,
    );
    const promoted = await t.patch<UserDto>(path, { role: 'planner' });
    expect(promoted.body.role).toBe('planner');
    expect((await t.del(path, 'viewer')).status).toBe(403);
    expect((await t.del(path)).status).toBe(204);
  });
});
