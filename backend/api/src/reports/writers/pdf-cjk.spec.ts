import { PassThrough } from 'node:stream';
import { pdftotext } from '../../../test/support/pdftotext';
import { withCurrency } from './money-headers';
import { formatMoney } from './pdf-labels';
import { type StoreSummary, writePdfSummary } from './pdf-summary';
import type { ReportMeta } from '../../common/tabular/report-types';

const META: ReportMeta = {
  reportId: 'store-summary',
  title: '门店管理摘要',
  generatedAt: new Date('2026-11-29T01:02:03Z'),
  scope: 'all stores',
  filters: [],
};

const STORE: StoreSummary = {
  storeCode: 'S001',
  storeName: '上海徐汇店',
  region: '华东',
  kpis: [{ label: '已批准订货金额 (CNY)', value: '¥1,234.50' }],
  forecast: {
    dates: ['2026-11-28', '2026-11-29'],
    p10: [5, 6],
    p50: [10, 12],
    p90: [15, 18],
  },
  top: [
    {
      sku: 'P0001',
      product: '全脂牛奶 1L',
      quantity: 24,
      status: 'pending',
      risk: '2026-12-02 缺货',
    },
  ],
};

async function render(locale: 'en' | 'zh-CN', store = STORE): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writePdfSummary(
    out,
    META,
    (async function* () {
      yield store;
    })(),
    { locale },
  );
  return Buffer.concat(chunks);
}

describe('PDF store summary in Chinese', () => {
  it('embeds a CJK font so pdftotext reads the Chinese labels and data back', async () => {
    const pdf = await render('zh-CN');
    const text = pdftotext(pdf);
    for (const s of [
      'S001 — 上海徐汇店',
      '门店管理摘要',
      '区域 华东',
      '已批准订货金额 (CNY)',
      '¥1,234.50',
      '重点补货建议',
      '订货数量',
      '全脂牛奶 1L',
      '待处理',
      '2026-12-02 缺货',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('?');
    // The font is subset: only the glyphs used are embedded (the full face is ~8 MB).
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('prints Chinese data in an English report instead of question marks', async () => {
    const text = pdftotext(await render('en'));
    expect(text).toContain('Top recommendations');
    expect(text).toContain('全脂牛奶 1L');
    expect(text).toContain('S001 — 上海徐汇店');
  });
});

describe('money in reports', () => {
  it('names the currency in money headers only', () => {
    const [s] = withCurrency(
      [
        {
          id: 'x',
          title: 'X',
          columns: [
            { key: 'qty', header: 'quantity', type: 'number' },
            { key: 'v', header: 'line_value', type: 'number', money: true },
          ],
          batches: async function* () {
            yield [];
          },
        },
      ],
      'EUR',
    );
    expect(s.columns.map((c) => c.header)).toEqual([
      'quantity',
      'line_value_eur',
    ]);
  });

  it('formats amounts per locale with the currency symbol', () => {
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'USD', 'zh-CN')).toBe('US$1,234.50');
    expect(formatMoney(1234.5, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(null, 'USD', 'en')).toBe('—');
  });
});
