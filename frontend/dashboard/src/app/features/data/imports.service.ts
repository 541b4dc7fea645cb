import {
  HttpClient,
  HttpErrorResponse,
  HttpEventType,
} from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import type {
  DataFreshness,
  ImportKind,
  ImportProgress,
  ImportReport,
} from '@shelfcast/contracts';
import { IMPORT_KINDS } from '@shelfcast/contracts';
import { Observable, catchError, filter, map, of, throwError } from 'rxjs';
import { TicketedEventSource } from '../../core/http/ticketed-event-source';

/** The part of EventSource the service uses (tests replace it). */
export interface EventSourceLike {
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export const EVENT_SOURCE_FACTORY = new InjectionToken<
  (url: string) => EventSourceLike
>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => {
    // EventSource cannot send headers, and tokens never go in URLs: each stream opens with a
    // one-time ticket (core/http/ticketed-event-source.ts).
    const http = inject(HttpClient);
    return (url: string) => new TicketedEventSource(http, url);
  },
});

export type UploadEvent =
  | { type: 'sending'; fraction: number | null }
  /** The server answered with a report: `succeeded` (201) or `rejected` (422). */
  | { type: 'done'; report: ImportReport };

const STATUSES = ['running', 'succeeded', 'rejected', 'failed', 'aborted'];

/** A response body that is an import report (the 422 body of a rejected file is one). */
export function isImportReport(body: unknown): body is ImportReport {
  if (!body || typeof body !== 'object') {
    return false;
  }
  const r = body as Partial<ImportReport>;
  return (
    typeof r.id === 'string' &&
    typeof r.kind === 'string' &&
    (IMPORT_KINDS as readonly string[]).includes(r.kind) &&
    typeof r.status === 'string' &&
    STATUSES.includes(r.status) &&
    typeof r.rowsRead === 'number' &&
    typeof r.errorCount === 'number'
  );
}

/** Data page API: CSV imports (upload, live progress, history) and data freshness. */
@Injectable({ providedIn: 'root' })
export class ImportsService {
  private readonly http = inject(HttpClient);
  private readonly eventSource = inject(EVENT_SOURCE_FACTORY);

  /**
   * Uploads a CSV as multipart field `file`. Emits send progress, then the report. A 422 with an
   * import report body is a result (the file was rejected), not an error.
   */
  upload(kind: ImportKind, file: File, ref: string): Observable<UploadEvent> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http
      .post<ImportReport>(`/api/imports/${encodeURIComponent(kind)}`, body, {
        params: { ref },
        observe: 'events',
        reportProgress: true,
      })
      .pipe(
        map((event): UploadEvent | null => {
          if (event.type === HttpEventType.UploadProgress) {
            return {
              type: 'sending',
              fraction: event.total ? event.loaded / event.total : null,
            };
          }
          if (
            event.type === HttpEventType.Response &&
            isImportReport(event.body)
          ) {
            return { type: 'done', report: event.body };
          }
          return null;
        }),
        filter((event): event is UploadEvent => event !== null),
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse &&
          error.status === 422 &&
          isImportReport(error.error)
            ? of<UploadEvent>({ type: 'done', report: error.error })
            : throwError(() => error),
        ),
      );
  }

  /**
   * Live progress of the import started with `ref`, from the server-sent events stream. The
   * stream never errors (EventSource reconnects by itself); unsubscribing closes it.
   */
  progress(ref: string): Observable<ImportProgress> {
    return new Observable<ImportProgress>((subscriber) => {
      const source = this.eventSource('/api/imports/events');
      source.onmessage = (event) => {
        const progress = parseProgress(event.data);
        if (progress && progress.ref === ref) {
          subscriber.next(progress);
        }
      };
      source.onerror = () => undefined;
      return () => source.close();
    });
  }

  /** Latest imports, newest first (reports without their error rows). */
  history(limit = 50): Observable<ImportReport[]> {
    return this.http.get<ImportReport[]>('/api/imports', { params: { limit } });
  }

  freshness(): Observable<DataFreshness[]> {
    return this.http.get<DataFreshness[]>('/api/data/freshness');
  }
}

export function parseProgress(data: string): ImportProgress | null {
  try {
    const value: unknown = JSON.parse(data);
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as ImportProgress).id === 'string' &&
      typeof (value as ImportProgress).rows === 'number'
    ) {
      return value as ImportProgress;
    }
  } catch {
    // A heartbeat or a malformed event: ignore it.
  }
  return null;
}
