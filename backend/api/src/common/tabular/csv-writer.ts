import type { Writable } from 'node:stream';
import { writeChunk } from './backpressure';
import {
  type Cell,
  filtersText,
  type ReportColumn,
  type ReportMeta,
  type ReportSection,
  type WriteResult,
} from './report-types';

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so that Excel reads the file as UTF-8. */
  bom?: boolean;
}

/** Characters that make a spreadsheet read a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text that a spreadsheet would evaluate; numbers stay numbers. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: only when the field holds a quote, comma or line break. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: Cell, column: ReportColumn): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (column.type === 'number' || column.type === 'integer')
      return String(value);
    return quoteField(escapeFormula(String(value)));
  }
  return quoteField(escapeFormula(value));
}

/** A cell of free text (names, codes, dates as text): formula-safe and quoted as needed. */
export function textCell(value: unknown): string {
  return quoteField(escapeFormula(String(value ?? '')));
}

export function csvLine(values: readonly string[]): string {
  return `${values.join(',')}\r\n`;
}

/**
 * The header block as `#` comment lines (csv-parse `comment: '#'` skips them; spreadsheets show
 * them above the table), then the section's header row and its rows, streamed batch by batch.
 */
export async function writeCsv(
  out: Writable,
  meta: ReportMeta,
  section: ReportSection,
  options: CsvOptions = {},
): Promise<WriteResult> {
  const head = [
    `# ${meta.title}${section.title !== meta.title ? ` — ${section.title}` : ''}`,
    `# Generated ${meta.generatedAt.toISOString()} for ${meta.scope}`,
    `# Filters: ${filtersText(meta)}`,
  ]
    // A comment line must stay one line and one field.
    .map((l) => l.replace(/[\r\n,"]/g, ' '))
    .join('\r\n');
  await writeChunk(
    out,
    `${options.bom ? '\uFEFF' : ''}${head}\r\n${csvLine(section.columns.map((c) => quoteField(escapeFormula(c.header))))}`,
  );
  let rows = 0;
  for await (const batch of section.batches()) {
    let chunk = '';
    for (const row of batch)
      chunk += csvLine(section.columns.map((c, i) => csvCell(row[i], c)));
    rows += batch.length;
    if (chunk) await writeChunk(out, chunk);
  }
  return { rows };
}
