import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CategoryDto,
  DecisionHistoryEntry,
  DecisionResult,
  Page,
  RecommendationDetail,
  RecommendationFilters,
  RecommendationLine,
  RecommendationSort,
  StoreDto,
  WhatIfResult,
  RecommendationProofView,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';

export interface RecommendationQuery {
  filters: RecommendationFilters;
  sort: RecommendationSort | null;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Filters without empty values (the API treats absent as "any"). */
export function compactFilters(
  filters: RecommendationFilters,
): RecommendationFilters {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value.trim() !== '') {
      out[name] = value.trim();
    }
  }
  return out as RecommendationFilters;
}

/** Inventory page API: replenishment recommendations, their decisions and the what-if replay. */
@Injectable({ providedIn: 'root' })
export class InventoryService {
  private readonly http = inject(HttpClient);

  list(query: RecommendationQuery): Observable<Page<RecommendationLine>> {
    const params: Record<string, string | number> = {
      ...compactFilters(query.filters),
      limit: query.limit,
      offset: query.offset,
    };
    if (query.sort) {
      params['sort'] = query.sort;
      params['order'] = query.order;
    }
    return this.http.get<Page<RecommendationLine>>('/api/recommendations', {
      params,
    });
  }

  detail(id: number): Observable<RecommendationDetail> {
    return this.http.get<RecommendationDetail>(`/api/recommendations/${id}`);
  }

  whatIf(id: number, serviceLevel: number): Observable<WhatIfResult> {
    return this.http.get<WhatIfResult>(`/api/recommendations/${id}/what-if`, {
      params: { serviceLevel },
    });
  }

  approve(id: number, reason?: string): Observable<RecommendationLine> {
    return this.http.post<RecommendationLine>(
      `/api/recommendations/${id}/approve`,
      reason ? { reason } : {},
    );
  }

  reject(id: number, reason?: string): Observable<RecommendationLine> {
    return this.http.post<RecommendationLine>(
      `/api/recommendations/${id}/reject`,
      reason ? { reason } : {},
    );
  }

  adjust(
    id: number,
    quantity: number,
    reason: string,
  ): Observable<RecommendationLine> {
    return this.http.post<RecommendationLine>(
      `/api/recommendations/${id}/adjust`,
      { quantity, reason },
    );
  }

  /** Second approval of an adjustment waiting for one (planners, not the one who adjusted). */
  secondApproval(id: number, reason?: string): Observable<RecommendationLine> {
    return this.http.post<RecommendationLine>(
      `/api/recommendations/${id}/second-approval`,
      reason ? { reason } : {},
    );
  }

  /** Every change of a line's decision, oldest first. */
  history(id: number): Observable<DecisionHistoryEntry[]> {
    return this.http.get<DecisionHistoryEntry[]>(
      `/api/recommendations/${id}/history`,
    );
  }

  /** Approves every pending line matching the filters. */
  bulkApprove(filters: RecommendationFilters): Observable<DecisionResult> {
    return this.http.post<DecisionResult>('/api/recommendations/bulk-approve', {
      filters: compactFilters(filters),
    });
  }

  /** The line's result in the latest policy proof that covered it (404 until one did). */
  proof(id: number): Observable<RecommendationProofView> {
    return this.http.get<RecommendationProofView>(
      `/api/policy-proof/recommendations/${id}`,
    );
  }

  stores(): Observable<StoreDto[]> {
    return this.http.get<StoreDto[]>('/api/stores');
  }

  categories(): Observable<CategoryDto[]> {
    return this.http.get<CategoryDto[]>('/api/categories');
  }
}
