import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  RecommendationDetail,
  Role,
  StoreDto,
} from '@shelfcast/contracts';
import { pdftotext } from '../../test/support/pdftotext';
import { sheetRows, workbook } from '../../test/support/report-files';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import {
  createProducts,
  createStores,
  createSuppliers,
} from '../../test/factories/catalog';
import { createInventory } from '../../test/factories/inventory';
import {
  createBacktests,
  createForecastValues,
  createRun,
} from '../../test/factories/runs';
import { createDailySales } from '../../test/factories/sales';
import { RecommendationGeneration } from '../recommendations/recommendation-generation.service';
import { TRAINING_RUN_FINISHED } from '../common/training-events';
import type {
  PolicyProofView,
  RecommendationProofView,
} from './dto/policy-proof.dto';
import { PolicyProofService } from './policy-proof.service';
import { replayProof } from './proof-replay';

// Ten units a day, sixteen on Saturdays; the backtest window is the last 28 days before 2026-11-28.
const unitsOn = (date: string) =>
  new Date(`${date}T00:00:00Z`).getUTCDay() === 6 ? 16 : 10;
const BACKTEST_START = '2026-10-31';

/**
 * The library's replay of S001/P1's stored inputs: 28 days of history, 28 replayed with the
 * backtest's P10/P50/P90 at 0.8/1/1.2 × the sales, 30 on hand the evening before, lead time 2,
 * weekly review.
 */
const replayOfP1 = (
  serviceLevel: number,
  unmetDemand: 'lost-sales' | 'backorder',
) => {
  const dates = Array.from({ length: 56 }, (_, i) =>
    new Date(Date.parse('2026-10-03T00:00:00Z') + i * 86_400_000)
      .toISOString()
      .slice(0, 10),
  );
  const p50 = Float64Array.from(dates.slice(28), unitsOn);
  return replayProof({
    sales: Float64Array.from(dates, unitsOn),
    start: 28,
    backtest: {
      levels: [0.1, 0.5, 0.9],
      values: [p50.map((v) => 0.8 * v), p50, p50.map((v) => 1.2 * v)],
    },
    initialOnHand: 30,
    season: 7,
    leadTime: 2,
    reviewPeriod: 7,
    serviceLevel,
    unmetDemand,
    casePack: 1,
    moq: 0,
  });
};

