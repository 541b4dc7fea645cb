import type { ReportLocale } from '@shelfcast/contracts';
import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { OutputClosedError } from '../../common/tabular/backpressure';
import type {
  ReportMeta,
  WriteResult,
} from '../../common/tabular/report-types';
import { filtersText } from '../../common/tabular/report-types';
import {
  renderChartSvg,
  type StoreForecastSeries,
  storeForecastOption,
} from './store-chart';
import { drawSvg, type PdfCanvas } from './svg-to-pdf';
import { PdfFaces } from '../../common/tabular/pdf-fonts';
import { pdfLabels, type PdfLabels } from './pdf-labels';

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

export interface PdfSummaryOptions {
  /** Language of the fixed labels (the store summaries carry their own, already translated). */
  locale?: ReportLocale;
}

/**
 * One A4 page per store: title, scope and filters, KPI tiles, the forecast chart (ECharts SSR
 * SVG drawn as vectors) and the top recommendations. Pages are written as they are produced.
 * Chinese text is drawn with an embedded, subset CJK font (see {@link PdfFaces}).
 */
export async function writePdfSummary(
  out: Writable,
  meta: ReportMeta,
  stores: AsyncIterable<StoreSummary>,
  options: PdfSummaryOptions = {},
): Promise<WriteResult> {
  const locale = options.locale ?? 'en';
  const labels = pdfLabels(locale);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    autoFirstPage: false,
    info: { Title: meta.title, Creator: 'Shelfcast' },
  });
  const faces = new PdfFaces(doc, locale === 'zh-CN');
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
    drawPage(doc, faces, labels, meta, store);
    pages++;
  }
  if (pages === 0) {
    doc.addPage();
    doc.fontSize(16).text(faces.use(meta.title, true)).moveDown(0.5);
    doc
      .fontSize(9)
      .text(faces.use(`${labels.filters}: ${filtersOf(meta, labels)}`))
      .moveDown(1);
    doc.fontSize(12).text(faces.use(labels.noStore));
  }
  doc.end();
  await finished;
  return { rows: pages };
}

function drawPage(
  doc: PDFKit.PDFDocument,
  faces: PdfFaces,
  labels: PdfLabels,
  meta: ReportMeta,
  store: StoreSummary,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const heading = `${store.storeCode} — ${store.storeName}`;
  doc
    .fontSize(16)
    .fillColor('#1f3a5f')
    .text(faces.use(heading, true), left, 36);
  const generated = meta.generatedAt
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  doc.fontSize(9).fillColor('#444444');
  doc.text(
    faces.use(
      `${meta.title} · ${labels.region} ${store.region} · ${labels.generated} ${generated} UTC`,
    ),
  );
  doc.text(
    faces.use(`${labels.filters}: ${filtersOf(meta, labels)} · ${meta.scope}`),
  );

  // KPI tiles, four per row.
  const top = doc.y + 10;
  const tileW = (width - 3 * 8) / 4;
  store.kpis.forEach((k, i) => {
    const x = left + (i % 4) * (tileW + 8);
    const y = top + Math.floor(i / 4) * 52;
    doc.save().roundedRect(x, y, tileW, 44, 4).fillColor('#eef2f7').fill();
    doc.restore();
    const label = faces.use(k.label);
    doc
      .fillColor('#555555')
      .fontSize(8)
      .text(fit(doc, label, tileW - 12), x + 6, y + 6, {
        lineBreak: false,
      });
    const value = faces.use(k.value, true);
    doc
      .fillColor('#1f3a5f')
      .fontSize(14)
      .text(value, x + 6, y + 20, { width: tileW - 12 });
  });
  const chartTop = top + Math.ceil(store.kpis.length / 4) * 52 + 8;
  doc.fillColor('#000000').fontSize(11);
  doc.text(faces.use(labels.forecast, true), left, chartTop);
  faces.use('');
  const svg = renderChartSvg(
    storeForecastOption(store.forecast),
    CHART_W,
    CHART_H,
  );
  const chartW = Math.min(width, CHART_W);
  drawSvg(doc as unknown as PdfCanvas, svg, left, chartTop + 16, chartW);

  let y = chartTop + 16 + (CHART_H * chartW) / CHART_W + 12;
  doc.fillColor('#000000').fontSize(11);
  doc.text(faces.use(labels.top, true), left, y);
  y = doc.y + 4;
  const cols = [
    { title: labels.columns.sku, w: 70 },
    { title: labels.columns.product, w: 190 },
    { title: labels.columns.qty, w: 70, right: true },
    { title: labels.columns.status, w: 80 },
    { title: labels.columns.risk, w: width - 410 },
  ];
  const row = (values: string[], bold: boolean) => {
    let x = left;
    doc.fontSize(9);
    values.forEach((v, i) => {
      doc.text(faces.use(v, bold), x, y, {
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
    row(['—', labels.noRecommendations, '', '', ''], false);
  for (const r of store.top)
    row(
      [
        r.sku,
        r.product,
        formatNumber(r.quantity),
        labels.statuses[r.status] ?? r.status,
        r.risk,
      ],
      false,
    );
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

/** The applied filters (`from=2026-11-01; stores=S001`), or the locale's "none". */
function filtersOf(meta: ReportMeta, labels: PdfLabels): string {
  return meta.filters.length ? filtersText(meta) : labels.none;
}
