import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  DecisionResult,
  ForecastOverrideDto,
  Page,
  RecommendationDetail,
  RecommendationLine,
  RegenerateResult,
  SeriesForecastResponse,
  ValueAddedRow,
  WhatIfResult,
} from '@shelfcast/contracts';
import { recommendOrder, servedPolicyInput } from '@shelfcast/inventory-policy';
import type { Role } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { insertSales, seedPanel } from '../../test/support/training-fixtures';
import { type Row, type SqlNumeric } from '../database/raw-sql';
import {
  TRAINING_RUN_FINISHED,
  type TrainingRunFinishedEvent,
} from '../common/training-events';
import { RecommendationGeneration } from './recommendation-generation.service';

const AS_OF = '2026-11-28';
const HORIZON = 28;

describe('recommendations and overrides (integration)', () => {
  let t: TestApp;
  const db = <T extends object = Row>(s: string, params: unknown[] = []) =>
    t.query<T>(s, params);
  const call = async <T>(
    role: Role,
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T; text: string }> => {
    const res = await fetch(`${t.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(await t.as(role)),
      },
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.status, body: body as T, text };
  };
  const post = <T>(role: Role, path: string, body: unknown = {}) =>
    call<T>(role, path, { method: 'POST', body: JSON.stringify(body) });
  const lines = async (role: Role, qs = '') =>
    (
      await call<Page<RecommendationLine>>(
        role,
        `/api/recommendations?limit=500${qs}`,
      )
    ).body;
  const lineOf = async (store: string, sku: string) => {
    const page = await lines('planner', `&store=${store}&search=${sku}`);
    const line = page.items.find((l) => l.sku === sku);
    if (!line) throw new Error(`no line ${store}/${sku}`);
    return line;
  };

  const insertRun = async (runId: string, p50: (product: number) => number) => {
    await db(
      "INSERT INTO forecast_runs (id, status, trigger_type, created_at) VALUES (?, 'promoted', 'manual', ?)",
      [runId, '2026-11-28 01:00:00'],
    );
    const stores = await db('SELECT id FROM stores ORDER BY id');
    const products = await db('SELECT id FROM products ORDER BY id');
    for (const s of stores)
      for (const p of products) {
        const tuples: string[] = [];
        const params: unknown[] = [];
        for (let d = 0; d < HORIZON; d++) {
          const date = new Date(
            Date.parse(`${AS_OF}T00:00:00Z`) + d * 86_400_000,
          )
            .toISOString()
            .slice(0, 10);
          const m = p50(Number(p['id']));
          tuples.push('(?, ?, ?, ?, ?, ?, ?, ?)');
          params.push(
            runId,
            s['id'],
            p['id'],
            date,
            m * 0.6,
            m,
            m * 1.4,
            'test',
          );
        }
        await db(
          `INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model) VALUES ${tuples.join(', ')}`,
          params,
        );
      }
    await db('UPDATE serving SET run_id = ?, promoted_at = ? WHERE id = 1', [
      runId,
      '2026-11-28 01:00:00',
    ]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedPanel(t.db.dataSource, { stores: 2, products: 3, days: 120 });
    await db(
      "INSERT INTO suppliers (code, name, lead_time_mean_days, lead_time_sd_days, review_period_days) VALUES ('SUP1', 'Dairy Co', 5, 1, 7), ('SUP2', '@SUM(A1)', 3, 0, 7)",
    );
    const [sup1] = await db("SELECT id FROM suppliers WHERE code = 'SUP1'");
    const [sup2] = await db("SELECT id FROM suppliers WHERE code = 'SUP2'");
    await db(
      "UPDATE products SET case_pack = 12, moq = 24, supplier_id = ?, unit_cost = 1.5 WHERE sku = 'P0001'",
      [sup1['id']],
    );
    await db(
      "UPDATE products SET case_pack = 6, moq = 0, supplier_id = ?, shelf_life_days = 10 WHERE sku = 'P0002'",
      [sup2['id']],
    );
    await db(
      "UPDATE products SET name = '=2+3', case_pack = 4, supplier_id = ? WHERE sku = 'P0003'",
      [sup2['id']],
    );
    const stores = await db('SELECT id FROM stores ORDER BY id');
    const products = await db('SELECT id FROM products ORDER BY id');
    for (const s of stores)
      for (const p of products)
        await db(
          'INSERT INTO inventory_snapshots (store_id, product_id, date, on_hand) VALUES (?, ?, ?, ?), (?, ?, ?, ?)',
          [
            s['id'],
            p['id'],
            '2026-11-20',
            500,
            s['id'],
            p['id'],
            '2026-11-27',
            8,
          ],
        );
    await db(
      "INSERT INTO purchase_orders (po_number, store_id, product_id, supplier_id, quantity, ordered_date, expected_date, status) VALUES ('PO1', ?, ?, ?, 24, '2026-11-25', '2026-12-01', 'open')",
      [stores[0]['id'], products[0]['id'], sup1['id']],
    );
    await insertRun('run-1', (p) => 8 + p);
    await t.assignStores(['S001']);
  });

  afterAll(async () => {
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('regenerates from the serving run (planners only) with the numbers of the library', async () => {
    expect(
      (await post('viewer', '/api/recommendations/regenerate')).status,
    ).toBe(403);
    expect(
      (await post('store_manager', '/api/recommendations/regenerate')).status,
    ).toBe(403);
    const res = await post<RegenerateResult>(
      'planner',
      '/api/recommendations/regenerate',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runId: 'run-1', async: false, lines: 6 });

    const all = await lines('planner');
    expect(all.total).toBe(6);
    for (const l of all.items) {
      expect(l.status).toBe('pending');
      expect(l.recommendedQty % l.casePack).toBe(0);
      if (l.recommendedQty > 0)
        expect(l.recommendedQty).toBeGreaterThanOrEqual(l.moq);
      expect(l.explanation).toMatch(/^(Order|No order)/);
    }
    // S001 × P0001: on hand 8 (latest snapshot), PO of 24 on day 3, SUP1 lead time 5 ± 1, review 7.
    const line = await lineOf('S001', 'P0001');
    const [p] = await db("SELECT id FROM products WHERE sku = 'P0001'");
    const m = 8 + Number(p['id']);
    const flat = (v: number) => new Float64Array(HORIZON).fill(v);
    // The served policy (lost sales, the stores' default), from P10/P50/P90 as this run stored no other levels.
    const expected = recommendOrder({
      ...servedPolicyInput({
        forecast: {
          levels: [0.1, 0.5, 0.9],
          values: [flat(m * 0.6), flat(m), flat(m * 1.4)],
        },
        onHand: 8,
        openOrders: [{ quantity: 24, arrivesInPeriods: 3 }],
        leadTime: 5,
        leadTimeSd: 1,
        reviewPeriod: 7,
        service: { kind: 'fill-rate', level: line.serviceLevel },
        casePack: 12,
        moq: 24,
        unmetDemand: 'lost-sales',
      }),
      periodUnit: 'day',
      asOf: AS_OF,
    });
    expect(line.recommendedQty).toBe(expected.orderQuantity);
    expect(line.recommendedQty).toBeGreaterThan(0);
    expect(line.safetyStock).toBeCloseTo(expected.breakdown.safetyStock, 6);
    expect(line.reorderPoint).toBeCloseTo(expected.breakdown.reorderPoint, 6);
    expect(line.inbound).toBe(24);
    expect(line.onHand).toBe(8);
    expect(line.explanation).toBe(expected.explanation);
    // The explanation's numbers travel with the line, for clients writing it in their language.
    expect(line.explanationFacts).toMatchObject({
      decision: expected.breakdown.decision,
      orderQuantity: expected.orderQuantity,
      onHand: 8,
      inbound: 24,
      casePack: 12,
      moq: 24,
      periodUnit: 'day',
    });
    expect(line.stockoutDateP50).toBe(expected.breakdown.stockOutDate);
    // The risk the order leaves up to the next delivery, ranked by its lost margin.
    expect(line.expectedLostUnits).toBeCloseTo(
      expected.breakdown.expectedLostUnits,
      6,
    );
    expect(line.riskReason).toBe(expected.breakdown.riskReason);
    expect(line.risk === 'stockout').toBe(
      expected.breakdown.riskStockOutPeriod !== null,
    );
    const [price] = await db<{ regular_price: SqlNumeric }>(
      "SELECT regular_price FROM products WHERE sku = 'P0001'",
    );
    expect(line.lostMargin).toBeCloseTo(
      expected.breakdown.expectedLostUnits *
        Math.max(0, Number(price.regular_price) - 1.5),
      6,
    );
    expect([0.98, 0.95, 0.9]).toContain(line.serviceLevel);
    expect({ A: 0.98, B: 0.95, C: 0.9 }[line.abc]).toBe(line.serviceLevel);
  });

  it('filters, sorts and paginates on the server', async () => {
    expect((await lines('planner', '&store=S002')).total).toBe(3);
    // seedPanel puts S001 in the north and S002 in the south.
    const south = await lines('planner', '&region=south');
    expect(south.items.map((l) => l.store)).toEqual(['S002', 'S002', 'S002']);
    expect((await lines('planner', '&region=west')).total).toBe(0);
    const dairy = await lines('planner', '&category=dairy');
    expect(dairy.items.map((l) => l.sku).sort()).toEqual([
      'P0001',
      'P0001',
      'P0003',
      'P0003',
    ]);
    expect((await lines('planner', '&search=p0002')).total).toBe(2);
    const page = (
      await call<Page<RecommendationLine>>(
        'planner',
        '/api/recommendations?limit=2&offset=2&sort=recommendedQty&order=desc',
      )
    ).body;
    expect(page).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(2);
    const sorted = (
      await lines('planner', '&sort=recommendedQty&order=desc')
    ).items.map((l) => l.recommendedQty);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    const byRisk = (
      await lines('planner', '&sort=valueAtRisk&order=desc')
    ).items.map((l) => l.lostMargin ?? -1);
    expect(byRisk.every((v) => v >= 0)).toBe(true);
    expect(byRisk).toEqual([...byRisk].sort((a, b) => b - a));
    const risky = await lines('planner', '&risk=stockout');
    expect(risky.items.every((l) => l.risk === 'stockout')).toBe(true);
    const all = (await lines('planner')).items;
    expect(risky.total).toBe(all.filter((l) => l.risk === 'stockout').length);
    expect(
      all.every((l) => (l.risk === 'stockout') === (l.riskReason !== null)),
    ).toBe(true);
    expect(
      (await call('planner', '/api/recommendations?risk=bad')).status,
    ).toBe(400);
  });

  it('keeps a store manager to their stores: list, detail, decisions, bulk approval and export', async () => {
    const own = await lines('store_manager');
    expect(own.total).toBe(3);
    expect(new Set(own.items.map((l) => l.store))).toEqual(new Set(['S001']));
    const other = await lineOf('S002', 'P0001');
    expect(
      (await call('store_manager', `/api/recommendations/${other.id}`)).status,
    ).toBe(403);
    expect(
      (await call('store_manager', `/api/recommendations/${other.id}/what-if`))
        .status,
    ).toBe(403);
    for (const action of ['approve', 'reject'])
      expect(
        (
          await post(
            'store_manager',
            `/api/recommendations/${other.id}/${action}`,
          )
        ).status,
      ).toBe(403);
    expect(
      (
        await post('store_manager', `/api/recommendations/${other.id}/adjust`, {
          quantity: 12,
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await post('viewer', `/api/recommendations/${other.id}/approve`)).status,
    ).toBe(403);
    expect(
      (await post('store_manager', '/api/recommendations/999999/approve'))
        .status,
    ).toBe(404);

    // Bulk approval over "all stores" still approves only the manager's lines.
    const bulk = await post<DecisionResult>(
      'store_manager',
      '/api/recommendations/bulk-approve',
      {
        filters: {},
        reason: 'weekly order',
      },
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toBe(3);
    expect((await lines('planner', '&store=S002&status=pending')).total).toBe(
      3,
    );
    expect((await lines('planner', '&store=S001&status=approved')).total).toBe(
      3,
    );
    expect(
      (
        await post('viewer', '/api/recommendations/bulk-approve', {
          filters: {},
        })
      ).status,
    ).toBe(403);
    const [audit] = await db(
      "SELECT actor_email, reason, after FROM audit_log WHERE action = 'recommendation.bulk_approve'",
    );
    expect(audit['actor_email']).toBe('store_manager@test.shelfcast');
    expect(audit['reason']).toBe('weekly order');

    // The planner approves S002 too; the manager's export still has S001 only.
    await post('planner', '/api/recommendations/bulk-approve', {
      filters: { store: 'S002' },
    });
    const csv = await call<null>(
      'store_manager',
      '/api/recommendations/export/purchase-orders.csv',
    );
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('S002');
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe(
      'supplier_code,supplier_name,store_code,store_name,sku,product_name,quantity,cases,case_pack,unit_cost,line_value,status,approved_by,approved_at,reason',
    );
    const ordered = own.items.filter((l) => l.recommendedQty > 0);
    expect(rows).toHaveLength(1 + ordered.length);
    const all = await call<null>(
      'planner',
      '/api/recommendations/export/purchase-orders.csv',
    );
    expect(all.text).toContain('S002');
    // Grouped per supplier, and formula-looking text is defused.
    const suppliers = all.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(',')[0]);
    expect(suppliers).toEqual([...suppliers].sort());
    expect(all.text).toContain(",'@SUM(A1),");
    expect(all.text).toContain(",'=2+3,");
    expect(all.text).not.toMatch(/,[=+\-@]/);
    const sup1 = await call<null>(
      'planner',
      '/api/recommendations/export/purchase-orders.csv?supplier=SUP1',
    );
    expect(
      sup1.text
        .trim()
        .split('\r\n')
        .slice(1)
        .every((r) => r.startsWith('SUP1,')),
    ).toBe(true);
  });

  it('approves, adjusts (multiple of the case pack, with a reason) and rejects, each audited', async () => {
    const line = await lineOf('S002', 'P0001');
    expect(
      (
        await post('planner', `/api/recommendations/${line.id}/adjust`, {
          quantity: 13,
          reason: 'x',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post('planner', `/api/recommendations/${line.id}/adjust`, {
          quantity: 12,
        })
      ).status,
    ).toBe(400);
    const adjusted = await post<RecommendationLine>(
      'planner',
      `/api/recommendations/${line.id}/adjust`,
      { quantity: 48, reason: 'promo next week' },
    );
    expect(adjusted.status).toBe(200);
    expect(adjusted.body).toMatchObject({
      status: 'adjusted',
      finalQty: 48,
      reason: 'promo next week',
    });
    expect(adjusted.body.recommendedQty).toBe(line.recommendedQty);
    const [entry] = await db(
      "SELECT actor_email, before, after, reason FROM audit_log WHERE action = 'recommendation.adjust' AND entity_id = ?",
      [String(line.id)],
    );
    expect(entry['actor_email']).toBe('planner@test.shelfcast');
    expect(entry['reason']).toBe('promo next week');
    expect(JSON.parse(String(entry['before']))).toMatchObject({
      status: 'approved',
    });
    expect(JSON.parse(String(entry['after']))).toMatchObject({
      status: 'adjusted',
      finalQty: 48,
    });

    const mine = await lineOf('S001', 'P0002');
    const rejected = await post<RecommendationLine>(
      'store_manager',
      `/api/recommendations/${mine.id}/reject`,
      {
        reason: 'shelf full',
      },
    );
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      finalQty: 0,
      decidedBy: 'store_manager@test.shelfcast',
    });
    const csv = await call<null>(
      'store_manager',
      '/api/recommendations/export/purchase-orders.csv',
    );
    expect(csv.text).not.toContain('P0002');
    const [n] = await db(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'recommendation.%'",
    );
    expect(Number(n['n'])).toBeGreaterThanOrEqual(5);
  });

  it('returns the projected-stock series and replays the policy for the what-if slider', async () => {
    const line = await lineOf('S001', 'P0001');
    const detail = (
      await call<RecommendationDetail>(
        'store_manager',
        `/api/recommendations/${line.id}`,
      )
    ).body;
    expect(detail.projection.length).toBeGreaterThanOrEqual(HORIZON);
    expect(detail.projection[0]).toMatchObject({
      date: AS_OF,
      reorderPoint: line.reorderPoint,
    });
    expect(detail.projection[3].inbound).toBe(24);
    expect(detail.breakdown['casePack']).toBe(12);
    // SUP1's 5-day lead time and 7-day review: the order arrives on day 5, the next on day 12.
    expect(detail.afterOrder).toMatchObject({
      orderQuantity: line.finalQty,
      arrivalDate: '2026-12-03',
      nextDeliveryDate: '2026-12-10',
      leadTimeDays: 5,
    });
    expect(detail.projection[5].recommendedArrival).toBe(line.finalQty);
    // The flag is the projection with the order running short before the next delivery.
    let stock = line.onHand;
    let runsOut: string | null = null;
    for (const p of detail.projection) {
      if (p.date === null || p.date >= detail.afterOrder.nextDeliveryDate)
        break;
      stock += p.inbound + p.recommendedArrival;
      if (runsOut === null && p.forecast > stock + 1e-9) runsOut = p.date;
      stock = p.onHand;
    }
    expect(detail.afterOrder.stockOutDate).toBe(runsOut);
    expect(detail.risk === 'stockout').toBe(runsOut !== null);
    const low = (
      await call<WhatIfResult>(
        'planner',
        `/api/recommendations/${line.id}/what-if?serviceLevel=0.8`,
      )
    ).body;
    const high = (
      await call<WhatIfResult>(
        'planner',
        `/api/recommendations/${line.id}/what-if?serviceLevel=0.99`,
      )
    ).body;
    expect(low.periods).toBeGreaterThan(0);
    expect(high.fillRate).toBeGreaterThanOrEqual(low.fillRate);
    expect(high.reorderPoint).toBeGreaterThan(low.reorderPoint);
    expect(high.averageOnHand).toBeGreaterThanOrEqual(low.averageOnHand);
    expect(
      (
        await call(
          'planner',
          `/api/recommendations/${line.id}/what-if?serviceLevel=2`,
        )
      ).status,
    ).toBe(400);
  });

  it('overrides: managers for their stores, baseline/override/final in the forecast API, final used by regeneration, value added', async () => {
    const body = {
      store: 'S001',
      sku: 'P0002',
      startDate: AS_OF,
      endDate: '2026-12-04',
      mode: 'per_period',
      value: 30,
      reason: 'local festival',
    };
    expect(
      (
        await post('store_manager', '/api/overrides', {
          ...body,
          store: 'S002',
        })
      ).status,
    ).toBe(403);
    expect((await post('viewer', '/api/overrides', body)).status).toBe(403);
    expect(
      (await post('planner', '/api/overrides', { ...body, reason: '' })).status,
    ).toBe(400);
    const created = await post<ForecastOverrideDto>(
      'store_manager',
      '/api/overrides',
      body,
    );
    expect(created.status).toBe(201);
    const [p] = await db("SELECT id FROM products WHERE sku = 'P0002'");
    const base = 8 + Number(p['id']);
    expect(created.body.baselineTotal).toBeCloseTo(7 * base, 9);
    expect(created.body.finalTotal).toBeCloseTo(7 * 30, 9);
    const [audit] = await db(
      "SELECT reason FROM audit_log WHERE action = 'forecast.override'",
    );
    expect(audit['reason']).toBe('local festival');

    const series = (
      await call<SeriesForecastResponse>(
        'planner',
        '/api/forecasts/series?store=S001&sku=P0002',
      )
    ).body;
    expect(series.forecast[0]).toMatchObject({
      baseline: base,
      override: 30,
      final: 30,
      p50: base,
    });
    expect(series.forecast[10]).toMatchObject({
      baseline: base,
      override: null,
      final: base,
    });
    expect(
      (await call<ForecastOverrideDto[]>('store_manager', '/api/overrides'))
        .body,
    ).toHaveLength(1);
    expect(
      (
        await call<ForecastOverrideDto[]>(
          'planner',
          '/api/overrides?store=S002',
        )
      ).body,
    ).toHaveLength(0);

    // Regeneration of the same run: pending lines are refreshed with the final forecast; decided lines stay.
    const s2 = await lineOf('S002', 'P0002');
    await post('planner', '/api/recommendations/regenerate');
    const after = await lineOf('S001', 'P0002');
    expect(after.status).toBe('rejected');
    const [s1] = await db("SELECT id FROM stores WHERE code = 'S001'");
    await db(
      "UPDATE recommendations SET status = 'pending' WHERE store_id = ? AND product_id = ?",
      [s1['id'], p['id']],
    );
    await post('planner', '/api/recommendations/regenerate');
    const refreshed = await lineOf('S001', 'P0002');
    expect(refreshed.demandMean).toBeGreaterThan(s2.demandMean);
    expect(refreshed.recommendedQty).toBeGreaterThan(s2.recommendedQty);

    // Actuals arrive: 28 a day. Baseline error |28 − base|, final error |28 − 30|.
    const rows: (string | number | boolean)[][] = [];
    for (let d = 0; d < 7; d++)
      rows.push([
        Number(s1['id']),
        Number(p['id']),
        new Date(Date.parse(`${AS_OF}T00:00:00Z`) + d * 86_400_000)
          .toISOString()
          .slice(0, 10),
        28,
        56,
        2,
        false,
        false,
      ]);
    await insertSales(t.db.dataSource, rows);
    const fva = (
      await call<ValueAddedRow[]>('store_manager', '/api/overrides/value-added')
    ).body;
    expect(fva).toHaveLength(1);
    expect(fva[0]).toMatchObject({
      user: 'store_manager@test.shelfcast',
      store: 'S001',
      overrides: 1,
      evaluatedPeriods: 7,
      actual: 196,
    });
    expect(fva[0].wapeBaseline).toBeCloseTo(Math.abs(28 - base) / 28, 9);
    expect(fva[0].wapeFinal).toBeCloseTo(2 / 28, 9);
    expect(fva[0].valueAdded).toBeCloseTo((Math.abs(28 - base) - 2) / 28, 9);
  });

  it('regenerates once a promoted run finishes and supersedes pending lines of the older run', async () => {
    const [before] = await db<{ n: SqlNumeric }>(
      "SELECT COUNT(*) AS n FROM recommendations WHERE run_id = 'run-1' AND status = 'pending'",
    );
    expect(Number(before.n)).toBeGreaterThan(0);
    await insertRun('run-2', (p) => 20 + p);
    t.app.get(EventEmitter2).emit(TRAINING_RUN_FINISHED, {
      runId: 'run-2',
      status: 'promoted',
      trigger: 'manual',
    } satisfies TrainingRunFinishedEvent);
    await new Promise((r) => setTimeout(r, 10));
    await t.app.get(RecommendationGeneration).waitForIdle();
    const current = await lines('planner');
    expect(current.total).toBe(6);
    expect(
      current.items.every((l) => l.runId === 'run-2' && l.status === 'pending'),
    ).toBe(true);
    const old = await db<{ status: string; n: SqlNumeric }>(
      "SELECT status, COUNT(*) AS n FROM recommendations WHERE run_id = 'run-1' GROUP BY status",
    );
    const byStatus = Object.fromEntries(
      old.map((r) => [r.status, Number(r.n)]),
    );
    expect(byStatus['pending']).toBeUndefined();
    expect(byStatus['superseded']).toBe(Number(before.n));
    expect(byStatus['approved']).toBeGreaterThan(0);
    const superseded = (
      await lines('planner', '&runId=run-1&status=superseded')
    ).items[0];
    expect(
      (await post('planner', `/api/recommendations/${superseded.id}/approve`))
        .status,
    ).toBe(409);
  });
});
