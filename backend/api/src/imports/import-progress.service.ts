import { Injectable } from '@nestjs/common';
import type { ImportProgress } from '@shelfcast/contracts';
import { Observable, Subject } from 'rxjs';

/** Fans import progress out to SSE subscribers (the dashboard) and the CLI's progress bar. */
@Injectable()
export class ImportProgressService {
  private readonly subject = new Subject<ImportProgress>();

  publish(progress: ImportProgress): void {
    this.subject.next(progress);
  }

  get events(): Observable<ImportProgress> {
    return this.subject.asObservable();
  }
}
