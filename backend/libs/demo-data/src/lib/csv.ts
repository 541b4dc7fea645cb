import { CSV_FORMATS, type ImportKind } from '@shelfcast/contracts';

/** A source of CSV lines (header first, no trailing newline on each line). */
export type CsvLineSource = Iterable<string> | AsyncIterable<string>;

/** The header line of an import kind, exactly as CSV_FORMATS defines it. */
export function csvHeader(kind: ImportKind): string {
  return CSV_FORMATS[kind].map((column) => column.name).join(',');
}

const NEEDS_QUOTING = /[",\r\n]/;

/** RFC 4180 field quoting: only when the value holds a comma, a quote or a line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTING.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(
  values: ReadonlyArray<string | number | null | undefined>,
): string {
  return values.map(csvField).join(',');
}

/** Splits one CSV line into fields (quoted fields with doubled quotes supported; no embedded newlines). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (i < n && line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          value += line.slice(i);
          i = n;
          break;
        }
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i < n && line[i] === ',') i++;
      else break;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        break;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
  return fields;
}

const TWO_DIGITS: string[] = Array.from({ length: 100 }, (_, i) =>
  i < 10 ? `0${i}` : String(i),
);

/** Formats an integer amount of cents as a decimal with two places, e.g. 1234 -> "12.34". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${TWO_DIGITS[abs % 100]}`;
}

/** Rounds to at most `digits` decimals without trailing zeros. */
export function formatNumber(value: number, digits: number): string {
  const factor = Math.pow(10, digits);
  return String(Math.round(value * factor) / factor);
}

/** Zero-pads an integer code to `width` digits, e.g. pad(7, 3) -> "007". */
export const pad = (value: number, width: number): string =>
  String(value).padStart(width, '0');
