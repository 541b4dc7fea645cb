/** The CSV reading the benchmark loaders share (the shared data files are small enough to read whole). */
import { readFileSync } from 'fs';

/** The file's non-empty lines (LF or CRLF), the header included. */
export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
}

/** Strips one pair of surrounding double quotes. */
export const unquote = (s: string): string => s.replace(/^"|"$/g, '');

/** Splits one CSV line; fields may be double-quoted (and then hold commas). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The header and the data rows of a CSV file, split with `splitCsvLine`. */
export function csvRows(path: string): { head: string[]; rows: string[][] } {
  const lines = readLines(path);
  return {
    head: splitCsvLine(lines[0]),
    rows: lines.slice(1).map(splitCsvLine),
  };
}
