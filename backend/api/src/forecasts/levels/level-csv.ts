import type { HierarchyLevel } from '@shelfcast/contracts';
import { escapeFormula, quoteField } from '../../common/tabular/csv-writer';
import type { LevelCsvRow } from './forecast-levels.service';

const text = (v: string): string => quoteField(escapeFormula(v));

/** The level export: one line per node and date (numbers unrounded, so sums stay exact). */
export function levelsCsv(level: HierarchyLevel, rows: LevelCsvRow[]): string {
  const lines = ['level,key,label,date,p10,p50,p90'];
  for (const r of rows)
    lines.push(
      [
        level,
        text(r.key),
        text(r.label),
        r.date,
        String(r.p10),
        String(r.p50),
        String(r.p90),
      ].join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
