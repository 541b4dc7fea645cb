import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AffinityRecomputeResult,
  Page,
  ProductAffinity,
  ProductDto,
  StoreAssortmentGaps,
  StoreDto,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';

/** Affinity pages API: bought together, similar products, assortment gaps, and the index lists. */
@Injectable({ providedIn: 'root' })
export class AffinityService {
  private readonly http = inject(HttpClient);

  product(sku: string): Observable<ProductAffinity> {
    return this.http.get<ProductAffinity>(
      `/api/affinity/products/${encodeURIComponent(sku)}`,
    );
  }

  storeGaps(code: string): Observable<StoreAssortmentGaps> {
    return this.http.get<StoreAssortmentGaps>(
      `/api/affinity/stores/${encodeURIComponent(code)}/gaps`,
    );
  }

  /** Stores the user may see (store managers: their own). */
  stores(): Observable<StoreDto[]> {
    return this.http.get<StoreDto[]>('/api/stores');
  }

  /** First products matching a search (SKU or name), for the affinity index page. */
  products(search: string, limit = 50): Observable<Page<ProductDto>> {
    const params: Record<string, string | number> = { limit };
    if (search) params['search'] = search;
    return this.http.get<Page<ProductDto>>('/api/products', { params });
  }

  recompute(): Observable<AffinityRecomputeResult> {
    return this.http.post<AffinityRecomputeResult>(
      '/api/affinity/recompute',
      {},
    );
  }
}
