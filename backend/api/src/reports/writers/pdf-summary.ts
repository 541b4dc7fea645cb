import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { OutputClosedError } from './backpressure';
import type { ReportMeta, WriteResult } from './report-types';
import { filtersText } from './report-types';
import {
  renderChartSvg,
  type StoreForecastSeries,
  storeForecastOption,
} from './store-chart';
import { drawSvg, type PdfCanvas } from './svg-to-pdf';

export interface SummaryKpi {
  label: string;
  value: string;
}

export interface SummaryRecommendation {
  sku: string;
  product: string;
  quantity: number;
  status: string;
  risk: string;
}

/** Everything one store's page shows. */
export interface StoreSummary {
  storeCode: string;
  storeName: string;
  region: string;
  kpis: SummaryKpi[];
  forecast: StoreForecastSeries;
  top: SummaryRecommendation[];
}

const CHART_W = 520;
const CHART_H = 220;

/** Keeps text within pdfkit's built-in (WinAnsi) fonts. */
function latin(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff–—]/g, '?');
}

/**
 * One A4 page per store: title, scope and filters, KPI tiles, the forecast chart (ECharts SSR
 * SVG drawn as vectors) and the top recommendations. Pages are written as they are produced.
 */
export async function writePdfSummary(
  out: Writable,
  meta: ReportMeta,
  stores: AsyncIterable<StoreSummary>,
): Promise<WriteResult> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    autoFirstPage: false,
    info: { Title: meta.title, Creator: 'Shelfcast' },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
  });
  doc.pipe(out);
  let pages = 0;
  for await (const store of stores) {
    if (out.destroyed) throw new OutputClosedError();
    doc.addPage();
    drawPage(doc, meta, store);
    pages++;
  }
  if (pages === 0) {
    doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(latin(meta.title))
      .moveDown(0.5);
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(latin(`Filters: ${filtersText(meta)}`))
      .moveDown(1);
    doc.fontSize(12).text('No store matches these filters.');
  }
  doc.end();
  await finished;
  return { rows: pages };
}

function drawPage(
  doc: PDFKit.PDFDocument,
  meta: ReportMeta,
  store: StoreSummary,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor('#1f3a5f')
    .text(latin(`${store.storeCode} — ${store.storeName}`), left, 36);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444444')
    .text(
      latin(
        `${meta.title} · region ${store.region} · generated ${meta.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      ),
    )
    .text(latin(`Filters: ${filtersText(meta)} · ${meta.scope}`));

  // KPI tiles, four per row.
  const top = doc.y + 10;
  const tileW = (width - 3 * 8) / 4;
  store.kpis.forEach((k, i) => {
    const x = left + (i % 4) * (tileW + 8);
    const y = top + Math.floor(i / 4) * 52;
    doc.save().roundedRect(x, y, tileW, 44, 4).fillColor('#eef2f7').fill();
    doc.restore();
    doc
      .fillColor('#555555')
      .fontSize(8)
      .text(fit(doc, latin(k.label), tileW - 12), x + 6, y + 6, {
        lineBreak: false,
      });
    doc
      .fillColor('#1f3a5f')
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(latin(k.value), x + 6, y + 20, { width: tileW - 12 });
    doc.font('Helvetica');
  });
  const chartTop = top + Math.ceil(store.kpis.length / 4) * 52 + 8;
  doc
    .fillColor('#000000')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text('Forecast (final P50, P10–P90 band)', left, chartTop);
  doc.font('Helvetica');
  const svg = renderChartSvg(
    storeForecastOption(store.forecast),
    CHART_W,
    CHART_H,
  );
  const chartW = Math.min(width, CHART_W);
  drawSvg(doc as unknown as PdfCanvas, svg, left, chartTop + 16, chartW);

  let y = chartTop + 16 + (CHART_H * chartW) / CHART_W + 12;
  doc
    .fillColor('#000000')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text('Top recommendations', left, y);
  y = doc.y + 4;
  const cols = [
    { title: 'SKU', w: 70 },
    { title: 'Product', w: 190 },
    { title: 'Order qty', w: 70, right: true },
    { title: 'Status', w: 80 },
    { title: 'Risk', w: width - 410 },
  ];
  const row = (values: string[], bold: boolean) => {
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    values.forEach((v, i) => {
      doc.text(latin(v), x, y, {
        width: cols[i].w - 4,
        align: cols[i].right ? 'right' : 'left',
        lineBreak: false,
        ellipsis: true,
      });
      x += cols[i].w;
    });
    y += 14;
  };
  row(
    cols.map((c) => c.title),
    true,
  );
  if (store.top.length === 0)
    row(['—', 'no recommendations', '', '', ''], false);
  for (const r of store.top)
    row([r.sku, r.product, formatNumber(r.quantity), r.status, r.risk], false);
}

/** Cuts text to a width with an ellipsis (pdfkit would wrap it into the next line). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let t = text;
  while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
  return `${t}…`;
}

export function formatNumber(n: number | null, digits = 0): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
