import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { OutputClosedError } from './backpressure';
import { PdfFaces } from './pdf-fonts';
import {
  type Cell,
  filtersText,
  type ReportColumn,
  type ReportMeta,
  type ReportSection,
  type WriteResult,
} from './report-types';

export interface PdfTableOptions {
  /** Lines printed under the header block (e.g. the assumptions of a replay). */
  notes?: readonly string[];
  /** Draw Chinese labels with the CJK face even when they look Latin. */
  preferCjk?: boolean;
}

const ROW_H = 13;
const FONT = 7.5;

/** A cell as printed: numbers with the column's precision, dates as yyyy-mm-dd, empty as —. */
export function pdfCell(value: Cell, column: ReportColumn): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date)
    return value.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '—';
    if (column.numFmt?.includes('%')) return `${(value * 100).toFixed(1)} %`;
    const digits = column.type === 'integer' ? 0 : 1;
    return value.toLocaleString('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  }
  return value;
}

/**
 * Tables on landscape A4 pages: the report's title, scope, filters and notes, then each section
 * as a titled table with its header row repeated on every page. Columns share the width in
 * proportion to their `width` (default 10). Rows are drawn batch by batch as they are read.
 */
export async function writePdfTable(
  out: Writable,
  meta: ReportMeta,
  sections: readonly ReportSection[],
  options: PdfTableOptions = {},
): Promise<WriteResult> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 32,
    info: { Title: meta.title, Creator: 'Shelfcast' },
  });
  const faces = new PdfFaces(doc, options.preferCjk ?? false);
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
  });
  doc.pipe(out);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - ROW_H;

  doc.fillColor('#1f3a5f').fontSize(15).text(faces.use(meta.title, true));
  const generated = meta.generatedAt.toISOString().slice(0, 16);
  doc.fillColor('#444444').fontSize(8.5);
  doc.text(
    faces.use(`Generated ${generated.replace('T', ' ')} UTC · ${meta.scope}`),
  );
  doc.text(faces.use(`Filters: ${filtersText(meta)}`));
  for (const note of options.notes ?? [])
    doc.text(faces.use(`• ${note}`), { width });
  doc.moveDown(0.5);

  let rows = 0;
  for (const section of sections) {
    const weights = section.columns.map((c) => c.width ?? 10);
    const total = weights.reduce((s, w) => s + w, 0);
    const widths = weights.map((w) => (w / total) * width);
    let y = doc.y + 6;
    // Header cells may wrap onto a second line; body cells are cut with an ellipsis.
    const line = (values: readonly string[], header: boolean) => {
      let x = left;
      doc.fontSize(FONT).fillColor(header ? '#1f3a5f' : '#000000');
      values.forEach((v, i) => {
        const numeric = section.columns[i].type !== 'text';
        doc.text(faces.use(v, header), x + 1, y, {
          width: widths[i] - 3,
          height: header ? 2 * ROW_H : ROW_H,
          align: numeric ? 'right' : 'left',
          lineBreak: header,
          ellipsis: true,
        });
        x += widths[i];
      });
      y += header ? 2 * ROW_H : ROW_H;
    };
    const header = () =>
      line(
        section.columns.map((c) => c.header),
        true,
      );
    if (y + 3 * ROW_H > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.fillColor('#1f3a5f').fontSize(11);
    doc.text(faces.use(section.title, true), left, y);
    y = doc.y + 4;
    header();
    for await (const batch of section.batches()) {
      if (out.destroyed) throw new OutputClosedError();
      for (const row of batch) {
        if (y > bottom()) {
          doc.addPage();
          y = doc.page.margins.top;
          header();
        }
        line(
          section.columns.map((c, i) => pdfCell(row[i], c)),
          false,
        );
      }
      rows += batch.length;
    }
    doc.x = left;
    doc.y = y + 6;
  }
  doc.end();
  await finished;
  return { rows };
}
