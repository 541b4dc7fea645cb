import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AffinityRecomputeResult,
  ProductAffinity,
  StoreAssortmentGaps,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';

/** Affinity pages API: bought together, similar products, assortment gaps. */
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

  recompute(): Observable<AffinityRecomputeResult> {
    return this.http.post<AffinityRecomputeResult>(
      '/api/affinity/recompute',
      {},
    );
  }
}
