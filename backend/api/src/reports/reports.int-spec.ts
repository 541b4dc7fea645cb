import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  RecommendationLine,
  ReportDefinitionDto,
  ReportFileDto,
  ReportScheduleDto,
  Role,
  Page,
} from '@shelfcast/contracts';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../../test/support/pdf-text';
import {
  csvRecords,
  sheetRows,
  workbook,
} from '../../test/support/report-files';
import { pdftotext } from '../../test/support/pdftotext';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { seedPanel, testTraining } from '../../test/support/training-fixtures';
import { type Row, type SqlNumeric } from '../database/raw-sql';
import { RecommendationGeneration } from '../recommendations/recommendation-generation.service';
import { TRAINING_RUN_FINISHED } from '../common/training-events';
import { TrainingRunLifecycle } from '../training/training-run-lifecycle.service';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsService } from './reports.service';

/**
 * The columns of each report that the tests read. A parsed CSV record holds them as text; an XLSX
 * sheet row holds a cell per column (`SheetRow`).
 */
interface ForecastColumns {
  store_code: string;
  sku: string;
  product_name: string;
  category: string;
  period: string;
  p10: string;
  p50: string;
  baseline: string;
  override: string;
  final: string;
}
interface RecommendationColumns {
  store_code: string;
  status: string;
  final_qty: string;
  as_of: string;
  decided_at: string;
}
interface PurchaseOrderColumns {
  supplier_code: string;
  supplier_name: string;
  quantity: string;
  unit_cost_usd: string;
  line_value_usd: string;
}
interface StockoutColumns {
  stockout_date_p50: string;
}
interface AccuracyColumns {
  store_code: string;
  category: string;
  series: string;
  wape: string;
}
interface TrainingRunColumns {
  run_id: string;
  status: string;
}
interface StoreSummaryColumns {
  store_code: string;
}
interface IdRow {
  id: number;
}
interface CountRow {
  n: SqlNumeric;
}
/** A series and the ABC class of its latest recommendation line. */
interface ClassRow {
  code: string;
  sku: string;
  abc: string;
}

