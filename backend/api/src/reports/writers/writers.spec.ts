import { parse } from 'csv-parse/sync';
import { pdfText } from '../../../test/support/pdf-text';
import ExcelJS from 'exceljs';
import { PassThrough, Writable } from 'node:stream';
import { OutputClosedError } from '../../common/tabular/backpressure';
import { writeCsv } from '../../common/tabular/csv-writer';
import { type StoreSummary, writePdfSummary } from './pdf-summary';
import type {
  ReportMeta,
  ReportRow,
  ReportSection,
} from '../../common/tabular/report-types';
import { renderChartSvg, storeForecastOption } from './store-chart';
import {
  drawSvg,
  parseSvg,
  parseTransform,
  type PdfCanvas,
} from './svg-to-pdf';
import { writeXlsx } from '../../common/tabular/xlsx-writer';

const META: ReportMeta = {
  reportId: 'test',
  title: 'Test report',
  generatedAt: new Date('2026-11-29T01:02:03Z'),
  scope: 'all stores',
  filters: [
    ['from', '2026-11-01'],
    ['stores', 'S001,S002'],
  ],
};

/** Named fixture: text that a spreadsheet would run as a formula, one per dangerous first character. */
const INJECTIONS = [
  '=HYPERLINK("http://evil","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tTAB',
  '\rCR',
];

function section(rows: ReportRow[], batchSize = 2): ReportSection {
  return {
    id: 'main',
    title: 'Main',
    columns: [
      { key: 'name', header: 'name', type: 'text' },
      { key: 'qty', header: 'qty', type: 'number' },
      { key: 'count', header: 'count', type: 'integer' },
      { key: 'day', header: 'day', type: 'date' },
    ],
    async *batches() {
      for (let i = 0; i < rows.length; i += batchSize)
        yield rows.slice(i, i + batchSize);
    },
  };
}

async function collect(
  write: (out: PassThrough) => Promise<unknown>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  await write(out);
  out.end();
  await done;
  return Buffer.concat(chunks);
}

describe('CSV writer', () => {
  const rows: ReportRow[] = [
    ...INJECTIONS.map((s, i) => [s, -1.5 * i, i, '2026-11-0' + (i + 1)]),
    ['plain, "quoted"\nline', 2.25, 7, null],
  ];

  it('escapes every formula-start character in text cells and keeps negative numbers numeric', async () => {
    const buf = await collect((out) => writeCsv(out, META, section(rows)));
    const records = parse(buf.toString('utf8'), {
      comment: '#',
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    expect(records).toHaveLength(rows.length);
    INJECTIONS.forEach((s, i) => {
      expect(records[i]['name']).toBe(`'${s}`);
      expect(records[i]['qty']).toBe(String(-1.5 * i));
    });
    expect(records[2]['qty']).toBe('-3');
    expect(records[6]['name']).toBe('plain, "quoted"\nline');
    expect(records[6]['day']).toBe('');
    expect(records[0]['day']).toBe('2026-11-01');
  });

  it('echoes the report, scope and filters in comment lines, with an optional BOM', async () => {
    const plain = await collect((out) => writeCsv(out, META, section(rows)));
    expect(plain.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(
      false,
    );
    const text = plain.toString('utf8');
    expect(text.split('\r\n').slice(0, 4)).toEqual([
      '# Test report — Main',
      '# Generated 2026-11-29T01:02:03.000Z for all stores',
      '# Filters: from=2026-11-01; stores=S001 S002',
      'name,qty,count,day',
    ]);
    const bom = await collect((out) =>
      writeCsv(out, META, section(rows), { bom: true }),
    );
    expect(bom.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(
      true,
    );
    expect(bom.subarray(3).toString('utf8')).toBe(text);
  });
});

describe('an output closed mid-export', () => {
  it('stops reading rows instead of waiting for a drain that never comes', async () => {
    let produced = 0;
    const endless: ReportSection = {
      ...section([]),
      async *batches() {
        for (;;) {
          produced++;
          yield Array.from({ length: 1000 }, (_, i) => [
            `row ${i}`,
            i,
            i,
            '2026-11-28',
          ]);
        }
      },
    };
    // A reader that takes 64 KB and then hangs up (the client aborted the download).
    let received = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > 64 * 1024) setImmediate(() => out.destroy());
        else setImmediate(done);
      },
    });
    await expect(writeCsv(out, META, endless)).rejects.toBeInstanceOf(
      OutputClosedError,
    );
    expect(produced).toBeLessThan(10);
  });
});

