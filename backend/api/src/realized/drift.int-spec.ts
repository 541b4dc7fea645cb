import { loadConfig } from '../config/app-config';
import {
  insertSales,
  insertServingRun,
} from '../../test/factories/promoted-run';
import { eventually } from '../../test/support/alert-receivers';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { addDays } from '../common/dates';
import type { NotificationItem } from '../notifications/dto/notification.dto';
import type { DriftFlagItem } from './dto/realized.dto';
import { FrozenForecastsService } from './frozen-forecasts.service';
import { RealizedScoringService } from './realized-scoring.service';

/**
 * One series forecast at 10 a day for four weeks from Monday 2026-10-05; backtest WAPE 0.2, margin
 * 0.5 (a week is bad above 0.3), k = 2. Week 1 sells 10 a day (WAPE 0), weeks 2 and 3 sell 5 a day
 * (WAPE 1.0): the flag is due when the seventh day of week 3 is scored, not a day earlier.
 */
const ORIGIN = '2026-10-04';
const WEEK = (n: number) => addDays('2026-10-05', 7 * (n - 1));

describe('drift (integration)', () => {
  let t: TestApp;
  let scoring: RealizedScoringService;

  const get = async <T>(role: 'planner' | 'store_manager', path: string) => {
    const res = await fetch(`${t.url}/api${path}`, {
      headers: await t.as(role),
    });
    return (await res.json()) as T;
  };
  const importDay = async (day: string, units: number) => {
    await insertSales(t, [{ store: 'S1', sku: 'P1', date: day, units }]);
    return scoring.score(day, day);
  };

  beforeAll(async () => {
    const alerts = loadConfig({ NODE_ENV: 'test' }).alerts;
    t = await createTestApp({
      alerts: {
        ...alerts,
        driftPeriods: 2,
        driftWapeMargin: 0.5,
        driftBiasBand: 5,
      },
    });
    await t.query(
      "INSERT INTO stores (code, name, region) VALUES ('S1', 'S1', 'north'), ('S2', 'S2', 'south')",
    );
    await t.query(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('P1', 'Milk', 'dairy', 2, 1)",
    );
    await insertServingRun(t, {
      id: 'run-1',
      dataEnd: ORIGIN,
      points: Array.from({ length: 28 }, (_, i) => ({
        store: 'S1',
        sku: 'P1',
        date: addDays(ORIGIN, i + 1),
        p10: 8,
        p50: 10,
        p90: 12,
      })),
      backtest: [
        { level: 'overall', key: '', wape: 0.2 },
        { level: 'store', key: 'S1', wape: 0.2 },
        { level: 'category', key: 'dairy', wape: 0.2 },
      ],
    });
    await t.app.get(FrozenForecastsService).freeze('run-1');
    scoring = t.app.get(RealizedScoringService);
    await t.assignStores(['S2']);
  });

  afterAll(async () => {
    await t.close();
  });

  it('does not flag after one bad week, nor on an incomplete second one', async () => {
    for (let i = 0; i < 7; i++) await importDay(addDays(WEEK(1), i), 10);
    for (let i = 0; i < 7; i++) await importDay(addDays(WEEK(2), i), 5);
    for (let i = 0; i < 6; i++) await importDay(addDays(WEEK(3), i), 5);
    expect(await get<DriftFlagItem[]>('planner', '/accuracy/drift')).toEqual(
      [],
    );
  });

  it('flags chain, store and category after k bad weeks, with the numbers and an action', async () => {
    await importDay(addDays(WEEK(3), 6), 5);
    const flags = await get<DriftFlagItem[]>('planner', '/accuracy/drift');
    expect(flags.map((f) => [f.level, f.label]).sort()).toEqual([
      ['category', 'dairy'],
      ['chain', ''],
      ['store', 'S1'],
    ]);
    const store = flags.find((f) => f.level === 'store');
    expect(store).toMatchObject({
      week: WEEK(3),
      reason: 'wape',
      realizedWape: 1,
      backtestWape: 0.2,
      bias: 1,
      periods: 2,
    });
    expect(store?.action).toMatch(/^Retrain/);
    // Scoring the same week again does not flag it twice.
    await scoring.score(addDays(WEEK(3), 6), addDays(WEEK(3), 6));
    expect(
      await get<DriftFlagItem[]>('planner', '/accuracy/drift'),
    ).toHaveLength(3);
  });

  it('notifies subscribers, store managers only of their stores', async () => {
    const planner = await eventually(async () => {
      const list = await get<NotificationItem[]>('planner', '/notifications');
      const drift = list.filter((n) => n.type === 'drift_flagged');
      return drift.length === 3 ? drift : undefined;
    });
    expect(planner.map((n) => n.title)).toContain(
      'Forecast drift at store S1: WAPE 100.0 % vs 20.0 % in backtest for 2 weeks',
    );
    // The manager of S2 gets the chain- and category-level flags but not S1's.
    const manager = await get<NotificationItem[]>(
      'store_manager',
      '/notifications',
    );
    expect(manager.filter((n) => n.type === 'drift_flagged')).toHaveLength(2);
    expect(
      await get<DriftFlagItem[]>('store_manager', '/accuracy/drift'),
    ).toEqual([]);
  });
});
