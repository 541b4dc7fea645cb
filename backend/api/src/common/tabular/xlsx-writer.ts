import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { drained } from './backpressure';
import {
  type Cell,
  type ReportColumn,
  type ReportMeta,
  type ReportSection,
  type WriteResult,
} from './report-types';
import { yieldToLoop } from '../yield-to-loop';

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FF1F3A5F' },
};
const HEADER_FONT: Partial<ExcelJS.Font> = {
  bold: true,
  color: { argb: 'FFFFFFFF' },
};

const DEFAULT_FORMAT: Record<ReportColumn['type'], string | undefined> = {
  text: undefined,
  number: '#,##0.00',
  integer: '#,##0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** A date string becomes a real Excel date (UTC midnight), numbers stay numbers. */
export function xlsxValue(
  value: Cell,
  column: ReportColumn,
): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (column.type === 'date' && typeof value === 'string') {
    const t = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(t) ? value : new Date(t);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Bytes the sheet's zip entry may hold before the writer waits for the compressor. */
const ZIP_BACKLOG = 1 << 20;

/**
 * exceljs commits rows synchronously into the zip entry's pass-through stream and ignores its
 * backpressure; the compressor (zlib, off the main thread) only drains it when the event loop
 * turns. So after each batch yield to the loop until that stream's buffer is small again —
 * without this, a 1,000,000-row export buffered hundreds of MB.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipe = (
    sheet as unknown as {
      stream?: { pipes?: { _writableState?: { length?: number } }[] };
    }
  ).stream?.pipes?.[0];
  do {
    await yieldToLoop();
  } while ((pipe?._writableState?.length ?? 0) > ZIP_BACKLOG);
}

/** The fixed text of the first ("Report") sheet, in the reader's language. */
export interface XlsxLabels {
  sheet: string;
  report: string;
  generated: string;
  scope: string;
  filters: string;
  none: string;
}

const EN_LABELS: XlsxLabels = {
  sheet: 'Report',
  report: 'Report',
  generated: 'Generated',
  scope: 'Scope',
  filters: 'Filters',
  none: 'none',
};

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/**
 * Streams a workbook: a "Report" sheet echoing the report, scope and filters, then one sheet per
 * section with a styled, frozen header row, an auto-filter and typed cells. Rows are committed as
 * they come and the writer waits when the output stream is full.
 */
export async function writeXlsx(
  out: Writable,
  meta: ReportMeta,
  sections: readonly ReportSection[],
  labels: XlsxLabels = EN_LABELS,
): Promise<WriteResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Shelfcast';
  workbook.created = meta.generatedAt;

  const about = workbook.addWorksheet(labels.sheet);
  about.columns = [
    { header: labels.report, key: 'k', width: 18 },
    { header: meta.title, key: 'v', width: 60 },
  ];
  about.getRow(1).font = { bold: true };
  const generated = about.addRow([labels.generated, meta.generatedAt]);
  generated.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  generated.commit();
  about.addRow([labels.scope, meta.scope]).commit();
  about
    .addRow([labels.filters, meta.filters.length ? '' : labels.none])
    .commit();
  for (const [k, v] of meta.filters) about.addRow([k, v]).commit();
  about.commit();

  let rows = 0;
  for (const section of sections) {
    const sheet = workbook.addWorksheet(sheetName(section.title), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = section.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(10, Math.min(40, c.header.length + 4)),
      style: { numFmt: c.numFmt ?? DEFAULT_FORMAT[c.type] },
    }));
    const header = sheet.getRow(1);
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.font = HEADER_FONT;
    });
    header.commit();
    let count = 0;
    for await (const batch of section.batches()) {
      for (const row of batch) {
        sheet
          .addRow(section.columns.map((c, i) => xlsxValue(row[i], c)))
          .commit();
      }
      count += batch.length;
      await zipCaughtUp(sheet);
      await drained(out);
    }
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: Math.max(1, count + 1), column: section.columns.length },
    };
    sheet.commit();
    rows += count;
  }
  await workbook.commit();
  return { rows };
}
