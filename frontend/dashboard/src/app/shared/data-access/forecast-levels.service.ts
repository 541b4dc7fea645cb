import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  HierarchyLevel,
  LevelForecastResponse,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';

/**
 * Reconciled (coherent) forecasts per hierarchy level (GET /api/forecasts/levels), shared by the
 * forecasts explorer and the overview.
 */
@Injectable({ providedIn: 'root' })
export class ForecastLevelsService {
  private readonly http = inject(HttpClient);

  /** Reconciled forecast of one node of a hierarchy level; key '' = the first node. */
  level(
    level: HierarchyLevel,
    key: string,
    historyDays: number,
  ): Observable<LevelForecastResponse> {
    const params: Record<string, string | number> = { level, historyDays };
    if (key) {
      params['key'] = key;
    }
    return this.http.get<LevelForecastResponse>('/api/forecasts/levels', {
      params,
    });
  }

  /** Every node of a level the reader may open, as the API's CSV. */
  levelCsv(level: HierarchyLevel): Observable<string> {
    return this.http.get('/api/forecasts/levels/export.csv', {
      params: { level },
      responseType: 'text',
    });
  }
}
