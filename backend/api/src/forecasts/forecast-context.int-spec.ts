import type { Role, SeriesForecastResponse } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { createEvents, createSignals } from '../../test/factories/calendar';
import { createProducts, createStores } from '../../test/factories/catalog';
import { daysFrom } from '../../test/factories/factory-db';
import { createForecastValues, createRun } from '../../test/factories/runs';
import { createSales } from '../../test/factories/sales';

/**
 * Calendar events and market-trend signals returned with a forecast series: only the ones that
 * apply to the selection (global, its region and store, its category and ancestors) and overlap
 * the window from the first history day to the last forecast day.
 */
describe('GET /api/forecasts/series: events and signals (integration)', () => {
  let t: TestApp;
  const get = (role: Role, qs: string) =>
    t.get<SeriesForecastResponse & { message?: string }>(
      `/api/forecasts/series?${qs}`,
      role,
    );
  const ok = async (qs: string) => {
    const res = await get('planner', qs);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await createStores(t, [{ code: 'S1' }, { code: 'S2', region: 'south' }]);
    await createProducts(t, ['P1']);
    // History 2026-11-20 … 2026-11-27 and a served forecast 2026-11-28 … 2026-11-30.
    await createSales(
      t,
      daysFrom('2026-11-20', 8).map((date) => ({
        store: 'S1',
        sku: 'P1',
        date,
        units: 5,
        revenue: 10,
      })),
    );
    await createRun(t, { id: 'R1', serve: true });
    await createForecastValues(t, 'R1', [
      { store: 'S1', sku: 'P1', start: '2026-11-28', days: 3, p90: () => 6 },
    ]);

    await createEvents(t, [
      {
        name: 'Thanksgiving',
        type: 'holiday',
        start: '2026-11-26',
        scope: 'global',
      },
      {
        name: 'Black Friday',
        type: 'event',
        start: '2026-11-27',
        end: '2026-11-29',
        scope: 'region',
        scopeKey: 'north',
      },
      {
        name: 'South fair',
        type: 'event',
        start: '2026-11-27',
        scope: 'region',
        scopeKey: 'south',
      },
      {
        name: 'Milk week',
        type: 'promotion',
        start: '2026-11-15',
        end: '2026-11-21',
        scope: 'category',
        scopeKey: 'dairy',
      },
      {
        name: 'Cheese days',
        type: 'promotion',
        start: '2026-11-22',
        end: '2026-11-23',
        scope: 'category',
        scopeKey: 'dairy/cheese',
      },
      {
        name: 'S1 refit',
        type: 'closure',
        start: '2026-12-05',
        end: '2026-12-06',
        scope: 'store',
        scopeKey: 'S1',
      },
      {
        name: 'Halloween',
        type: 'holiday',
        start: '2026-10-31',
        scope: 'global',
      },
    ]);
    // Daily values 2026-11-18 … 2026-12-02: 18, 19, … 32 (+100 for the north fuel price).
    const days = daysFrom('2026-11-18', 15);
    const daily = (plus: number) =>
      Object.fromEntries(days.map((d, i) => [d, 18 + i + plus]));
    await createSignals(t, [
      { name: 'cpi', scope: 'global' },
      { name: 'fuel_price', scope: 'global', values: daily(0) },
      {
        name: 'fuel_price',
        scope: 'region',
        scopeKey: 'north',
        values: daily(100),
      },
      { name: 'search_index', scope: 'category', scopeKey: 'dairy' },
      { name: 'footfall', scope: 'store', scopeKey: 'S2' },
    ]);
    await t.assignStores(['S2']);
  }, 60_000);

  afterAll(() => t?.close());

  it('returns the events and signals of one series, and the most specific signal asked for', async () => {
    const r = await ok(
      'level=series&store=S1&sku=P1&historyDays=8&signal=fuel_price',
    );
    expect(r.history.map((h) => h.date)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(r.events).toEqual([
      {
        name: 'Milk week',
        type: 'promotion',
        start: '2026-11-15',
        end: '2026-11-21',
        scope: 'category',
        scopeKey: 'dairy',
      },
      {
        name: 'Thanksgiving',
        type: 'holiday',
        start: '2026-11-26',
        end: '2026-11-26',
        scope: 'global',
        scopeKey: '',
      },
      {
        name: 'Black Friday',
        type: 'event',
        start: '2026-11-27',
        end: '2026-11-29',
        scope: 'region',
        scopeKey: 'north',
      },
    ]);
    expect(r.signals).toEqual([
      { name: 'cpi', scope: 'global', scopeKey: '' },
      { name: 'fuel_price', scope: 'global', scopeKey: '' },
      { name: 'fuel_price', scope: 'region', scopeKey: 'north' },
      { name: 'search_index', scope: 'category', scopeKey: 'dairy' },
    ]);
    expect(r.signal?.scope).toBe('region');
    // The window: first history day … last forecast day.
    expect(r.signal?.points.map((p) => [p.date, p.value])).toEqual(
      Array.from({ length: 11 }, (_, i) => [`2026-11-${20 + i}`, 120 + i]),
    );
    expect(r.backtestPoints).toEqual([]);
  });

  it('gives the chain only global events and signals, and no signal unless asked', async () => {
    const r = await ok('level=chain&historyDays=8');
    expect(r.events.map((e) => e.name)).toEqual(['Thanksgiving']);
    expect(r.signals.map((s) => `${s.name}/${s.scope}`)).toEqual([
      'cpi/global',
      'fuel_price/global',
    ]);
    expect(r.signal).toBeNull();
    const fuel = await ok('level=chain&historyDays=8&signal=fuel_price');
    expect(fuel.signal?.points[0]).toEqual({ date: '2026-11-20', value: 20 });
  });

  it('includes a category level’s own and ancestor scopes', async () => {
    const r = await ok('level=category&category=dairy/milk&historyDays=8');
    expect(r.events.map((e) => e.name)).toEqual(['Milk week', 'Thanksgiving']);
    expect(r.signals.map((s) => s.name)).toContain('search_index');
  });

  it('refuses a signal that does not apply, and a too long name', async () => {
    const res = await get(
      'planner',
      'level=series&store=S1&sku=P1&signal=footfall',
    );
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('No signal footfall applies');
    expect(
      (await get('planner', `level=chain&signal=${'x'.repeat(101)}`)).status,
    ).toBe(400);
  });

  it('keeps a store manager to the assigned stores', async () => {
    expect(
      (await get('store_manager', 'level=series&store=S1&sku=P1')).status,
    ).toBe(403);
  });
});
