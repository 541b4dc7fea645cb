import { Injectable } from '@nestjs/common';
import type { RunProgress } from '@shelfcast/contracts';
import { Observable, Subject } from 'rxjs';

/** Fans run progress out to SSE subscribers (the dashboard). */
@Injectable()
export class TrainingProgressService {
  private readonly subject = new Subject<RunProgress>();
  private last: RunProgress | null = null;

  publish(progress: RunProgress): void {
    this.last = progress;
    this.subject.next(progress);
  }

  /** The latest progress (sent first to a new subscriber). */
  get latest(): RunProgress | null {
    return this.last;
  }

  get events(): Observable<RunProgress> {
    return this.subject.asObservable();
  }
}
