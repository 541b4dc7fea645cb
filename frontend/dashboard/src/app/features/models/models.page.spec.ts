import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role, RunDetail, TrainingSchedule } from '@shelfcast/contracts';
import { provideChartsForTesting } from '@shelfcast/charts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { EVENT_SOURCE_FACTORY } from '../data/imports.service';
import { FakeEventSource } from '../data/testing';
import { ModelsPage } from './models.page';
import { runSummary } from './testing';

describe('ModelsPage', () => {
  let controller: HttpTestingController;

  async function open(role: Role): Promise<HTMLElement> {
    FakeEventSource.instances = [];
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'models', component: ModelsPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => new FakeEventSource(url),
        },
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/models', ModelsPage);
    return harness.routeNativeElement as HTMLElement;
  }

  const schedule = (
    patch: Partial<TrainingSchedule> = {},
  ): TrainingSchedule => ({
    cron: '0 2 * * *',
    timezone: 'UTC',
    enabled: true,
    nextRuns: [
      new Date(Date.now() + 2 * 3_600_000 + 60_000).toISOString(),
      new Date(Date.now() + 26 * 3_600_000).toISOString(),
      new Date(Date.now() + 50 * 3_600_000).toISOString(),
    ],
    ...patch,
  });

  function flushEmpty(): void {
    controller
      .expectOne((r) => r.url === '/api/training/runs' && r.method === 'GET')
      .flush([]);
    controller.expectOne('/api/training/schedule').flush(schedule());
    controller.expectOne('/api/forecasts/accuracy').flush({
      runId: null,
      promotedAt: null,
      overall: null,
      categories: [],
      stores: [],
    });
    controller.expectOne('/api/stores').flush([]);
    controller.expectOne('/api/categories').flush([]);
  }

  afterEach(() => {
    controller.verify();
    localStorage.clear();
  });

  it('shows the empty state when nothing was trained, and retrain for a planner', async () => {
    const el = await open('planner');
    flushEmpty();

    TestBed.tick();
    expect(el.querySelector('sc-empty-state h2')?.textContent).toContain(
      'No models trained yet',
    );
    expect(el.textContent).toContain('Retrain now');
    // The next step is the first run, offered right in the empty state (not "import sales").
    expect(el.querySelector('sc-empty-state a[href="/data"]')).toBeNull();
    el.querySelector<HTMLButtonElement>('button.train-first')?.click();
    const post = controller.expectOne(
      (r) => r.url === '/api/training/runs' && r.method === 'POST',
    );
    expect(post.request.body).toEqual({});
    post.flush({ id: 'abcdef12-0000' });
    controller
      .expectOne((r) => r.url === '/api/training/runs' && r.method === 'GET')
      .flush([]);
  });

  it('hides retrain from a viewer, whose next step is the Data page', async () => {
    const el = await open('viewer');
    flushEmpty();
    TestBed.tick();
    expect(el.textContent).not.toContain('Retrain now');
    expect(el.querySelector('button.train-first')).toBeNull();
    expect(
      el.querySelector('sc-empty-state a[href="/data"]')?.textContent,
    ).toContain('Import sales data');
  });

  it('reports a 409 with the active run and shows live progress', async () => {
    const el = await open('admin');
    flushEmpty();
    TestBed.tick();
    const button = Array.from(el.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Retrain now'),
    );
    button?.click();
    controller
      .expectOne((r) => r.url === '/api/training/runs' && r.method === 'POST')
      .flush(
        { message: 'busy', details: { activeRunId: 'abcdef12-0000' } },
        { status: 409, statusText: 'Conflict' },
      );
    TestBed.tick();
    expect(el.textContent).toContain('A run is already active (abcdef12)');
    // The history is reloaded to show the active run.
    controller
      .expectOne((r) => r.url === '/api/training/runs' && r.method === 'GET')
      .flush([]);

    FakeEventSource.instances[0].emit({
      runId: 'abcdef12-0000',
      status: 'training',
      seriesTotal: 36,
      seriesDone: 12,
      seriesFailed: 0,
      fraction: 0.25,
      etaSeconds: 90,
      elapsedSeconds: 30,
      message: null,
    });
    TestBed.tick();
    expect(el.textContent).toContain('Training in progress');
    expect(el.textContent).toContain('12 of 36 series');
    expect(el.textContent).toContain('about 1 min');
    expect(el.textContent).not.toContain('left left');
    expect(el.textContent).toContain('25% of the run');
    expect(
      el.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow'),
    ).toBe('25');

    // The phase's own count replaces the run's; no ETA before a rate exists.
    FakeEventSource.instances[0].emit({
      runId: 'abcdef12-0000',
      status: 'backtesting',
      seriesTotal: 36,
      seriesDone: 0,
      seriesFailed: 0,
      fraction: 0.1,
      etaSeconds: 400,
      elapsedSeconds: 4,
      message: null,
      phase: { name: 'backtesting', done: 3, total: 36, unit: 'series' },
    });
    TestBed.tick();
    expect(el.textContent).toContain('3 of 36 series in this phase');
    expect(el.textContent).toContain('10% of the run');
    expect(el.textContent).toContain('estimating time left');
  });

  describe('schedule', () => {
    const promoted = runSummary({
      id: 'run-1',
      trigger: 'manual',
      requestedBy: 'planner@demo',
    });

    type Req = ReturnType<HttpTestingController['expectOne']>;

    /** `answerDetail` answers the selected run's detail (dropped when absent). */
    async function openTrained(
      answer: (req: Req) => void,
      answerDetail?: (req: Req) => void,
    ): Promise<HTMLElement> {
      const el = await open('viewer');
      controller
        .expectOne((r) => r.url === '/api/training/runs' && r.method === 'GET')
        .flush([promoted]);
      answer(controller.expectOne('/api/training/schedule'));
      controller.expectOne('/api/forecasts/accuracy').flush({
        runId: 'run-1',
        promotedAt: '2026-11-01T02:05:00Z',
        overall: null,
        categories: [],
        stores: [],
      });
      controller.expectOne('/api/stores').flush([]);
      controller.expectOne('/api/categories').flush([]);
      TestBed.tick();
      const detail = controller.expectOne('/api/training/runs/run-1');
      controller.match((r) => r.url.startsWith('/api/training/runs/'));
      answerDetail?.(detail);
      return el;
    }

    it("shows the selected run's execution history, oldest first", async () => {
      const el = await openTrained(
        (req) => req.flush(schedule()),
        (req) =>
          req.flush({
            ...promoted,
            phases: {},
            shardsTotal: 3,
            shardsDone: 3,
            errors: [],
            errorsTruncated: false,
            log: '',
            message: null,
            dataEnd: '2026-10-31',
            serving: true,
            history: [
              { kind: 'started', at: '2026-11-01T02:00:01Z', note: '' },
              {
                kind: 'interrupted',
                at: '2026-11-01T02:02:00Z',
                note: '1 of 3 shards finished',
              },
              { kind: 'resumed', at: '2026-11-01T02:03:00Z', note: '' },
            ],
          } satisfies RunDetail),
      );
      TestBed.tick();
      const rows = Array.from(el.querySelectorAll('sc-run-history li'));
      expect(
        rows.map((li) => li.querySelector('.event__kind')?.textContent?.trim()),
      ).toEqual(['Started', 'Interrupted', 'Resumed']);
      expect(rows[1].textContent).toContain('1 of 3 shards finished');
    });

    it('shows the next run in words and the cron pattern with its time zone', async () => {
      const el = await openTrained((req) =>
        req.flush(schedule({ timezone: 'Asia/Shanghai' })),
      );
      const next = el.querySelector('[data-testid="schedule-next"]');
      expect(next?.textContent).toContain('Next run in 2 hours (');
      expect(
        el.querySelector('[data-testid="schedule-cron"]')?.textContent,
      ).toBe('0 2 * * *');
      expect(el.textContent).toContain('(Asia/Shanghai)');
    });

    it('says when scheduling is off, and retries a failed load', async () => {
      const el = await openTrained((req) =>
        req.flush(null, { status: 500, statusText: 'Server Error' }),
      );
      const retry = el
        .querySelector('#schedule-title')
        ?.parentElement?.querySelector(
          'sc-error-state button',
        ) as HTMLButtonElement | null;
      expect(retry).not.toBeNull();
      retry?.click();
      controller
        .expectOne('/api/training/schedule')
        .flush(schedule({ enabled: false }));
      TestBed.tick();
      expect(
        el.querySelector('[data-testid="schedule-next"]')?.textContent,
      ).toContain('Scheduled retraining is off on this server');
    });
  });
});