describe('policy proof (integration)', () => {
  let t: TestApp;
  const call = async <T>(role: Role, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${t.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(await t.as(role)) },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const prove = async (weeks: number) => {
    const run = await call<{ id: number }>('planner', '/api/policy-proof/run', {
      method: 'POST',
      body: JSON.stringify({ weeks }),
    });
    expect(run.status).toBe(202);
    await t.app.get(PolicyProofService).waitForIdle();
    return run.body.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await createStores(t, [
      { code: 'S001' },
      { code: 'S002', unmetDemand: 'backorder' },
    ]);
    await createSuppliers(t, [
      { code: 'SUP', leadTimeMeanDays: 2, leadTimeSdDays: 0 },
    ]);
    await createProducts(
      t,
      ['P1', 'P2', 'P3', 'P4', 'P5'].map((sku, i) => ({
        sku,
        supplier: 'SUP',
        category: i % 2 ? 'bakery/bread' : 'dairy/milk',
      })),
    );
    const series = [
      { store: 'S001', sku: 'P1', days: 120 },
      { store: 'S002', sku: 'P1', days: 120 },
      { store: 'S001', sku: 'P2', days: 120, units: () => 0 }, // all zero
      { store: 'S001', sku: 'P3', days: 120 }, // no stock before the window
      { store: 'S001', sku: 'P4', days: 10 }, // short series
      { store: 'S001', sku: 'P5', days: 120 }, // no backtest
    ];
    for (const s of series)
      await createDailySales(t, {
        store: s.store,
        sku: s.sku,
        days: s.days,
        units: s.units ?? ((_, date) => unitsOn(date)),
      });
    await createInventory(
      t,
      series.flatMap((s) => [
        { store: s.store, sku: s.sku, date: '2026-11-27', onHand: 12 },
        ...(s.sku === 'P3'
          ? []
          : [{ store: s.store, sku: s.sku, date: '2026-10-30', onHand: 30 }]),
      ]),
    );
    await createRun(t, { id: 'run-p', serve: true });
    const at = (start: string) => (i: number) =>
      unitsOn(
        new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000)
          .toISOString()
          .slice(0, 10),
      );
    await createForecastValues(
      t,
      'run-p',
      series.map((s) => ({
        ...s,
        start: '2026-11-28',
        days: 28,
        p50: at('2026-11-28'),
      })),
    );
    await createBacktests(
      t,
      'run-p',
      series
        .filter((s) => s.sku !== 'P5')
        .map((s) => ({
          ...s,
          start: BACKTEST_START,
          days: 28,
          p50: at(BACKTEST_START),
        })),
    );
    expect(
      (
        await call('planner', '/api/recommendations/regenerate', {
          method: 'POST',
        })
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await t.app.get(PolicyProofService).waitForIdle();
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('replays the served policy on each line, side by side with seasonal naive, and skips bad input with a reason', async () => {
    expect(
      (
        await call('viewer', '/api/policy-proof/run', {
          method: 'POST',
          body: '{}',
        })
      ).status,
    ).toBe(403);
    const id = await prove(4);
    const { status, body } = await call<PolicyProofView>(
      'planner',
      `/api/policy-proof?proofId=${id}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'done',
      trigger: 'manual',
      runId: 'run-p',
      weeks: 4,
      from: BACKTEST_START,
      to: '2026-11-27',
      lines: 6,
      skipped: 4,
    });
    const bySku = (store: string, sku: string) => {
      const line = body.page.items.find(
        (l) => l.store === store && l.sku === sku,
      );
      if (!line) throw new Error(`no line ${store}/${sku}`);
      return line;
    };
    expect(bySku('S001', 'P2').skipReason).toBe('all-zero');
    expect(bySku('S001', 'P3').skipReason).toBe('no-stock-history');
    expect(bySku('S001', 'P4').skipReason).toBe('short-series');
    expect(bySku('S001', 'P5').skipReason).toBe('no-backtest');

    // S001/P1 is the library's replay of the stored inputs: 28 days of history, 28 replayed,
    // 30 on hand the evening before, lead time 2, weekly review, lost sales (the store's default).
    const line = bySku('S001', 'P1');
    const recommendation = await call<{ serviceLevel: number }>(
      'planner',
      `/api/recommendations/${line.recommendationId}`,
    );
    const expected = replayOfP1(recommendation.body.serviceLevel, 'lost-sales');
    if (expected.skipped) throw new Error('expected a replay');
    expect(line.periods).toBe(28);
    expect(line.demand).toBe(expected.demand);
    expect(line.served?.fillRate).toBeCloseTo(expected.served.fillRate, 9);
    expect(line.served?.avgOnHand).toBeCloseTo(expected.served.avgOnHand, 9);
    expect(line.served?.stockOutDays).toBe(expected.served.stockOutPeriods);
    expect(line.naive?.lostUnits).toBeCloseTo(expected.naive.lostUnits, 9);

    // Totals, stores and categories add up the replayed lines only.
    const replayed = body.page.items.filter((l) => l.served);
    expect(body.total.lines).toBe(2);
    expect(body.total.demand).toBeCloseTo(
      replayed.reduce((s, l) => s + l.demand, 0),
      9,
    );
    expect(body.byStore.map((g) => [g.key, g.lines])).toEqual([
      ['S001', 1],
      ['S002', 1],
    ]);
    expect(body.byCategory.map((g) => [g.key, g.lines])).toEqual([
      ['bakery', 0],
      ['dairy', 2],
    ]);
    // The target beside the achieved: each line's service level, demand-weighted per group.
    expect(line.target).toBe(recommendation.body.serviceLevel);
    const s2 = bySku('S002', 'P1');
    expect(body.total.target).toBeCloseTo(
      (Number(line.target) * line.demand + Number(s2.target) * s2.demand) /
        (line.demand + s2.demand),
      12,
    );
    expect(body.byCategory[0].target).toBeNull();

    // The line's own result, for the recommendation's detail: the same numbers as the table.
    const own = await call<RecommendationProofView>(
      'planner',
      `/api/policy-proof/recommendations/${line.recommendationId}`,
    );
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      proofId: id,
      weeks: 4,
      periods: 28,
      periodUnit: 'day',
      skipReason: null,
      target: line.target,
      served: line.served,
      naive: line.naive,
    });
    const skipped = await call<RecommendationProofView>(
      'planner',
      `/api/policy-proof/recommendations/${bySku('S001', 'P3').recommendationId}`,
    );
    expect(skipped.body).toMatchObject({
      skipReason: 'no-stock-history',
      served: null,
    });
    expect(
      (await call('planner', '/api/policy-proof/recommendations/999999'))
        .status,
    ).toBe(404);
  });

  it('keeps a store manager to their stores', async () => {
    await t.assignStores(['S002']);
    const { body } = await call<PolicyProofView>(
      'store_manager',
      '/api/policy-proof',
    );
    expect(new Set(body.page.items.map((l) => l.store))).toEqual(
      new Set(['S002']),
    );
    expect(body.byStore.map((g) => g.key)).toEqual(['S002']);
    // The export: the same lines, a header first, store-scoped too.
    const res = await fetch(`${t.url}/api/policy-proof/export.csv`, {
      headers: await t.as('store_manager'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = (await res.text()).trim().split('\r\n');
    expect(csv[0]).toMatch(
      /^store,sku,category,period_unit,periods,demand,skip_reason,served_fill_rate/,
    );
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 2).join('/'))).toEqual(
      ['S002/P1'],
    );
    const cells = csv[1].split(',');
    expect(Number(cells[7])).toBeCloseTo(
      Number(body.page.items[0].served?.fillRate),
      9,
    );
  });

  it('exports the proof table as XLSX and PDF, store-scoped', async () => {
    const download = async (role: Role, path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: await t.as(role) });
      expect(res.status).toBe(200);
      return {
        type: res.headers.get('content-type'),
        buf: Buffer.from(await res.arrayBuffer()),
      };
    };
    const { body } = await call<PolicyProofView>(
      'planner',
      '/api/policy-proof',
    );
    const xlsx = await download('planner', '/api/policy-proof/export.xlsx');
    expect(xlsx.type).toContain('spreadsheetml');
    const wb = await workbook(xlsx.buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'By store',
      'By category',
      'Lines',
    ]);
    const stores = sheetRows(wb, 'By store');
    expect(stores.map((r) => r['Store'].value)).toEqual(['S001', 'S002']);
    for (const g of body.byStore) {
      const row = stores.find((r) => r['Store'].value === g.key);
      expect(Number(row?.['Served fill rate'].value)).toBeCloseTo(
        Number(g.served.fillRate),
        12,
      );
      expect(Number(row?.['Naive-fed avg on hand'].value)).toBeCloseTo(
        g.naive.avgOnHand,
        12,
      );
      expect(Number(row?.['Target fill rate'].value)).toBeCloseTo(
        Number(g.target),
        12,
      );
    }
    const lines = sheetRows(wb, 'Lines');
    expect(lines).toHaveLength(6);
    expect(
      lines
        .filter((r) => r['Skipped because'].value)
        .map(
          (r) =>
            `${String(r['SKU'].value)}:${String(r['Skipped because'].value)}`,
        )
        .sort(),
    ).toEqual([
      'P2:all-zero',
      'P3:no-stock-history',
      'P4:short-series',
      'P5:no-backtest',
    ]);

    const pdf = await download('planner', '/api/policy-proof/export.pdf');
    expect(pdf.type).toBe('application/pdf');
    const text = pdftotext(pdf.buf);
    expect(text).toContain(`Policy proof #${body.id}`);
    expect(text).toContain(`${body.from} – ${body.to}`);
    expect(text).toContain('lost units are a lower bound');
    expect(text).toContain('no-stock-history');

    // A store manager's files hold their store only.
    await t.assignStores(['S002']);
    const mine = await workbook(
      (await download('store_manager', '/api/policy-proof/export.xlsx')).buf,
    );
    expect(sheetRows(mine, 'Lines').map((r) => r['Store'].value)).toEqual([
      'S002',
    ]);
    const minePdf = pdftotext(
      (await download('store_manager', '/api/policy-proof/export.pdf')).buf,
    );
    expect(minePdf).toContain('S002');
    expect(minePdf).not.toContain('S001');
  });

  it('runs after a promotion, once that run’s recommendations are generated', async () => {
    // The post-promotion steps start from the promoted run's end; the proof follows step 1.
    t.app.get(EventEmitter2).emit(TRAINING_RUN_FINISHED, {
      runId: 'run-p',
      status: 'promoted',
      trigger: 'manual',
    });
    await new Promise((r) => setImmediate(r));
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.app.get(PolicyProofService).waitForIdle();
    const { body } = await call<PolicyProofView>(
      'planner',
      '/api/policy-proof',
    );
    expect(body).toMatchObject({
      trigger: 'promotion',
      status: 'done',
      weeks: 13,
      lines: 6,
      skipped: 4,
    });
  });

  it('plans each store’s unmet demand as its setting says, end to end', async () => {
    // Only planners set it, and only to a known value (the error names the field).
    const patch = (role: Role, code: string, value: unknown) =>
      call<StoreDto & { message?: unknown }>(role, `/api/stores/${code}`, {
        method: 'PATCH',
        body: JSON.stringify({ unmetDemand: value }),
      });
    expect((await patch('store_manager', 'S001', 'backorder')).status).toBe(
      403,
    );
    const bad = await patch('planner', 'S001', 'sometimes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('unmetDemand');
    expect((await patch('planner', 'S999', 'backorder')).status).toBe(404);
    const stores = await call<StoreDto[]>('planner', '/api/stores');
    expect(stores.body.map((s) => [s.code, s.unmetDemand])).toEqual([
      ['S001', 'lost-sales'],
      ['S002', 'backorder'],
    ]);

    const set = await patch('planner', 'S001', 'backorder');
    expect(set.status).toBe(200);
    expect(set.body.unmetDemand).toBe('backorder');
    const [audit] = await t.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'store.unmet_demand'",
    );
    expect(audit?.action).toBe('store.unmet_demand');

    // The next generation sizes S001 for backorders and says so; the proof replays it the same way.
    await call('planner', '/api/recommendations/regenerate', {
      method: 'POST',
    });
    await t.app.get(RecommendationGeneration).waitForIdle();
    const id = await prove(4);
    const { body } = await call<PolicyProofView>(
      'planner',
      `/api/policy-proof?proofId=${id}`,
    );
    const line = body.page.items.find(
      (l) => l.store === 'S001' && l.sku === 'P1',
    );
    const detail = await call<RecommendationDetail>(
      'planner',
      `/api/recommendations/${line?.recommendationId}`,
    );
    expect(detail.body.breakdown.unmetDemand).toBe('backorder');
    expect(detail.body.explanation).toContain('Sized for backorders');
    const expected = replayOfP1(detail.body.serviceLevel, 'backorder');
    if (expected.skipped) throw new Error('expected a replay');
    expect(line?.served?.avgOnHand).toBeCloseTo(expected.served.avgOnHand, 9);
    expect(line?.served?.fillRate).toBeCloseTo(expected.served.fillRate, 9);
    await patch('planner', 'S001', 'lost-sales');
  });

  it('gives the same lines and totals whatever the batch size (one line at a time or all at once)', async () => {
    const svc = t.app.get(PolicyProofService);
    const linesOf = (id: number) =>
      t.query<Record<string, unknown>>(
        `SELECT store_id, product_id, recommendation_id, period_unit, periods, demand,
                served_fill_rate, served_avg_on_hand, served_stockout_days, served_lost_units,
                naive_fill_rate, naive_avg_on_hand, naive_stockout_days, naive_lost_units, skip_reason
           FROM policy_proof_lines WHERE proof_id = ${id} ORDER BY store_id, product_id`,
      );
    const proofOf = async (id: number) =>
      (
        await t.query<Record<string, unknown>>(
          `SELECT status, lines, skipped, from_date, to_date FROM policy_proofs WHERE id = ${id}`,
        )
      )[0];
    const one = await svc.start(4, 1);
    await svc.waitForIdle();
    const all = await svc.start(4, 1000);
    await svc.waitForIdle();
    const batched = await linesOf(one.id);
    expect(batched).toHaveLength(6);
    expect(batched.filter((l) => l['skip_reason'] === null)).toHaveLength(2);
    expect(batched).toEqual(await linesOf(all.id));
    expect(await proofOf(one.id)).toEqual({
      ...(await proofOf(all.id)),
      status: 'done',
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/api/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/policy-proof',
        '/api/policy-proof/run',
        '/api/policy-proof/export.xlsx',
        '/api/policy-proof/export.pdf',
        '/api/policy-proof/recommendations/{id}',
        '/api/stores/{code}',
      ]),
    );
  });

  // Last: the service stays shut down afterwards.
  it('stops a proof at shutdown without waiting for it to finish, and keeps none of its lines', async () => {
    const svc = t.app.get(PolicyProofService);
    const proof = await svc.start(4, 1);
    await svc.beforeApplicationShutdown();
    const [row] = await t.query<{ status: string; error: string | null }>(
      `SELECT status, error FROM policy_proofs WHERE id = ${proof.id}`,
    );
    expect(row.status).toBe('failed');
    expect(row.error).toContain('shut down');
    expect(
      await t.query(
        `SELECT id FROM policy_proof_lines WHERE proof_id = ${proof.id}`,
      ),
    ).toEqual([]);
  });
});
