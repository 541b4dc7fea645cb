/** Markdown tables and number formats for docs/benchmarks.md. Missing values print as "–". */

type Cell = string | number | null | undefined;

const missing = (v: unknown): v is null | undefined =>
  v === null || v === undefined || (typeof v === 'number' && !isFinite(v));

/** A fixed-point number: `fixed(0.4111, 3)` → "0.411". */
export function fixed(v: number | null | undefined, digits: number): string {
  return missing(v) ? '–' : v.toFixed(digits);
}

/** A whole number with thousands separators: 132183.4 → "132,183". */
export function int(v: number | null | undefined): string {
  return missing(v) ? '–' : Math.round(v).toLocaleString('en-US');
}

/** A share as a percentage: `pct(0.8974)` → "89.7%". */
export function pct(v: number | null | undefined, digits = 1): string {
  return missing(v) ? '–' : `${(100 * v).toFixed(digits)}%`;
}

/** A ratio: `times(1.0765)` → "1.077×". */
export function times(v: number | null | undefined, digits = 3): string {
  return missing(v) ? '–' : `${v.toFixed(digits)}×`;
}

/** Bytes in binary units: "125 KiB", "74.6 MiB", "9.3 GiB"; 0 (nothing written) prints "–". */
export function bytes(v: number | null | undefined): string {
  if (missing(v) || v === 0) return '–';
  if (v >= 2 ** 30) return `${(v / 2 ** 30).toFixed(1)} GiB`;
  if (v >= 2 ** 20) return `${(v / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.round(v / 1024)} KiB`;
}

/**
 * A markdown table. `align` gives 'r' for right-aligned (numeric) columns, default left. Pipes in
 * cells are escaped.
 */
export function table(
  head: string[],
  rows: Cell[][],
  align: ('l' | 'r')[] = [],
): string {
  const cell = (c: Cell): string =>
    missing(c) ? '–' : String(c).replace(/\|/g, '\\|');
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [head, rule, ...rows.map((r) => r.map(cell))]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}
