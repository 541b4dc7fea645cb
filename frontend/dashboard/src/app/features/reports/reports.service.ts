import {
  HttpClient,
  HttpErrorResponse,
  HttpResponse,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CategoryDto,
  CreateReportScheduleRequest,
  ReportDefinitionDto,
  ReportFileDto,
  ReportFilters,
  ReportFormat,
  ReportScheduleDto,
  StoreDto,
} from '@shelfcast/contracts';
import {
  type Observable,
  catchError,
  from,
  map,
  switchMap,
  throwError,
} from 'rxjs';

/** A downloaded file, ready to save. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** Query parameters of GET /api/reports/:id: the filters without empty values. */
export function reportParams(
  format: ReportFormat,
  filters: ReportFilters,
  options: { bom?: boolean; section?: string; locale?: string } = {},
): Record<string, string> {
  const params: Record<string, string> = { format };
  for (const [key, value] of Object.entries(filters) as [
    keyof ReportFilters,
    unknown,
  ][]) {
    if (Array.isArray(value)) {
      if (value.length) params[key] = value.join(',');
    } else if (typeof value === 'string' && value.trim() !== '') {
      params[key] = value.trim();
    }
  }
  if (format === 'csv' && options.bom) params['bom'] = 'true';
  if (format === 'csv' && options.section) params['section'] = options.section;
  // XLSX and PDF are written in the reader's language (the PDF with an embedded CJK font); the
  // CSV keeps the English headers scripts read.
  if (format !== 'csv' && options.locale) params['locale'] = options.locale;
  return params;
}

/** Only the filters a report accepts (the API refuses the others with a 400). */
export function filtersFor(
  definition: ReportDefinitionDto,
  filters: ReportFilters,
): ReportFilters {
  const out: Record<string, unknown> = {};
  for (const key of definition.filters) {
    const value = filters[key];
    if (Array.isArray(value) ? value.length > 0 : value) out[key] = value;
  }
  return out as ReportFilters;
}

/** `attachment; filename="x.csv"` → x.csv */
export function fileNameOf(
  disposition: string | null,
  fallback: string,
): string {
  const match = /filename="?([^";]+)"?/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/** A Blob's text (FileReader: also where Blob.text() is missing, e.g. jsdom). */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/**
 * Error bodies of blob requests arrive as Blobs: read them back as JSON so the page shows the
 * server's message (e.g. a 400 naming the filter).
 */
function withJsonError<T>(source: Observable<T>): Observable<T> {
  return source.pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
        return from(blobText(error.error)).pipe(
          switchMap((text) => {
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // Not JSON: keep the text.
            }
            return throwError(
              () =>
                new HttpErrorResponse({
                  error: body,
                  status: error.status,
                  statusText: error.statusText,
                  url: error.url ?? undefined,
                  headers: error.headers,
                }),
            );
          }),
        );
      }
      return throwError(() => error);
    }),
  );
}

/** Reports page API: definitions, downloads (with the auth interceptor), schedules and files. */
@Injectable({ providedIn: 'root' })
export class ReportsService {
  private readonly http = inject(HttpClient);

  definitions(): Observable<ReportDefinitionDto[]> {
    return this.http.get<ReportDefinitionDto[]>('/api/reports');
  }

  stores(): Observable<StoreDto[]> {
    return this.http.get<StoreDto[]>('/api/stores');
  }

  categories(): Observable<CategoryDto[]> {
    return this.http.get<CategoryDto[]>('/api/categories');
  }

  download(
    reportId: string,
    format: ReportFormat,
    filters: ReportFilters,
    options: { bom?: boolean; locale?: string } = {},
  ): Observable<DownloadedFile> {
    return this.blob(`/api/reports/${encodeURIComponent(reportId)}`, {
      params: reportParams(format, filters, options),
      fallback: `${reportId}.${format}`,
    });
  }

  schedules(): Observable<ReportScheduleDto[]> {
    return this.http.get<ReportScheduleDto[]>('/api/reports/schedules');
  }

  createSchedule(
    request: CreateReportScheduleRequest,
  ): Observable<ReportScheduleDto> {
    return this.http.post<ReportScheduleDto>('/api/reports/schedules', request);
  }

  deleteSchedule(id: number): Observable<void> {
    return this.http.delete<void>(`/api/reports/schedules/${id}`);
  }

  files(scheduleId?: number): Observable<ReportFileDto[]> {
    return this.http.get<ReportFileDto[]>('/api/reports/files', {
      params: scheduleId === undefined ? {} : { scheduleId },
    });
  }

  downloadFile(file: ReportFileDto): Observable<DownloadedFile> {
    return this.blob(`/api/reports/files/${file.id}`, {
      params: {},
      fallback: file.fileName.split('/').pop() ?? file.fileName,
    });
  }

  private blob(
    url: string,
    o: { params: Record<string, string>; fallback: string },
  ): Observable<DownloadedFile> {
    return withJsonError(
      this.http.get(url, {
        params: o.params,
        responseType: 'blob',
        observe: 'response',
      }),
    ).pipe(
      map((res: HttpResponse<Blob>) => ({
        blob: res.body ?? new Blob([]),
        fileName: fileNameOf(
          res.headers.get('content-disposition'),
          o.fallback,
        ),
      })),
    );
  }
}

/** Hands a downloaded file to the browser (an object URL on a temporary link). */
export function saveFile(file: DownloadedFile, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
