import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DataFreshness, HealthReport } from '@shelfcast/contracts';
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

/**
 * Overview page API. Only endpoints that exist are called; KPIs whose API has not landed yet
 * (accuracy, stock-out risk, inventory value) show an empty state instead.
 */
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
}