describe('reports and exports (integration)', () => {
  let t: TestApp;
  let reportsDir: string;
  let runId: string;
  let nightly: ReportScheduleDto;
  const db = <T extends object = Row>(s: string, params: unknown[] = []) =>
    t.query<T>(s, params);

  const fetchAs = async (role: Role, path: string, init: RequestInit = {}) =>
    fetch(`${t.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(await t.as(role)) },
    });
  const json = async <T>(role: Role, path: string, init: RequestInit = {}) => {
    const res = await fetchAs(role, path, init);
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as T,
    };
  };
  const download = async (role: Role, path: string) => {
    const res = await fetchAs(role, path);
    return {
      status: res.status,
      headers: res.headers,
      buf: Buffer.from(await res.arrayBuffer()),
    };
  };
  const csv = async <T extends object = Record<string, string>>(
    role: Role,
    path: string,
  ) => {
    const res = await download(role, path);
    const text = res.buf.toString('utf8');
    return {
      ...res,
      text,
      records: res.status === 200 ? csvRecords<T>(text) : [],
    };
  };

  beforeAll(async () => {
    reportsDir = mkdtempSync(join(tmpdir(), 'shelfcast-reports-'));
    t = await createTestApp({ ...testTraining(), reportsDir });
    await seedPanel(t.db.dataSource, { stores: 3, products: 3, days: 150 });
    await db(
      "INSERT INTO suppliers (code, name, lead_time_mean_days, lead_time_sd_days, review_period_days) VALUES ('SUP1', 'Dairy Co', 5, 1, 7), ('SUP2', '@SUM(A1)', 3, 0, 7)",
    );
    const [sup1] = await db<IdRow>(
      "SELECT id FROM suppliers WHERE code = 'SUP1'",
    );
    const [sup2] = await db<IdRow>(
      "SELECT id FROM suppliers WHERE code = 'SUP2'",
    );
    await db(
      "UPDATE products SET case_pack = 1, supplier_id = ?, unit_cost = 1.5 WHERE sku = 'P0001'",
      [sup1.id],
    );
    await db(
      "UPDATE products SET name = '=2+3', supplier_id = ? WHERE sku <> 'P0001'",
      [sup2.id],
    );
    const stores = await db<IdRow>('SELECT id FROM stores ORDER BY id');
    const products = await db<IdRow>('SELECT id FROM products ORDER BY id');
    for (const s of stores)
      for (const p of products)
        await db(
          'INSERT INTO inventory_snapshots (store_id, product_id, date, on_hand) VALUES (?, ?, ?, ?)',
          [s.id, p.id, '2026-11-27', 4],
        );
    await t.assignStores(['S001']);
    // A schedule made before the run: the run's end writes it.
    const created = await json<ReportScheduleDto>(
      'planner',
      '/api/reports/schedules',
      {
        method: 'POST',
        body: JSON.stringify({
          reportId: 'forecasts',
          format: 'csv',
          cron: '0 6 * * *',
          filters: { stores: ['S002'] },
          bom: true,
        }),
      },
    );
    expect(created.status).toBe(201);
    nightly = created.body;

    const training = t.app.get(TrainingRunLifecycle);
    runId = (await training.trigger({})).id;
    await training.waitForIdle();
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.app.get(ReportSchedulesService).waitForIdle();
    const [run] = await db<{ status: string }>(
      'SELECT status FROM forecast_runs WHERE id = ?',
      [runId],
    );
    expect(run.status).toBe('promoted');
  }, 180_000);

  afterAll(async () => {
    await t.app.get(ReportSchedulesService).waitForIdle();
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('lists every report with its formats, filters and sections', async () => {
    const res = await json<ReportDefinitionDto[]>('viewer', '/api/reports');
    expect(res.status).toBe(200);
    expect(res.body.map((r) => r.id)).toEqual([
      'forecasts',
      'accuracy',
      'recommendations',
      'stock-risk',
      'training-runs',
      'store-summary',
    ]);
    const summary = res.body.find((r) => r.id === 'store-summary');
    expect(summary?.formats).toContain('pdf');
  });

  it('exports forecasts as CSV with the filters applied and echoed, and overrides as baseline/override/final', async () => {
    const override = await json('planner', '/api/overrides', {
      method: 'POST',
      body: JSON.stringify({
        store: 'S002',
        sku: 'P0002',
        startDate: '2026-11-30',
        endDate: '2026-12-01',
        mode: 'per_period',
        value: 99,
        reason: 'promotion',
      }),
    });
    expect(override.status).toBe(201);
    const all = await csv('planner', '/api/reports/forecasts?format=csv');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('text/csv');
    expect(all.headers.get('content-disposition')).toMatch(
      /attachment; filename="forecasts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const [{ n }] = await db<CountRow>(
      'SELECT COUNT(*) AS n FROM forecast_values WHERE run_id = ?',
      [runId],
    );
    expect(all.records).toHaveLength(Number(n));
    expect(all.text).toContain('# Filters: none');
    expect(all.text.charCodeAt(0)).not.toBe(0xfeff);

    const res = await csv<ForecastColumns>(
      'planner',
      '/api/reports/forecasts?format=csv&stores=S002&from=2026-11-30&to=2026-12-03&bom=true',
    );
    expect(res.status).toBe(200);
    expect(res.buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.text).toContain(
      '# Filters: from=2026-11-30; to=2026-12-03; stores=S002',
    );
    expect(res.records).toHaveLength(3 * 4);
    for (const r of res.records) {
      expect(r.store_code).toBe('S002');
      expect(r.period >= '2026-11-30' && r.period <= '2026-12-03').toBe(true);
      expect(Number(r['p10'])).toBeLessThanOrEqual(Number(r['p50']) + 1e-9);
      expect(r.baseline).toBe(r['p50']);
    }
    const overridden = res.records.filter(
      (r) => r.sku === 'P0002' && r.override !== '',
    );
    expect(overridden.map((r) => r.period)).toEqual([
      '2026-11-30',
      '2026-12-01',
    ]);
    for (const r of overridden) {
      expect(Number(r.override)).toBe(99);
      expect(Number(r.final)).toBe(99);
    }
    const plain = res.records.find(
      (r) => r.sku === 'P0002' && r.period === '2026-12-02',
    );
    expect(plain?.override).toBe('');
    expect(plain?.final).toBe(plain?.['p50']);
    // Injection: the product named "=2+3" arrives escaped.
    expect(res.records.filter((r) => r.sku === 'P0002')[0].product_name).toBe(
      "'=2+3",
    );

    const category = await csv<ForecastColumns>(
      'planner',
      '/api/reports/forecasts?category=dairy&region=north',
    );
    expect(new Set(category.records.map((r) => r.category))).toEqual(
      new Set(['dairy/milk']),
    );
    expect(new Set(category.records.map((r) => r.store_code))).toEqual(
      new Set(['S001', 'S003']),
    );
  });

  it('filters forecasts and accuracy by the ABC class of the latest recommendation lines', async () => {
    const classes = await db<ClassRow>(
      `SELECT s.code, p.sku, r.abc FROM recommendations r JOIN stores s ON s.id = r.store_id
         JOIN products p ON p.id = r.product_id WHERE r.run_id = ?`,
      [runId],
    );
    const a = classes.filter((c) => c.abc === 'A');
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThan(classes.length);
    const res = await csv<ForecastColumns>(
      'planner',
      '/api/reports/forecasts?abc=A',
    );
    expect(res.text).toContain('# Filters: abc=A');
    expect(new Set(res.records.map((r) => `${r.store_code}/${r.sku}`))).toEqual(
      new Set(a.map((c) => `${c.code}/${c.sku}`)),
    );
    const accuracy = await csv<AccuracyColumns>(
      'planner',
      '/api/reports/accuracy?abc=A',
    );
    expect(accuracy.records.reduce((n, r) => n + Number(r.series), 0)).toBe(
      a.length,
    );
  });

  it("gives a store manager only their stores' rows and refuses others", async () => {
    const res = await csv<ForecastColumns>(
      'store_manager',
      '/api/reports/forecasts',
    );
    expect(res.status).toBe(200);
    expect(res.records.length).toBeGreaterThan(0);
    expect(new Set(res.records.map((r) => r.store_code))).toEqual(
      new Set(['S001']),
    );
    expect(res.text).toContain(
      '# Generated ', // scope is echoed on the same line
    );
    expect(res.text).toContain('stores S001 (assigned to the signed-in user)');
    const other = await json<{ message: string }>(
      'store_manager',
      '/api/reports/forecasts?stores=S002',
    );
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('Store S002 is not assigned to you');

    const recs = await download(
      'store_manager',
      '/api/reports/recommendations?format=xlsx',
    );
    const wb = await workbook(recs.buf);
    const lines = sheetRows<RecommendationColumns>(wb, 'Recommendations');
    expect(lines.length).toBe(3);
    expect(new Set(lines.map((r) => r.store_code.value))).toEqual(
      new Set(['S001']),
    );

    const pdf = await download(
      'store_manager',
      '/api/reports/store-summary?format=pdf',
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(pdf.buf);
    expect(text).toContain('S001 — Store 1');
    expect(text).not.toContain('Store 2');
    expect(text).not.toContain('Store 3');
    expect(text).toContain('Approved order value (USD)');
    expect(text).toContain('P0001');

    // A line that orders nothing is not a top recommendation.
    const zeroed = await db(
      `SELECT r.id, r.final_qty FROM recommendations r
         JOIN products p ON p.id = r.product_id JOIN stores s ON s.id = r.store_id
        WHERE p.sku = 'P0001' AND s.code = 'S001'`,
    );
    await db(
      `UPDATE recommendations SET final_qty = 0 WHERE id IN (${zeroed.map(() => '?').join(', ')})`,
      zeroed.map((r) => r['id']),
    );

    // In Chinese: the labels print in the embedded CJK font, amounts in the configured currency.
    const zh = await download(
      'store_manager',
      '/api/reports/store-summary?format=pdf&locale=zh-CN',
    );
    expect(zh.status).toBe(200);
    const zhText = pdftotext(zh.buf);
    for (const s of [
      '门店管理摘要',
      '重点补货建议',
      '已批准订货金额 (USD)',
      'US$',
    ])
      expect(zhText).toContain(s);
    expect(zhText).not.toContain('??');
    expect(zhText).not.toContain('P0001');
    for (const r of zeroed)
      await db('UPDATE recommendations SET final_qty = ? WHERE id = ?', [
        r['final_qty'],
        r['id'],
      ]);
  });

  it('exports recommendations as XLSX with typed cells and approved lines as purchase orders by supplier', async () => {
    const page = await json<Page<RecommendationLine>>(
      'planner',
      '/api/recommendations?limit=100',
    );
    const toApprove = page.body.items.filter(
      (l) => l.store === 'S002' && l.recommendedQty > 0,
    );
    expect(toApprove.length).toBeGreaterThan(0);
    for (const l of toApprove)
      expect(
        (
          await json('planner', `/api/recommendations/${l.id}/approve`, {
            method: 'POST',
            body: '{}',
          })
        ).status,
      ).toBe(200);

    const res = await download(
      'planner',
      '/api/reports/recommendations?format=xlsx&status=approved',
    );
    expect(res.status).toBe(200);
    const wb = await workbook(res.buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'Recommendations',
      'Purchase orders',
    ]);
    const about = sheetRows(wb, 'Report');
    expect(
      about.some(
        (r) =>
          r['Report'].value === 'status' &&
          r[Object.keys(r)[1]].value === 'approved',
      ),
    ).toBe(true);
    const lines = sheetRows<RecommendationColumns>(wb, 'Recommendations');
    expect(lines).toHaveLength(toApprove.length);
    for (const r of lines) {
      expect(r.status.value).toBe('approved');
      expect(r.final_qty.type).toBe(ExcelJS.ValueType.Number);
      expect(r.as_of.type).toBe(ExcelJS.ValueType.Date);
      expect(r.decided_at.type).toBe(ExcelJS.ValueType.Date);
    }
    const po = sheetRows<PurchaseOrderColumns>(wb, 'Purchase orders');
    expect(po).toHaveLength(toApprove.length);
    const suppliers = po.map((r) => String(r.supplier_code.value));
    expect(suppliers).toEqual([...suppliers].sort());
    const sup2 = po.find((r) => r.supplier_code.value === 'SUP2');
    // XLSX strings are never formulas: the name is kept verbatim as a string cell.
    expect(sup2?.supplier_name.value).toBe('@SUM(A1)');
    expect(sup2?.supplier_name.type).toBe(ExcelJS.ValueType.String);
    for (const r of po)
      expect(Number(r.line_value_usd.value)).toBeCloseTo(
        Number(r.quantity.value) * Number(r.unit_cost_usd.value),
        6,
      );
    const sheet = wb.getWorksheet('Purchase orders');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getCell('A1').font?.bold).toBe(true);

    const poCsv = await csv<PurchaseOrderColumns>(
      'planner',
      '/api/reports/recommendations?section=purchase-orders',
    );
    expect(poCsv.records).toHaveLength(toApprove.length);
    expect(
      poCsv.records.find((r) => r.supplier_code === 'SUP2')?.supplier_name,
    ).toBe("'@SUM(A1)");
    // Money columns name the configured currency (USD by default).
    expect(Object.keys(poCsv.records[0])).toEqual(
      expect.arrayContaining(['unit_cost_usd', 'line_value_usd']),
    );
    const today = new Date().toISOString().slice(0, 10);
    const decidedToday = await csv(
      'planner',
      `/api/reports/recommendations?from=${today}&to=${today}`,
    );
    expect(decidedToday.records).toHaveLength(toApprove.length);
    const decidedLongAgo = await csv(
      'planner',
      '/api/reports/recommendations?to=2020-01-01',
    );
    expect(decidedLongAgo.records).toHaveLength(0);
  });

  it('exports stock-risk, accuracy, training runs and the store summary', async () => {
    const risk = await download(
      'planner',
      '/api/reports/stock-risk?format=xlsx',
    );
    const riskWb = await workbook(risk.buf);
    expect(riskWb.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'Stock-out risk',
      'Excess stock',
    ]);
    const stockouts = sheetRows<StockoutColumns>(riskWb, 'Stock-out risk');
    const [{ n: expected }] = await db<CountRow>(
      'SELECT COUNT(*) AS n FROM recommendations WHERE run_id = ? AND stockout_date_p50 IS NOT NULL',
      [runId],
    );
    expect(Number(expected)).toBeGreaterThan(0);
    expect(stockouts).toHaveLength(Number(expected));
    const dates = stockouts.map((r) =>
      (r['stockout_date_p50'].value as Date).toISOString(),
    );
    expect(dates).toEqual([...dates].sort());

    const accuracy = await download(
      'viewer',
      '/api/reports/accuracy?format=xlsx&category=bakery',
    );
    const accWb = await workbook(accuracy.buf);
    const byStore = sheetRows<AccuracyColumns>(accWb, 'By store');
    expect(byStore.map((r) => r.store_code.value)).toEqual([
      'S001',
      'S002',
      'S003',
    ]);
    for (const r of byStore) {
      expect(r.series.value).toBe(1);
      expect(r.wape.type).toBe(ExcelJS.ValueType.Number);
    }
    expect(
      sheetRows<AccuracyColumns>(accWb, 'By category').map(
        (r) => r.category.value,
      ),
    ).toEqual(['bakery']);
    expect(sheetRows(accWb, 'By model').length).toBeGreaterThan(0);

    const runs = await csv<TrainingRunColumns>(
      'viewer',
      '/api/reports/training-runs',
    );
    expect(runs.records.map((r) => [r.run_id, r.status])).toEqual([
      [runId, 'promoted'],
    ]);
    expect(
      (await csv('viewer', '/api/reports/training-runs?status=failed')).records,
    ).toHaveLength(0);

    const summary = await csv<StoreSummaryColumns>(
      'planner',
      '/api/reports/store-summary?format=csv',
    );
    expect(summary.records.map((r) => r.store_code)).toEqual([
      'S001',
      'S002',
      'S003',
    ]);
    const pdf = await download(
      'planner',
      '/api/reports/store-summary?format=pdf&stores=S002,S003',
    );
    const text = await pdfText(pdf.buf);
    expect(text).toContain('S002 — Store 2');
    expect(text).toContain('S003 — Store 3');
    expect(text).not.toContain('S001 — Store 1');
    expect(text).toContain('Filters: stores=S002,S003');
    expect(text).toContain('Top recommendations');
    expect(text).toContain('P10–P90');
  });

  it('reads in keyset pages: a page of 7 rows gives the same files as one page', async () => {
    const paths = [
      '/api/reports/forecasts',
      '/api/reports/recommendations?section=lines',
      '/api/reports/recommendations?section=purchase-orders',
      '/api/reports/stock-risk?section=stockout',
      '/api/reports/stock-risk?section=excess',
      '/api/reports/accuracy',
      '/api/reports/training-runs',
    ];
    const service = t.app.get(ReportsService);
    const whole = [];
    for (const p of paths) whole.push((await csv('planner', p)).records);
    service.pageSize = 7;
    try {
      for (const [i, p] of paths.entries()) {
        const paged = (await csv('planner', p)).records;
        expect({ path: p, rows: paged }).toEqual({ path: p, rows: whole[i] });
      }
    } finally {
      service.pageSize = 5000;
    }
    expect(whole[0].length).toBeGreaterThan(7 * 3);
    expect(whole[4].length + whole[3].length).toBeGreaterThan(0);
  });

  it('answers bad requests with 400s that name the problem', async () => {
    const bad = async (path: string, status = 400) => {
      const res = await json<{ message: string | string[] }>('planner', path);
      expect(res.status).toBe(status);
      return String(res.body.message);
    };
    expect(await bad('/api/reports/forecasts?format=doc')).toContain(
      'format must be one of: csv, xlsx, pdf',
    );
    expect(await bad('/api/reports/forecasts?format=pdf')).toContain(
      'store-summary',
    );
    expect(await bad('/api/reports/training-runs?stores=S001')).toBe(
      'Filter "stores" does not apply to report training-runs (it takes: from, to, status)',
    );
    expect(await bad('/api/reports/forecasts?from=2026-13-01')).toContain(
      'from must be a date yyyy-mm-dd',
    );
    expect(
      await bad('/api/reports/forecasts?from=2026-12-05&to=2026-12-01'),
    ).toBe('from (2026-12-05) is after to (2026-12-01)');
    expect(await bad('/api/reports/recommendations?status=bogus')).toContain(
      'status "bogus" is not one of pending',
    );
    expect(await bad('/api/reports/forecasts?stores=S999')).toBe(
      'Unknown store code: S999',
    );
    expect(await bad('/api/reports/forecasts?region=west')).toBe(
      'Unknown region: west',
    );
    expect(await bad('/api/reports/forecasts?stores=a%2Cb%22')).toContain(
      'stores must be store codes',
    );
    expect(await bad('/api/reports/forecasts?section=nope')).toContain(
      'has no section "nope"',
    );
    expect(await bad('/api/reports/forecasts?sort=x')).toContain(
      'property sort should not exist',
    );
    expect(await bad('/api/reports/nope', 404)).toContain('No report "nope"');
  });

  it('writes the due schedules after a nightly run and keeps their history', async () => {
    const files = await json<ReportFileDto[]>('viewer', '/api/reports/files');
    expect(files.status).toBe(200);
    const mine = files.body.filter((f) => f.scheduleId === nightly.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      status: 'written',
      runId,
      reportId: 'forecasts',
      format: 'csv',
    });
    expect(existsSync(join(reportsDir, mine[0].fileName))).toBe(true);
    const file = await download('planner', `/api/reports/files/${mine[0].id}`);
    expect(file.status).toBe(200);
    expect(file.buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = csvRecords<ForecastColumns>(
      file.buf.toString('utf8'),
      false,
    );
    expect(records).toHaveLength(mine[0].rows);
    expect(new Set(records.map((r) => r.store_code))).toEqual(
      new Set(['S002']),
    );
    expect(file.buf.toString('utf8')).toContain('# Filters: stores=S002');

    const schedules = t.app.get(ReportSchedulesService);
    // Not due again until its cron fires after the last file…
    expect(await schedules.runDue(runId, new Date(mine[0].createdAt))).toEqual(
      [],
    );
    // …a day later it is.
    const later = new Date(Date.parse(mine[0].createdAt) + 86_400_000);
    const next = await schedules.runDue(runId, later);
    expect(next.map((f) => [f.scheduleId, f.status])).toEqual([
      [nightly.id, 'written'],
    ]);
    const listed = await json<ReportScheduleDto[]>(
      'planner',
      '/api/reports/schedules',
    );
    expect(listed.body.find((s) => s.id === nightly.id)?.lastFileAt).toBe(
      later.toISOString(),
    );
    const history = await json<ReportFileDto[]>(
      'planner',
      `/api/reports/files?scheduleId=${nightly.id}`,
    );
    expect(history.body.map((f) => f.id)).toEqual([next[0].id, mine[0].id]);
  });

  it('writes after a rejected run too, but not after a failed one', async () => {
    const created = await json<ReportScheduleDto>(
      'admin',
      '/api/reports/schedules',
      {
        method: 'POST',
        body: JSON.stringify({
          reportId: 'store-summary',
          format: 'pdf',
          cron: '30 6 * * 1',
          timezone: 'Europe/Berlin',
        }),
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.nextDueAt).not.toBeNull();
    const schedules = t.app.get(ReportSchedulesService);
    const events = t.app.get(EventEmitter2);
    events.emit(TRAINING_RUN_FINISHED, {
      runId: 'failed-run',
      status: 'failed',
      trigger: 'cron',
    });
    await schedules.waitForIdle();
    const none = await json<ReportFileDto[]>(
      'planner',
      `/api/reports/files?scheduleId=${created.body.id}`,
    );
    expect(none.body).toEqual([]);
    events.emit(TRAINING_RUN_FINISHED, {
      runId: 'rejected-run',
      status: 'rejected',
      trigger: 'cron',
    });
    await schedules.waitForIdle();
    const after = await json<ReportFileDto[]>(
      'planner',
      `/api/reports/files?scheduleId=${created.body.id}`,
    );
    expect(after.body).toHaveLength(1);
    expect(after.body[0]).toMatchObject({
      status: 'written',
      runId: 'rejected-run',
      format: 'pdf',
      rows: 3,
    });
    const pdf = await download(
      'viewer',
      `/api/reports/files/${after.body[0].id}`,
    );
    expect(await pdfText(pdf.buf)).toContain('S003 — Store 3');

    // Deleting removes the schedule, its history and its files.
    const dir = join(reportsDir, String(created.body.id));
    expect(existsSync(dir)).toBe(true);
    expect(
      (
        await fetchAs('planner', `/api/reports/schedules/${created.body.id}`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
    expect(existsSync(dir)).toBe(false);
    expect(
      (
        await json<ReportFileDto[]>(
          'planner',
          `/api/reports/files?scheduleId=${created.body.id}`,
        )
      ).body,
    ).toEqual([]);
    expect(
      (await download('planner', `/api/reports/files/${after.body[0].id}`))
        .status,
    ).toBe(404);
  });

  it('lets planners and admins schedule, viewers read schedules, and keeps managers out', async () => {
    const body = JSON.stringify({
      reportId: 'accuracy',
      format: 'xlsx',
      cron: '0 7 * * *',
    });
    for (const role of ['viewer', 'store_manager'] as const)
      expect(
        (
          await fetchAs(role, '/api/reports/schedules', {
            method: 'POST',
            body,
          })
        ).status,
      ).toBe(403);
    expect((await fetchAs('viewer', '/api/reports/schedules')).status).toBe(
      200,
    );
    expect(
      (await fetchAs('store_manager', '/api/reports/schedules')).status,
    ).toBe(403);
    expect((await fetchAs('store_manager', '/api/reports/files')).status).toBe(
      403,
    );
    const post = (payload: unknown) =>
      json<{ message: string | string[] }>(
        'planner',
        '/api/reports/schedules',
        {
          method: 'POST',
          body: JSON.stringify(payload),
        },
      );
    const badCron = await post({
      reportId: 'accuracy',
      format: 'xlsx',
      cron: '0 7 * *',
    });
    expect(badCron.status).toBe(400);
    expect(String(badCron.body.message)).toContain(
      'cron must have five fields',
    );
    const badZone = await post({
      reportId: 'accuracy',
      format: 'xlsx',
      cron: '0 7 * * *',
      timezone: 'Mars/Olympus',
    });
    expect(String(badZone.body.message)).toContain(
      'timezone is not a known IANA zone',
    );
    const badFormat = await post({
      reportId: 'accuracy',
      format: 'pdf',
      cron: '0 7 * * *',
    });
    expect(badFormat.status).toBe(400);
    const badFilter = await post({
      reportId: 'training-runs',
      format: 'csv',
      cron: '0 7 * * *',
      filters: { category: 'dairy' },
    });
    expect(String(badFilter.body.message)).toContain(
      'Filter "category" does not apply',
    );
    const ok = await post(JSON.parse(body));
    expect(ok.status).toBe(201);
    const [audit] = await db<{ actor_email: string; entity_id: SqlNumeric }>(
      "SELECT actor_email, entity_id FROM audit_log WHERE action = 'report.schedule_create' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toMatchObject({ actor_email: 'planner@test.shelfcast' });
    expect(String(audit.entity_id)).toBe(
      String((ok.body as unknown as ReportScheduleDto).id),
    );
  });
});
