import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PolicyProofView } from '@shelfcast/contracts';
import { type Observable, map } from 'rxjs';
import { type DownloadedFile, fileNameOf } from '../reports/reports.service';

export type ProofExportFormat = 'csv' | 'xlsx' | 'pdf';
export const PROOF_EXPORT_FORMATS: readonly ProofExportFormat[] = [
  'csv',
  'xlsx',
  'pdf',
];

/** The Policy proof view's API: the latest (or one) proof, starting one, and its exports. */
@Injectable({ providedIn: 'root' })
export class PolicyProofService {
  private readonly http = inject(HttpClient);

  /** The latest finished proof, or the one asked for (any status), store-scoped by the API. */
  proof(proofId?: number): Observable<PolicyProofView> {
    return this.http.get<PolicyProofView>('/api/policy-proof', {
      params: {
        limit: 1000,
        ...(proofId === undefined ? {} : { proofId }),
      },
    });
  }

  /** Starts a proof of the serving run (planners); poll {@link proof} with the id. */
  run(weeks?: number): Observable<{ id: number; status: string }> {
    return this.http.post<{ id: number; status: string }>(
      '/api/policy-proof/run',
      weeks === undefined ? {} : { weeks },
    );
  }

  download(
    format: ProofExportFormat,
    proofId: number,
  ): Observable<DownloadedFile> {
    return this.http
      .get(`/api/policy-proof/export.${format}`, {
        params: { proofId },
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([]),
          fileName: fileNameOf(
            res.headers.get('content-disposition'),
            `policy-proof.${format}`,
          ),
        })),
      );
  }
}
