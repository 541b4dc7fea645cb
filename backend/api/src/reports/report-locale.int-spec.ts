import { serveFlatForecast } from '../../test/factories/runs';
import { pdftotext } from '../../test/support/pdftotext';
import { csvRecords, workbook } from '../../test/support/report-files';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { seedPanel } from '../../test/support/training-fixtures';
import { RecommendationGeneration } from '../recommendations/recommendation-generation.service';

/**
 * The text the API writes into XLSX and PDF reports follows the reader's language (`locale=`, or
 * Accept-Language without it); CSV keeps its English headers. Money headers name the currency.
 */
describe('reports in the reader’s language (integration)', () => {
  let t: TestApp;
  const download = async (
    path: string,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${t.url}${path}`, {
      headers: { ...(await t.as('planner')), ...headers },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const headerRow = (
    wb: Awaited<ReturnType<typeof workbook>>,
    name: string,
  ) => {
    const sheet = wb.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedPanel(t.db.dataSource, { stores: 1, products: 2, days: 30 });
    await serveFlatForecast(t, { onHand: 5, days: 21 });
    const res = await fetch(`${t.url}/api/recommendations/regenerate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await t.as('planner')),
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  afterAll(async () => {
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('writes the zh-CN PDF in Chinese throughout, read back with pdftotext', async () => {
    const text = pdftotext(
      await download('/api/reports/store-summary?format=pdf&locale=zh-CN'),
    );
    for (const s of [
      '门店管理摘要',
      '全部门店',
      '筛选条件: 无',
      '已批准订货金额 (USD)',
      '过剩库存金额 (USD)',
      '重点补货建议',
      '订货数量',
    ])
      expect(text).toContain(s);
    for (const s of ['Store management summary', 'all stores', 'none'])
      expect(text).not.toContain(s);
    expect(text).not.toContain('??');
  });

  it('takes the language from Accept-Language when no locale is given', async () => {
    const zh = pdftotext(
      await download('/api/reports/store-summary?format=pdf', {
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      }),
    );
    expect(zh).toContain('门店管理摘要');
    const en = pdftotext(
      await download('/api/reports/store-summary?format=pdf', {
        'accept-language': 'en-US,en;q=0.9,zh;q=0.5',
      }),
    );
    expect(en).toContain('Store management summary');
    expect(en).toContain('all stores');
  });

  it('localizes XLSX titles, sheet names and column headers, money headers naming the currency', async () => {
    const zh = await workbook(
      await download('/api/reports/recommendations?format=xlsx&locale=zh-CN'),
    );
    expect(zh.worksheets.map((w) => w.name)).toEqual([
      '报表',
      '补货建议',
      '采购订单',
    ]);
    const about = zh.getWorksheet('报表');
    expect(about?.getRow(1).getCell(2).value).toBe('补货建议与采购订单');
    expect(about?.getRow(3).values).toContain('全部门店');
    const lines = headerRow(zh, '补货建议');
    expect(lines).toEqual(
      expect.arrayContaining([
        '门店代码',
        'SKU',
        '最终数量',
        '单位成本（USD）',
        '订货金额（USD）',
        '过剩金额（USD）',
      ]),
    );
    // Every header was translated: none is left as an English key.
    for (const h of lines) expect(h).not.toMatch(/^[a-z][a-z0-9_]*$/);
    expect(headerRow(zh, '采购订单')).toEqual(
      expect.arrayContaining(['单位成本（USD）', '行金额（USD）']),
    );

    const en = await workbook(
      await download('/api/reports/recommendations?format=xlsx'),
    );
    expect(en.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'Recommendations',
      'Purchase orders',
    ]);
    expect(headerRow(en, 'Recommendations')).toEqual(
      expect.arrayContaining([
        'store_code',
        'order_value_usd',
        'unit_cost_usd',
      ]),
    );
  });

  it('keeps the CSV headers English in any language', async () => {
    const text = (
      await download('/api/reports/recommendations?format=csv&locale=zh-CN', {
        'accept-language': 'zh-CN',
      })
    ).toString('utf8');
    const [first] = csvRecords<Record<string, string>>(text);
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['store_code', 'sku', 'order_value_usd']),
    );
  });
});
