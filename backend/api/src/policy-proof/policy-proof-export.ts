import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import type { StoreScope } from '../common/identity/store-scope';
import { endStream } from '../common/tabular/backpressure';
import { textCell } from '../common/tabular/csv-writer';
import { writePdfTable } from '../common/tabular/pdf-table';
import type {
  Cell,
  ReportColumn,
  ReportMeta,
  ReportRow,
  ReportSection,
} from '../common/tabular/report-types';
import { writeXlsx } from '../common/tabular/xlsx-writer';
import { isoDay } from '../database/raw-sql';
import type {
  ProofGroupView,
  ProofLineView,
  ProofQueryDto,
  ProofSideView,
} from './dto/policy-proof.dto';
import {
  groups,
  PolicyProofViews,
  PROOF_ASSUMPTIONS,
} from './policy-proof-views';

export type ProofFileFormat = 'xlsx' | 'pdf';

const PCT = '0.0%';
const side = (prefix: string, label: string): ReportColumn[] => [
  {
    key: `${prefix}_fill_rate`,
    header: `${label} fill rate`,
    type: 'number',
    numFmt: PCT,
  },
  {
    key: `${prefix}_avg_on_hand`,
    header: `${label} avg on hand`,
    type: 'number',
  },
  {
    key: `${prefix}_stockout_days`,
    header: `${label} stock-out days`,
    type: 'number',
  },
  {
    key: `${prefix}_lost_units`,
    header: `${label} lost units`,
    type: 'number',
  },
];
const sideCells = (s: ProofSideView | null): Cell[] =>
  s
    ? [s.fillRate, s.avgOnHand, s.stockOutDays, s.lostUnits]
    : [null, null, null, null];

/** The proof table, one line per recommendation line; `key`s are the CSV header. */
export const PROOF_LINE_COLUMNS: readonly ReportColumn[] = [
  { key: 'store', header: 'Store', type: 'text', width: 8 },
  { key: 'sku', header: 'SKU', type: 'text', width: 10 },
  { key: 'category', header: 'Category', type: 'text', width: 12 },
  { key: 'period_unit', header: 'Period', type: 'text', width: 7 },
  { key: 'periods', header: 'Periods', type: 'integer', width: 7 },
  { key: 'demand', header: 'Demand', type: 'number', width: 8 },
  { key: 'skip_reason', header: 'Skipped because', type: 'text', width: 14 },
  ...side('served', 'Served'),
  ...side('naive', 'Naive-fed'),
  {
    key: 'target_fill_rate',
    header: 'Target fill rate',
    type: 'number',
    numFmt: PCT,
  },
];

const lineRow = (l: ProofLineView): ReportRow => [
  l.store,
  l.sku,
  l.category,
  l.periodUnit,
  l.periods,
  l.demand,
  l.skipReason,
  ...sideCells(l.served),
  ...sideCells(l.naive),
  l.target,
];

const GROUP_COLUMNS = (what: string): ReportColumn[] => [
  { key: 'key', header: what, type: 'text', width: 12 },
  { key: 'lines', header: 'Lines replayed', type: 'integer', width: 8 },
  { key: 'demand', header: 'Demand', type: 'number', width: 9 },
  { key: 'target', header: 'Target fill rate', type: 'number', numFmt: PCT },
  ...side('served', 'Served'),
  ...side('naive', 'Naive-fed'),
];

const groupRow = (g: ProofGroupView): ReportRow => [
  g.key,
  g.lines,
  g.demand,
  g.target,
  ...sideCells(g.served),
  ...sideCells(g.naive),
];

function section<T>(
  id: string,
  title: string,
  columns: readonly ReportColumn[],
  items: readonly T[],
  row: (item: T) => ReportRow,
): ReportSection {
  return {
    id,
    title,
    columns,
    async *batches() {
      yield items.map(row);
    },
  };
}

/** The proof table as CSV, XLSX (a sheet per table) and PDF (the tables with the assumptions). */
@Injectable()
export class PolicyProofExports {
  constructor(private readonly views: PolicyProofViews) {}

  /** One header line, then one line per recommendation line (store-scoped). */
  async csv(query: ProofQueryDto, scope: StoreScope): Promise<string> {
    const { lines } = await this.views.linesOf(query, scope);
    return [
      PROOF_LINE_COLUMNS.map((c) => c.key),
      ...lines.map((l) => lineRow(l).map((c) => c ?? '')),
    ]
      .map((row) => row.map((c) => textCell(c)).join(',') + '\r\n')
      .join('');
  }

  /** The file's bytes: per store, per category, then the lines (store-scoped). */
  async file(
    format: ProofFileFormat,
    query: ProofQueryDto,
    scope: StoreScope,
  ): Promise<Buffer> {
    const { proof, lines } = await this.views.linesOf(query, scope);
    const stores = [...new Set(lines.map((l) => l.store))];
    const period =
      proof.fromDate && proof.toDate
        ? `${isoDay(proof.fromDate)} – ${isoDay(proof.toDate)}`
        : 'none replayed';
    const meta: ReportMeta = {
      reportId: 'policy-proof',
      title: `Policy proof #${proof.id}: served policy vs naive-fed policy`,
      generatedAt: new Date(),
      scope:
        scope.kind === 'all'
          ? 'all stores'
          : `stores ${stores.join(', ') || '(none)'} (assigned to the signed-in user)`,
      filters: [
        ['proof', String(proof.id)],
        ['run', proof.runId ?? ''],
        ['weeks', String(proof.weeks)],
        ['period', period],
      ],
    };
    const sections = [
      section(
        'stores',
        'By store',
        GROUP_COLUMNS('Store'),
        groups(lines, (l) => l.store),
        groupRow,
      ),
      section(
        'categories',
        'By category',
        GROUP_COLUMNS('Category'),
        groups(lines, (l) => l.category),
        groupRow,
      ),
      section('lines', 'Lines', PROOF_LINE_COLUMNS, lines, lineRow),
    ];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    if (format === 'xlsx') await writeXlsx(out, meta, sections);
    else
      await writePdfTable(out, meta, sections, {
        notes: PROOF_ASSUMPTIONS,
      });
    if (!out.writableEnded) await endStream(out);
    return Buffer.concat(chunks);
  }
}
