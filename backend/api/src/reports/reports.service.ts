import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  REPORT_FILTER_KEYS,
  type ReportDefinitionDto,
  type ReportFilters,
  type ReportFormat,
  type ReportLocale,
} from '@shelfcast/contracts';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { StoreScope } from '../common/identity/store-scope';
import { AppConfig } from '../config/app-config';
import {
  type ReportContext,
  type ResolvedFilters,
  sqlQuery,
} from './definitions/report-context';
import type { ReportDefinition } from './definitions/report-definition';
import {
  REPORTS,
  reportById,
  toDefinitionDto,
} from './definitions/report-registry';
import { ReportsException } from './reports.exception';
import { endStream } from '../common/tabular/backpressure';
import { writeCsv } from '../common/tabular/csv-writer';
import { writePdfSummary } from './writers/pdf-summary';
import type { ReportMeta, WriteResult } from '../common/tabular/report-types';
import { writeXlsx } from '../common/tabular/xlsx-writer';
import { withCurrency } from './writers/money-headers';
import {
  localizeMeta,
  localizeSections,
  reportTitle,
  scopeText,
  xlsxLabels,
} from './writers/report-locale';

export interface ExportRequest {
  reportId: string;
  format: ReportFormat;
  filters: ReportFilters;
  section?: string;
  bom?: boolean;
  /** PDF labels' language (default en). */
  locale?: ReportLocale;
}

/** A validated export, ready to write: nothing has been read yet beyond the store list. */
export interface PreparedExport {
  definition: ReportDefinition;
  format: ReportFormat;
  ctx: ReportContext;
  meta: ReportMeta;
  section: string | null;
  bom: boolean;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * Exports: validates a report request against its definition and the reader's stores, then
 * streams the rows from the database into the CSV, XLSX or PDF writer.
 */
@Injectable()
export class ReportsService {
  /** Rows per database read (tests lower it to exercise the keyset paging). */
  pageSize = 5000;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  definitions(): ReportDefinitionDto[] {
    return REPORTS.map(toDefinitionDto);
  }

  async prepare(
    request: ExportRequest,
    scope: StoreScope,
    now = new Date(),
  ): Promise<PreparedExport> {
    const definition = reportById(request.reportId);
    if (!definition)
      throw new ReportsException(
        'not_found',
        `No report "${request.reportId}" (reports: ${REPORTS.map((r) => r.id).join(', ')})`,
      );
    const format = request.format;
    if (!definition.formats.includes(format))
      throw new ReportsException(
        'invalid',
        `Report ${definition.id} is available as ${definition.formats.join(', ')}, not ${format}${format === 'pdf' ? ' (the PDF is the store-summary report)' : ''}`,
        { field: 'format', allowed: definition.formats },
      );
    const f = request.filters;
    for (const key of REPORT_FILTER_KEYS) {
      const v = f[key];
      const present = Array.isArray(v) ? v.length > 0 : v !== undefined;
      if (present && !definition.filters.includes(key))
        throw new ReportsException(
          'invalid',
          `Filter "${key}" does not apply to report ${definition.id} (it takes: ${definition.filters.join(', ')})`,
          { field: key },
        );
    }
    if (f.from && Number.isNaN(Date.parse(`${f.from}T00:00:00Z`)))
      throw new ReportsException('invalid', `from is not a date: ${f.from}`, {
        field: 'from',
      });
    if (f.to && Number.isNaN(Date.parse(`${f.to}T00:00:00Z`)))
      throw new ReportsException('invalid', `to is not a date: ${f.to}`, {
        field: 'to',
      });
    if (f.from && f.to && f.from > f.to)
      throw new ReportsException(
        'invalid',
        `from (${f.from}) is after to (${f.to})`,
        { field: 'from' },
      );
    if (f.status && !definition.statuses.includes(f.status))
      throw new ReportsException(
        'invalid',
        `status "${f.status}" is not one of ${definition.statuses.join(', ')}`,
        { field: 'status', allowed: definition.statuses },
      );
    let section: string | null = null;
    if (request.section) {
      if (format !== 'csv')
        throw new ReportsException(
          'invalid',
          'section applies to CSV only (XLSX holds every section as a sheet)',
          { field: 'section' },
        );
      if (!definition.sections.some((s) => s.id === request.section))
        throw new ReportsException(
          'invalid',
          `Report ${definition.id} has no section "${request.section}" (sections: ${definition.sections.map((s) => s.id).join(', ')})`,
          { field: 'section' },
        );
      section = request.section;
    }
    const { storeIds, storeCodes } = await this.resolveStores(f, scope);
    const filters: ResolvedFilters = {
      from: f.from ?? null,
      to: f.to ?? null,
      storeIds,
      category: f.category ?? null,
      abc: f.abc ?? null,
      status: f.status ?? null,
    };
    const echoed: [string, string][] = [];
    for (const key of REPORT_FILTER_KEYS) {
      const v = f[key];
      if (Array.isArray(v) ? v.length : v !== undefined)
        echoed.push([key, Array.isArray(v) ? v.join(',') : String(v)]);
    }
    const locale = request.locale ?? 'en';
    // XLSX and PDF speak the reader's language; CSV keeps the English headers scripts key on.
    const textLocale: ReportLocale = format === 'csv' ? 'en' : locale;
    return {
      definition,
      format,
      ctx: {
        ds: this.dataSource,
        scope,
        requested: f,
        filters,
        pageSize: this.pageSize,
        currency: this.config.money.currency,
        locale,
      },
      meta: localizeMeta(
        {
          reportId: definition.id,
          title: reportTitle(definition.id, definition.title, textLocale),
          generatedAt: now,
          scope: scopeText(scope.kind === 'all', storeCodes, textLocale),
          filters: echoed,
        },
        textLocale,
      ),
      section,
      bom: format === 'csv' && request.bom === true,
      fileName: `${definition.id}${section ? `-${section}` : ''}-${now.toISOString().slice(0, 10)}.${format}`,
      contentType: CONTENT_TYPES[format],
    };
  }

