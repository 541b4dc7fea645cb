import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DriftFlagItem, RealizedAccuracyRow } from '@shelfcast/contracts';
import type { Observable } from 'rxjs';

export const REALIZED_LEVELS = [
  'chain',
  'store',
  'category',
  'category_store',
  'series',
] as const;
export type RealizedLevel = (typeof REALIZED_LEVELS)[number];

/** Days ahead (daily series) and weeks ahead (weekly series, `…w`), as the API stores them. */
export const HORIZON_BUCKETS = [
  'all',
  '1-7',
  '8-14',
  '15-28',
  '1w',
  '2w',
  '3-4w',
] as const;
export type HorizonBucketChoice = (typeof HORIZON_BUCKETS)[number];

/** The label key and range of a bucket: `3-4w` → weeks 3-4, `8-14` → days 8-14. */
export function bucketLabel(bucket: HorizonBucketChoice): {
  key: 'common.all' | 'accuracy.days' | 'accuracy.weeks';
  range: string;
} {
  if (bucket === 'all') return { key: 'common.all', range: '' };
  return bucket.endsWith('w')
    ? { key: 'accuracy.weeks', range: bucket.slice(0, -1) }
    : { key: 'accuracy.days', range: bucket };
}

/** Realized accuracy of issued forecasts and drift flags. */
@Injectable({ providedIn: 'root' })
export class AccuracyService {
  private readonly http = inject(HttpClient);

  realized(
    level: RealizedLevel,
    bucket: HorizonBucketChoice,
    scope: string,
  ): Observable<RealizedAccuracyRow[]> {
    const params: Record<string, string> = { level, bucket };
    if (scope) params['scope'] = scope;
    return this.http.get<RealizedAccuracyRow[]>('/api/accuracy/realized', {
      params,
    });
  }

  drift(): Observable<DriftFlagItem[]> {
    return this.http.get<DriftFlagItem[]>('/api/accuracy/drift');
  }
}
