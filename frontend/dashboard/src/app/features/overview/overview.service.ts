import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { HttpParams } from '@angular/common/http';
import type {
  CategoryDto,
  DataFreshness,
  HealthReport,
  OverviewResponse,
  OverviewScope,
  StoreDto,
} from '@shelfcast/contracts';
import { type Observable, catchError, of, throwError } from 'rxjs';

export function isHealthReport(body: unknown): body is HealthReport {
  if (!body || typeof body !== 'object') {
    return false;
  }
  const h = body as Partial<HealthReport>;
  return (
    (h.status === 'ok' || h.status === 'degraded') &&
    typeof h.database === 'object' &&
    h.database !== null
  );
}

/** What GET /api/overview is asked for; asOf null lets the server use the last sales date. */
export interface OverviewQuery {
  scope: OverviewScope;
  key: string;
  asOf: string | null;
}

/** Overview page API: the KPIs, API health, data freshness and the scope pickers' lists. */
@Injectable({ providedIn: 'root' })
export class OverviewService {
  private readonly http = inject(HttpClient);

  /** A degraded API may answer 503 with its report: that is still a health report to show. */
  health(): Observable<HealthReport> {
    return this.http
      .get<HealthReport>('/api/health')
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && isHealthReport(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }

  freshness(): Observable<DataFreshness[]> {
    return this.http.get<DataFreshness[]>('/api/data/freshness');
  }

  overview(q: OverviewQuery): Observable<OverviewResponse> {
    let params = new HttpParams();
    if (q.scope !== 'chain') {
      params = params.set('scope', q.scope).set('key', q.key);
    }
    if (q.asOf) {
      params = params.set('asOf', q.asOf);
    }
    return this.http.get<OverviewResponse>('/api/overview', { params });
  }

  stores(): Observable<StoreDto[]> {
    return this.http.get<StoreDto[]>('/api/stores');
  }

  categories(): Observable<CategoryDto[]> {
    return this.http.get<CategoryDto[]>('/api/categories');
  }
}