  /**
   * Store codes and region → store ids, within the reader's stores. A code outside them is
   * refused (403) rather than silently dropped; an unknown code or region is a 400.
   */
  private async resolveStores(
    f: ReportFilters,
    scope: StoreScope,
  ): Promise<{ storeIds: number[] | null; storeCodes: string[] }> {
    const restricted =
      scope.kind === 'stores' || Boolean(f.stores?.length) || Boolean(f.region);
    const all = await sqlQuery(
      this.dataSource,
      'SELECT id, code, region FROM stores ORDER BY code',
    );
    const byCode = new Map(all.map((s) => [String(s['code']), s]));
    let rows = all;
    if (scope.kind === 'stores') {
      const allowed = new Set(scope.storeIds);
      rows = rows.filter((s) => allowed.has(Number(s['id'])));
    }
    if (f.stores?.length) {
      const unknown = f.stores.filter((c) => !byCode.has(c));
      if (unknown.length)
        throw new ReportsException(
          'invalid',
          `Unknown store code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
          { field: 'stores', unknown },
        );
      const inScope = new Set(rows.map((s) => String(s['code'])));
      const outside = f.stores.filter((c) => !inScope.has(c));
      if (outside.length)
        throw new ReportsException(
          'forbidden',
          `Store${outside.length > 1 ? 's' : ''} ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not assigned to you`,
          { field: 'stores', outside },
        );
      const wanted = new Set(f.stores);
      rows = rows.filter((s) => wanted.has(String(s['code'])));
    }
    if (f.region) {
      if (!all.some((s) => s['region'] === f.region))
        throw new ReportsException('invalid', `Unknown region: ${f.region}`, {
          field: 'region',
        });
      rows = rows.filter((s) => s['region'] === f.region);
    }
    return {
      storeIds: restricted ? rows.map((s) => Number(s['id'])) : null,
      storeCodes: rows.map((s) => String(s['code'])),
    };
  }

  /** Streams the export into `out` with backpressure and ends it. */
  async write(out: Writable, p: PreparedExport): Promise<WriteResult> {
    let result: WriteResult;
    if (p.format === 'pdf') {
      const summaries = p.definition.storeSummaries?.(p.ctx);
      if (!summaries)
        throw new ReportsException(
          'invalid',
          `Report ${p.definition.id} has no PDF`,
        );
      return writePdfSummary(out, p.meta, summaries, {
        locale: p.ctx.locale,
      });
    }
    const built = await p.definition.build(p.ctx);
    if (p.format === 'xlsx') {
      const locale = p.ctx.locale;
      const sections =
        locale === 'en'
          ? withCurrency(built, p.ctx.currency)
          : localizeSections(built, locale, p.ctx.currency);
      result = await writeXlsx(out, p.meta, sections, xlsxLabels(locale));
    } else {
      const sections = withCurrency(built, p.ctx.currency);
      const section =
        sections.find((s) => s.id === (p.section ?? sections[0].id)) ??
        sections[0];
      result = await writeCsv(out, p.meta, section, { bom: p.bom });
    }
    if (!out.writableEnded) await endStream(out);
    return result;
  }
}
