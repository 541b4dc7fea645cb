import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RunProgress } from '@shelfcast/contracts';
import { EVENT_SOURCE_FACTORY } from '../data/imports.service';
import { FakeEventSource } from '../data/testing';
import {
  ModelsService,
  type TriggerResult,
  activeRunIdOf,
  parseRunProgress,
} from './models.service';

const progress: RunProgress = {
  runId: 'r1',
  status: 'training',
  seriesTotal: 10,
  seriesDone: 4,
  seriesFailed: 0,
  fraction: 0.4,
  etaSeconds: 30,
  elapsedSeconds: 20,
  message: null,
};

describe('ModelsService', () => {
  let service: ModelsService;
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
    service = TestBed.inject(ModelsService);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  it('reads runs, one run, its metrics and the champion accuracy', () => {
    service.runs(20).subscribe();
    service.run('a/b').subscribe();
    service.metrics('r1').subscribe();
    service.accuracy().subscribe();
    const list = controller.expectOne((r) => r.url === '/api/training/runs');
    expect(list.request.params.get('limit')).toBe('20');
    list.flush([]);
    controller.expectOne('/api/training/runs/a%2Fb').flush({});
    controller.expectOne('/api/training/runs/r1/metrics').flush({});
    controller.expectOne('/api/forecasts/accuracy').flush({});
  });

  it('posts a retrain with its scope (none for the whole chain)', () => {
    const results: TriggerResult[] = [];
    service.trigger({ scope: 'all' }).subscribe((r) => results.push(r));
    service
      .trigger({ scope: 'store', key: 'S001' })
      .subscribe((r) => results.push(r));
    const [all, store] = controller.match('/api/training/runs');
    expect(all.request.method).toBe('POST');
    expect(all.request.body).toEqual({});
    expect(store.request.body).toEqual({ scope: 'store', key: 'S001' });
    all.flush({ id: 'r2' }, { status: 202, statusText: 'Accepted' });
    store.flush({ id: 'r3' }, { status: 202, statusText: 'Accepted' });
    expect(results.map((r) => r.kind)).toEqual(['started', 'started']);
  });

  it('turns a 409 into a conflict naming the active run', () => {
    let result: TriggerResult | null = null;
    service.trigger({}).subscribe((r) => (result = r));
    controller
      .expectOne('/api/training/runs')
      .flush(
        { message: 'busy', details: { activeRunId: 'r9' } },
        { status: 409, statusText: 'Conflict' },
      );
    expect(result).toEqual({ kind: 'conflict', activeRunId: 'r9' });
  });

  it('passes other errors on', () => {
    let failed = false;
    service.trigger({}).subscribe({ error: () => (failed = true) });
    controller
      .expectOne('/api/training/runs')
      .flush({}, { status: 403, statusText: 'Forbidden' });
    expect(failed).toBe(true);
  });

  it('streams progress from the SSE route and closes it on unsubscribe', () => {
    const seen: RunProgress[] = [];
    const sub = service.progress().subscribe((p) => seen.push(p));
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/training/events');
    source.emit(progress);
    source.emit('not json');
    expect(seen).toEqual([progress]);
    sub.unsubscribe();
    expect(source.closed).toBe(true);
  });

  it('parses 409 bodies and progress events defensively', () => {
    expect(activeRunIdOf({ details: { activeRunId: 'x' } })).toBe('x');
    expect(activeRunIdOf({ details: {} })).toBeNull();
    expect(activeRunIdOf(null)).toBeNull();
    expect(parseRunProgress('{"runId":1}')).toBeNull();
  });
});
