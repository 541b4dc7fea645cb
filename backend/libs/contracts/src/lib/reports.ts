/** Reports and exports (issue 8): definitions, filters, schedules and produced files. */

export const REPORT_IDS = [
  'forecasts',
  'accuracy',
  'recommendations',
  'stock-risk',
  'training-runs',
  'store-summary',
] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Languages a PDF report is written in (the dashboard's locales). */
export const REPORT_LOCALES = ['en', 'zh-CN'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

export const REPORT_FILTER_KEYS = [
  'from',
  'to',
  'stores',
  'region',
  'category',
  'abc',
  'status',
] as const;
export type ReportFilterKey = (typeof REPORT_FILTER_KEYS)[number];

/** The filters of every report; a report refuses (400) the ones it does not list. */
export interface ReportFilters {
  /** First date (yyyy-mm-dd, inclusive); what date it filters depends on the report. */
  from?: string;
  /** Last date (yyyy-mm-dd, inclusive). */
  to?: string;
  /** Store codes. */
  stores?: string[];
  region?: string;
  /** Category path prefix, e.g. `dairy` or `dairy/milk`. */
  category?: string;
  abc?: 'A' | 'B' | 'C';
  /** A recommendation status, or a run status for training-runs. */
  status?: string;
}

/** GET /api/reports: one entry per report. */
export interface ReportDefinitionDto {
  id: ReportId;
  title: string;
  description: string;
  formats: ReportFormat[];
  /** The filters the report accepts. */
  filters: ReportFilterKey[];
  /** What `from`/`to` filter, e.g. "forecast period". */
  dateMeaning: string | null;
  /** Allowed values of `status`, empty when the report has no status filter. */
  statuses: string[];
  /** Sections: XLSX sheets; CSV exports one (`section=`, default the first). */
  sections: { id: string; title: string }[];
}

export interface ReportScheduleDto {
  id: number;
  reportId: ReportId;
  format: ReportFormat;
  /** Five-field cron pattern: the report is due when it fired since its last file. */
  cron: string;
  timezone: string;
  filters: ReportFilters;
  /** Only for CSV: start with a UTF-8 byte-order mark (Excel). */
  bom: boolean;
  createdBy: string | null;
  createdAt: string;
  lastFileAt: string | null;
  /** Next time the cron fires (the file is written after the first nightly run that follows). */
  nextDueAt: string | null;
}

/** POST /api/reports/schedules */
export interface CreateReportScheduleRequest {
  reportId: ReportId;
  format: ReportFormat;
  cron: string;
  timezone?: string;
  filters?: ReportFilters;
  bom?: boolean;
}

export type ReportFileStatus = 'written' | 'failed';

/** One file a schedule produced (its history). */
export interface ReportFileDto {
  id: number;
  scheduleId: number;
  reportId: ReportId;
  format: ReportFormat;
  fileName: string;
  bytes: number;
  rows: number;
  /** The training run after which it was written. */
  runId: string | null;
  status: ReportFileStatus;
  message: string | null;
  createdAt: string;
}
