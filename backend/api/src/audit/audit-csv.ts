import type { AuditEntryDto } from '@shelfcast/contracts';
import type { Writable } from 'node:stream';
import { endStream } from '../common/tabular/backpressure';
import { writeCsv } from '../common/tabular/csv-writer';
import type { ReportColumn } from '../common/tabular/report-types';
import type { AuditFilter } from './audit.service';

const COLUMNS: ReportColumn[] = [
  { key: 'id', header: 'id', type: 'integer' },
  { key: 'at', header: 'at_utc', type: 'datetime' },
  { key: 'actor', header: 'user_email', type: 'text' },
  { key: 'actorId', header: 'user_id', type: 'integer' },
  { key: 'action', header: 'action', type: 'text' },
  { key: 'entity', header: 'entity', type: 'text' },
  { key: 'entityId', header: 'entity_id', type: 'text' },
  { key: 'reason', header: 'reason', type: 'text' },
  { key: 'before', header: 'before_json', type: 'text' },
  { key: 'after', header: 'after_json', type: 'text' },
];

const json = (v: unknown) =>
  v === null || v === undefined ? null : JSON.stringify(v);

/**
 * The audit log as CSV with the reports' writer (formula-safe cells, the filters echoed in the
 * header block), streamed page by page.
 */
export async function writeAuditCsv(
  out: Writable,
  filter: AuditFilter,
  pages: AsyncIterable<AuditEntryDto[]>,
  now: Date,
): Promise<number> {
  const filters = (['actorId', 'action', 'entity', 'from', 'to'] as const)
    .filter((k) => filter[k] !== undefined && filter[k] !== '')
    .map((k) => [k, String(filter[k])] as const);
  const { rows } = await writeCsv(
    out,
    {
      reportId: 'audit',
      title: 'Audit log',
      generatedAt: now,
      scope: 'all users',
      filters,
    },
    {
      id: 'audit',
      title: 'Audit log',
      columns: COLUMNS,
      async *batches() {
        for await (const page of pages)
          yield page.map((e) => [
            e.id,
            new Date(e.at),
            e.actorEmail,
            e.actorId,
            e.action,
            e.entity,
            e.entityId,
            e.reason,
            json(e.before),
            json(e.after),
          ]);
      },
    },
  );
  if (!out.writableEnded) await endStream(out);
  return rows;
}