describe('XLSX writer', () => {
  it('writes typed number and date cells, a styled frozen header with an auto-filter and the filters sheet', async () => {
    const rows: ReportRow[] = [
      ['=1+1', 12.5, 3, '2026-11-28'],
      ['beta', -4, 0, null],
      ['gamma', 0.125, 9, '2026-12-01'],
    ];
    const buf = await collect((out) =>
      writeXlsx(out, META, [
        section(rows),
        { ...section(rows.slice(0, 1)), id: 'second', title: 'Second/part' },
      ]),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'Main',
      'Second part',
    ]);
    const about = wb.getWorksheet('Report');
    const aboutRows: unknown[][] = [];
    about?.eachRow((r) => aboutRows.push((r.values as unknown[]).slice(1)));
    expect(aboutRows).toContainEqual(['from', '2026-11-01']);
    expect(aboutRows).toContainEqual(['stores', 'S001,S002']);
    expect(aboutRows).toContainEqual(['Scope', 'all stores']);

    const main = wb.getWorksheet('Main');
    if (!main) throw new Error('no sheet');
    expect(main.getRow(1).values).toEqual([
      undefined,
      'name',
      'qty',
      'count',
      'day',
    ]);
    expect(main.getCell('A1').font?.bold).toBe(true);
    expect(main.getCell('A1').fill).toMatchObject({ pattern: 'solid' });
    expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(main.autoFilter).toBe('A1:D4');
    // A formula-looking text stays a plain string cell (no formula in an XLSX string).
    expect(main.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(main.getCell('A2').value).toBe('=1+1');
    expect(main.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(main.getCell('B2').value).toBe(12.5);
    expect(main.getCell('B3').value).toBe(-4);
    expect(main.getCell('C4').value).toBe(9);
    expect(main.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    expect((main.getCell('D2').value as Date).toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
    expect(main.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(main.getCell('D3').value).toBeNull();
    expect(main.rowCount).toBe(4);
  });
});

describe('PDF store summary', () => {
  const store = (code: string): StoreSummary => ({
    storeCode: code,
    storeName: `Store ${code}`,
    region: 'north',
    kpis: [
      { label: 'Forecast units (P50)', value: '1,234' },
      { label: 'WAPE', value: '18.2%' },
    ],
    forecast: {
      dates: ['2026-11-28', '2026-11-29', '2026-11-30'],
      p10: [5, 6, 7],
      p50: [10, 12, 11],
      p90: [15, 18, 16],
    },
    top: [
      {
        sku: 'P0001',
        product: 'Whole milk',
        quantity: 24,
        status: 'pending',
        risk: 'stock-out 2026-12-02',
      },
    ],
  });

  it('writes one page per store with KPIs, the chart and the top recommendations', async () => {
    const buf = await collect((out) =>
      writePdfSummary(
        out,
        META,
        (async function* () {
          yield store('S001');
          yield store('S002');
        })(),
      ),
    );
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(buf);
    for (const s of [
      'S001 — Store S001',
      'S002 — Store S002',
      'Forecast units (P50)',
      '1,234',
      '18.2%',
      'Whole milk',
      'stock-out 2026-12-02',
      'Filters: from=2026-11-01; stores=S001,S002',
      // Drawn from the ECharts SVG: the legend and axis labels.
      'P10–P90',
      '11-29',
    ])
      expect(text).toContain(s);
    expect((text.match(/Top recommendations/g) ?? []).length).toBe(2);
  });
});

describe('ECharts SSR SVG in the PDF', () => {
  it('draws every path and label ECharts rendered from the option', () => {
    const option = storeForecastOption({
      dates: ['2026-11-28', '2026-11-29'],
      p10: [1, 2],
      p50: [3, 4],
      p90: [5, 6],
    });
    const svg = renderChartSvg(option, 400, 200);
    const parsed = parseSvg(svg);
    expect(parsed.width).toBe(400);
    const paths = parsed.elements.filter((e) => e.tag === 'path');
    const texts = parsed.elements.filter((e) => e.tag === 'text');
    expect(texts.map((t) => t.text)).toEqual(
      expect.arrayContaining(['P50', 'P10–P90', '11-28', '11-29']),
    );
    const calls: string[] = [];
    const canvas = new Proxy(
      {},
      {
        get: (_t, name: string) =>
          name === 'widthOfString'
            ? () => 10
            : (...args: unknown[]) => {
                calls.push(`${name}:${String(args[0])}`);
                return canvas;
              },
      },
    ) as PdfCanvas;
    const drawn = drawSvg(canvas, svg, 0, 0, 200);
    // The P50 line's path data reaches the PDF unchanged.
    const p50Line = paths.find((p) => p.attrs['stroke'] === '#1f3a5f');
    expect(p50Line).toBeDefined();
    expect(calls).toContain(`path:${p50Line?.attrs['d']}`);
    expect(calls).toContain('text:P50');
    expect(calls[1]).toBe('transform:0.5');
    expect(drawn).toBeGreaterThan(texts.length);
  });

  it('skips clip paths, styles and fully transparent paint (they would fill the plot black)', () => {
    const svg = `<svg width="10" height="10"><style>.a:hover{fill:rgba(0,0,0,1);}</style>
      <clipPath id="c"><path d="M0 0L10 0L10 10Z" fill="#000"></path></clipPath>
      <path d="M0 0L5 5Z" fill="rgb(0,0,0)" fill-opacity="0"></path>
      <path d="M1 1L2 2" fill="none" stroke="rgba(18,52,86,0.5)"></path></svg>`;
    expect(parseSvg(svg).elements.map((e) => e.attrs['d'])).toEqual([
      'M0 0L5 5Z',
      'M1 1L2 2',
    ]);
    const calls: unknown[][] = [];
    const canvas = new Proxy(
      {},
      {
        get:
          (_t, name: string) =>
          (...args: unknown[]) => {
            calls.push([name, ...args]);
            return canvas;
          },
      },
    ) as PdfCanvas;
    expect(drawSvg(canvas, svg, 0, 0, 10)).toBe(1);
    expect(calls).toContainEqual(['strokeColor', [18, 52, 86], 0.5]);
    expect(calls.filter((c) => c[0] === 'fill')).toEqual([]);
  });

  it('reads translate and matrix transforms', () => {
    expect(parseTransform('translate(67 140)')).toEqual([1, 0, 0, 1, 67, 140]);
    expect(parseTransform('matrix(1,0,0,1,5,6)')).toEqual([1, 0, 0, 1, 5, 6]);
    expect(parseTransform(undefined)).toBeNull();
  });
});
