import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccuracyResponse,
  CategoryDto,
  RunDetail,
  RunMetrics,
  RunProgress,
  RunSummary,
  StoreDto,
  TrainingSchedule,
  TriggerRunRequest,
} from '@shelfcast/contracts';
import { Observable, catchError, map, of, throwError } from 'rxjs';
import { EVENT_SOURCE_FACTORY } from '../data/imports.service';

export type TriggerResult =
  | { kind: 'started'; run: RunDetail }
  /** Another run is active (409): its id, when the API names it. */
  | { kind: 'conflict'; activeRunId: string | null };

/** The active run id from a 409 body `{ details: { activeRunId } }`. */
export function activeRunIdOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') {
    return null;
  }
  const details = (body as { details?: unknown }).details;
  if (!details || typeof details !== 'object') {
    return null;
  }
  const id = (details as { activeRunId?: unknown }).activeRunId;
  return typeof id === 'string' ? id : null;
}

export function parseRunProgress(data: string): RunProgress | null {
  try {
    const value: unknown = JSON.parse(data);
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as RunProgress).runId === 'string' &&
      typeof (value as RunProgress).status === 'string' &&
      typeof (value as RunProgress).fraction === 'number'
    ) {
      return value as RunProgress;
    }
  } catch {
    // A heartbeat or a malformed event: ignore it.
  }
  return null;
}

/** Models & training page API: runs, their metrics, the champion's accuracy, retrain, progress. */
@Injectable({ providedIn: 'root' })
export class ModelsService {
  private readonly http = inject(HttpClient);
  private readonly eventSource = inject(EVENT_SOURCE_FACTORY);

  runs(limit = 50): Observable<RunSummary[]> {
    return this.http.get<RunSummary[]>('/api/training/runs', {
      params: { limit },
    });
  }

  run(id: string): Observable<RunDetail> {
    return this.http.get<RunDetail>(
      `/api/training/runs/${encodeURIComponent(id)}`,
    );
  }

  metrics(id: string): Observable<RunMetrics> {
    return this.http.get<RunMetrics>(
      `/api/training/runs/${encodeURIComponent(id)}/metrics`,
    );
  }

  /** The nightly retrain's cron, time zone and next ticks. */
  schedule(): Observable<TrainingSchedule> {
    return this.http.get<TrainingSchedule>('/api/training/schedule');
  }

  /** The serving (champion) run's backtest accuracy. */
  accuracy(): Observable<AccuracyResponse> {
    return this.http.get<AccuracyResponse>('/api/forecasts/accuracy');
  }

  stores(): Observable<StoreDto[]> {
    return this.http.get<StoreDto[]>('/api/stores');
  }

  categories(): Observable<CategoryDto[]> {
    return this.http.get<CategoryDto[]>('/api/categories');
  }

  /** Cancels an active run; the champion keeps serving. */
  cancel(id: string): Observable<RunDetail> {
    return this.http.post<RunDetail>(
      `/api/training/runs/${encodeURIComponent(id)}/cancel`,
      {},
    );
  }

  /** Retrain now. A 409 (a run is already active) is a result, not an error. */
  trigger(request: TriggerRunRequest): Observable<TriggerResult> {
    const body: TriggerRunRequest =
      !request.scope || request.scope === 'all'
        ? {}
        : { scope: request.scope, key: request.key };
    return this.http.post<RunDetail>('/api/training/runs', body).pipe(
      map((run): TriggerResult => ({ kind: 'started', run })),
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 409
          ? of<TriggerResult>({
              kind: 'conflict',
              activeRunId: activeRunIdOf(error.error),
            })
          : throwError(() => error),
      ),
    );
  }

  /**
   * Progress of the active run over server-sent events (the latest state first). Never errors
   * (EventSource reconnects by itself); unsubscribing closes the stream.
   */
  progress(): Observable<RunProgress> {
    return new Observable<RunProgress>((subscriber) => {
      const source = this.eventSource('/api/training/events');
      source.onmessage = (event) => {
        const progress = parseRunProgress(event.data);
        if (progress) {
          subscriber.next(progress);
        }
      };
      source.onerror = () => undefined;
      return () => source.close();
    });
  }
}
