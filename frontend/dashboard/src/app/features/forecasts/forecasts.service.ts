import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CategoryDto,
  CreateOverrideRequest,
  ForecastLevel,
  ForecastOverrideDto,
  IssuedForecast,
  Page,
  ProductDto,
  SeriesForecastResponse,
  StoreDto,
} from '@shelfcast/contracts';
import type { Observable } from 'rxjs';

/** What the explorer asks for: a level and the store / product / category it needs. */
export interface SeriesQuery {
  level: ForecastLevel;
  store: string | null;
  sku: string | null;
  category: string | null;
  historyDays: number;
  /** A market-trend signal's name to draw on the second axis. */
  signal?: string | null;
}

/** Forecast explorer API: catalog pickers and the served forecast of a series or an aggregate. */
@Injectable({ providedIn: 'root' })
export class ForecastsService {
  private readonly http = inject(HttpClient);

  stores(): Observable<StoreDto[]> {
    return this.http.get<StoreDto[]>('/api/stores');
  }

  categories(): Observable<CategoryDto[]> {
    return this.http.get<CategoryDto[]>('/api/categories');
  }

  /** Products matching `search` (sku, name or brand), optionally within a category. */
  products(
    search: string,
    category: string | null,
    limit = 20,
  ): Observable<Page<ProductDto>> {
    const params: Record<string, string | number> = { limit };
    if (search.trim()) {
      params['search'] = search.trim();
    }
    if (category) {
      params['category'] = category;
    }
    return this.http.get<Page<ProductDto>>('/api/products', { params });
  }

  series(query: SeriesQuery): Observable<SeriesForecastResponse> {
    const params: Record<string, string | number> = {
      level: query.level,
      historyDays: query.historyDays,
    };
    if (query.store && (query.level === 'series' || query.level === 'store')) {
      params['store'] = query.store;
    }
    if (query.sku && (query.level === 'series' || query.level === 'product')) {
      params['sku'] = query.sku;
    }
    if (query.category && query.level === 'category') {
      params['category'] = query.category;
    }
    if (query.signal) {
      params['signal'] = query.signal;
    }
    return this.http.get<SeriesForecastResponse>('/api/forecasts/series', {
      params,
    });
  }

  /** The forecasts of one series as issued at its latest past origins, newest first. */
  issued(
    store: string,
    sku: string,
    origins: number,
  ): Observable<IssuedForecast[]> {
    return this.http.get<IssuedForecast[]>('/api/accuracy/realized/issued', {
      params: { store, sku, origins },
    });
  }

  /** Overrides of one series, newest first. */
  overrides(store: string, sku: string): Observable<ForecastOverrideDto[]> {
    return this.http.get<ForecastOverrideDto[]>('/api/overrides', {
      params: { store, sku },
    });
  }

  /** A manager's override of a series' forecast over a date range (the baseline is captured). */
  createOverride(
    request: CreateOverrideRequest,
  ): Observable<ForecastOverrideDto> {
    return this.http.post<ForecastOverrideDto>('/api/overrides', request);
  }
}
