import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEntryDto, Page, UserDto } from '@shelfcast/contracts';
import { type Observable, map } from 'rxjs';

export interface AuditFilters {
  actorId?: number | null;
  action?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Query parameters without empty filters. */
export function auditParams(f: AuditFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (f.actorId) params['actorId'] = String(f.actorId);
  if (f.action) params['action'] = f.action;
  if (f.from) params['from'] = f.from;
  if (f.to) params['to'] = f.to;
  return params;
}

/** The audit log: /api/audit (admin only). */
@Injectable({ providedIn: 'root' })
export class AuditAdminService {
  private readonly http = inject(HttpClient);

  page(
    filters: AuditFilters,
    offset: number,
    limit = 100,
  ): Observable<Page<AuditEntryDto>> {
    return this.http.get<Page<AuditEntryDto>>('/api/audit', {
      params: {
        ...auditParams(filters),
        offset: String(offset),
        limit: String(limit),
      },
    });
  }

  actions(): Observable<string[]> {
    return this.http.get<string[]>('/api/audit/actions');
  }

  users(): Observable<UserDto[]> {
    return this.http.get<UserDto[]>('/api/users');
  }

  exportCsv(
    filters: AuditFilters,
  ): Observable<{ blob: Blob; fileName: string }> {
    return this.http
      .get('/api/audit/export.csv', {
        params: auditParams(filters),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([]),
          fileName:
            /filename="([^"]+)"/.exec(
              res.headers.get('content-disposition') ?? '',
            )?.[1] ?? 'audit.csv',
        })),
      );
  }
}
