import type { ImportProgress, ImportReport } from '@shelfcast/contracts';
import type { EventSourceLike } from './imports.service';

/** An EventSource stand-in: tests push server-sent events with `emit`. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  emit(data: unknown): void {
    this.onmessage?.(
      new MessageEvent('message', {
        data: typeof data === 'string' ? data : JSON.stringify(data),
      }),
    );
  }

  close(): void {
    this.closed = true;
  }
}

export function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    id: 'imp-1',
    kind: 'sales',
    fileName: 'sales.csv',
    status: 'succeeded',
    rowsRead: 1200,
    rowsImported: 1200,
    errorCount: 0,
    errorsByReason: {},
    errors: [],
    errorsTruncated: false,
    startedAt: '2026-11-28T09:00:00Z',
    finishedAt: '2026-11-28T09:00:02Z',
    durationMs: 2100,
    userName: null,
    ...overrides,
  };
}

export function progress(
  overrides: Partial<ImportProgress> = {},
): ImportProgress {
  return {
    id: 'imp-1',
    ref: 'ref-1',
    kind: 'sales',
    fileName: 'sales.csv',
    status: 'running',
    rows: 500,
    rowsPerSecond: 2500,
    bytesRead: 5000,
    totalBytes: 10000,
    fraction: 0.5,
    errorCount: 0,
    ...overrides,
  };
}
