import type { Role, SeriesForecastResponse } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { type Row } from '../database/raw-sql';

/**
 * Calendar events and market-trend signals returned with a forecast series: only the ones that
 * apply to the selection (global, its region and store, its category and ancestors) and overlap
 * the window from the first history day to the last forecast day.
 */
interface SignalRow {
  id: number;
  name: string;
  scope: string;
}

describe('GET /api/forecasts/series: events and signals (integration)', () => {
  let t: TestApp;
  const db = <T extends object = Row>(s: string, params: unknown[] = []) =>
    t.query<T>(s, params);
  const get = async (role: Role, qs: string) => {
    const res = await fetch(`${t.url}/api/forecasts/series?${qs}`, {
      headers: await t.as(role),
    });
    return {
      status: res.status,
      body: (await res.json()) as SeriesForecastResponse & { message?: string },
    };
  };
  const ok = async (qs: string) => {
    const res = await get('planner', qs);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await db(
      "INSERT INTO stores (code, name, region) VALUES ('S1', 'S1', 'north'), ('S2', 'S2', 'south')",
    );
    await db(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('P1', 'P1', 'dairy/milk', 2, 1)",
    );
    const [s1] = await db("SELECT id FROM stores WHERE code = 'S1'");
    const [p1] = await db("SELECT id FROM products WHERE sku = 'P1'");
    // History 2026-11-20 … 2026-11-27 and a served forecast 2026-11-28 … 2026-11-30.
    for (let d = 20; d <= 27; d++)
      await db(
        'INSERT INTO sales (store_id, product_id, date, units, revenue) VALUES (?, ?, ?, 5, 10)',
        [s1['id'], p1['id'], `2026-11-${d}`],
      );
    await db(
      "INSERT INTO forecast_runs (id, status, trigger_type, created_at) VALUES ('R1', 'promoted', 'manual', '2026-11-28 01:00:00')",
    );
    for (let d = 28; d <= 30; d++)
      await db(
        "INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES ('R1', ?, ?, ?, 4, 5, 6, 'ets')",
        [s1['id'], p1['id'], `2026-11-${d}`],
      );
    await db("UPDATE serving SET run_id = 'R1' WHERE id = 1");

    const events: [string, string, string, string, string, string][] = [
      ['Thanksgiving', 'holiday', '2026-11-26', '2026-11-26', 'global', ''],
      ['Black Friday', 'event', '2026-11-27', '2026-11-29', 'region', 'north'],
      ['South fair', 'event', '2026-11-27', '2026-11-27', 'region', 'south'],
      [
        'Milk week',
        'promotion',
        '2026-11-15',
        '2026-11-21',
        'category',
        'dairy',
      ],
      [
        'Cheese days',
        'promotion',
        '2026-11-22',
        '2026-11-23',
        'category',
        'dairy/cheese',
      ],
      ['S1 refit', 'closure', '2026-12-05', '2026-12-06', 'store', 'S1'],
      ['Halloween', 'holiday', '2026-10-31', '2026-10-31', 'global', ''],
    ];
    for (const e of events)
      await db(
        'INSERT INTO calendar_events (name, type, start_date, end_date, scope, scope_key) VALUES (?, ?, ?, ?, ?, ?)',
        e,
      );
    const signals: [string, string, string][] = [
      ['cpi', 'global', ''],
      ['fuel_price', 'global', ''],
      ['fuel_price', 'region', 'north'],
      ['search_index', 'category', 'dairy'],
      ['footfall', 'store', 'S2'],
    ];
    for (const s of signals)
      await db(
        'INSERT INTO signals (name, scope, scope_key) VALUES (?, ?, ?)',
        s,
      );
    const ids = new Map<string, number>();
    for (const r of await db<SignalRow>('SELECT id, name, scope FROM signals'))
      ids.set(`${r.name}/${r.scope}`, Number(r.id));
    // Daily values 2026-11-18 … 2026-12-02: value = day of month (+100 for the north fuel price).
    for (let d = 18; d <= 32; d++) {
      const date = d <= 30 ? `2026-11-${d}` : `2026-12-0${d - 30}`;
      await db(
        'INSERT INTO signal_values (signal_id, date, value) VALUES (?, ?, ?), (?, ?, ?)',
        [
          ids.get('fuel_price/global'),
          date,
          d,
          ids.get('fuel_price/region'),
          date,
          100 + d,
        ],
      );
    }
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
