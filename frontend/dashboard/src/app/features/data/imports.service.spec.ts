import { HttpEventType, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportProgress } from '@shelfcast/contracts';
import {
  EVENT_SOURCE_FACTORY,
  ImportsService,
  type UploadEvent,
  isImportReport,
  parseProgress,
} from './imports.service';
import { FakeEventSource, progress, report } from './testing';

describe('ImportsService', () => {
  let service: ImportsService;
  let controller: HttpTestingController;

  beforeEach(() => {
    FakeEventSource.instances = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => new FakeEventSource(url),
        },
      ],
    });
    service = TestBed.inject(ImportsService);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  const file = () =>
    new File(['store,sku,date,units\n'], 'sales.csv', { type: 'text/csv' });

  it('posts the file as multipart field "file" with the ref, reporting send progress then the report', () => {
    const events: UploadEvent[] = [];
    service
      .upload('purchase-orders', file(), 'ref-1')
      .subscribe((e) => events.push(e));
    const req = controller.expectOne(
      (r) => r.url === '/api/imports/purchase-orders',
    );
    expect(req.request.method).toBe('POST');
    expect(req.request.params.get('ref')).toBe('ref-1');
    expect(req.request.reportProgress).toBe(true);
    const body = req.request.body as FormData;
    expect((body.get('file') as File).name).toBe('sales.csv');

    req.event({ type: HttpEventType.UploadProgress, loaded: 25, total: 100 });
    req.flush(report(), { status: 201, statusText: 'Created' });
    expect(events).toEqual([
      { type: 'sending', fraction: 0.25 },
      { type: 'done', report: report() },
    ]);
  });

  it('turns a 422 with a report into a rejected result, not an error', () => {
    const rejected = report({
      status: 'rejected',
      rowsImported: 0,
      errorCount: 2,
      errorsByReason: { unknown_store: 2 },
      errors: [
        {
          row: 3,
          column: 'store',
          value: 'X9',
          reason: 'unknown_store',
          message: 'No store X9',
        },
      ],
    });
    const events: UploadEvent[] = [];
    const errors: unknown[] = [];
    service
      .upload('sales', file(), 'r')
      .subscribe({ next: (e) => events.push(e), error: (e) => errors.push(e) });
    controller
      .expectOne((r) => r.url === '/api/imports/sales')
      .flush(rejected, { status: 422, statusText: 'Unprocessable Entity' });
    expect(errors).toEqual([]);
    expect(events).toEqual([{ type: 'done', report: rejected }]);
  });

  it('fails on other errors', () => {
    const errors: unknown[] = [];
    service
      .upload('sales', file(), 'r')
      .subscribe({ error: (e) => errors.push(e) });
    controller
      .expectOne((r) => r.url === '/api/imports/sales')
      .flush(
        { message: 'Payload too large' },
        { status: 413, statusText: 'Too Large' },
      );
    expect(errors).toHaveLength(1);
  });

  it('streams progress for its own ref only, and closes the stream on unsubscribe', () => {
    const seen: ImportProgress[] = [];
    const sub = service.progress('ref-1').subscribe((p) => seen.push(p));
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/imports/events');
    source.emit(progress({ ref: 'someone-else' }));
    source.emit(progress({ rows: 10 }));
    source.emit('not json');
    expect(seen.map((p) => p.rows)).toEqual([10]);
    sub.unsubscribe();
    expect(source.closed).toBe(true);
  });

  it('loads history with a limit and the freshness', () => {
    service.history(50).subscribe();
    const history = controller.expectOne((r) => r.url === '/api/imports');
    expect(history.request.params.get('limit')).toBe('50');
    history.flush([]);
    service.freshness().subscribe();
    controller.expectOne('/api/data/freshness').flush([]);
  });
});

describe('import payload guards', () => {
  it('recognise import reports', () => {
    expect(isImportReport(report())).toBe(true);
    expect(isImportReport({ ...report(), status: 'aborted' })).toBe(true);
    expect(isImportReport({ ...report(), status: 'paused' })).toBe(false);
    expect(isImportReport({ ...report(), kind: 'pets' })).toBe(false);
    expect(isImportReport({ message: 'Bad Request' })).toBe(false);
    expect(isImportReport(null)).toBe(false);
  });

  it('parse progress events', () => {
    expect(parseProgress(JSON.stringify(progress()))).toEqual(progress());
    expect(parseProgress('{"hello":1}')).toBeNull();
    expect(parseProgress(':heartbeat')).toBeNull();
  });
});
