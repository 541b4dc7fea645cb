import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  ReportDefinitionDto,
  ReportFileDto,
  ReportScheduleDto,
  Role,
} from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { ReportsPage } from './reports.page';

const DEFINITIONS: ReportDefinitionDto[] = [
  {
    id: 'forecasts',
    title: 'Forecasts by series and period',
    description: 'The serving run per series and period.',
    formats: ['csv', 'xlsx'],
    filters: ['from', 'to', 'stores', 'region', 'category', 'abc'],
    dateMeaning: 'forecast period',
    statuses: [],
    sections: [{ id: 'forecasts', title: 'Forecasts' }],
  },
  {
    id: 'training-runs',
    title: 'Training-run history',
    description: 'Every run.',
    formats: ['csv', 'xlsx'],
    filters: ['from', 'to', 'status'],
    dateMeaning: 'run created',
    statuses: ['promoted', 'rejected'],
    sections: [{ id: 'runs', title: 'Training runs' }],
  },
  {
    id: 'store-summary',
    title: 'Store management summary',
    description: 'One page per store.',
    formats: ['pdf', 'csv', 'xlsx'],
    filters: ['stores'],
    dateMeaning: null,
    statuses: [],
    sections: [{ id: 'stores', title: 'Stores' }],
  },
];

const SCHEDULE: ReportScheduleDto = {
  id: 3,
  reportId: 'forecasts',
  format: 'csv',
  cron: '0 6 * * *',
  timezone: 'UTC',
  filters: { stores: ['S002'] },
  bom: true,
  createdBy: 'planner@test',
  createdAt: '2026-11-28T10:00:00.000Z',
  lastFileAt: '2026-11-29T02:10:00.000Z',
  nextDueAt: '2026-11-29T06:00:00.000Z',
};

const FILE: ReportFileDto = {
  id: 11,
  scheduleId: 3,
  reportId: 'forecasts',
  format: 'csv',
  fileName: '3/forecasts-2026-11-29T02-10-00-000Z.csv',
  bytes: 2048,
  rows: 56,
  runId: 'run-1',
  status: 'written',
  message: null,
  createdAt: '2026-11-29T02:10:00.000Z',
};

describe('ReportsPage', () => {
  let controller: HttpTestingController;
  let saved: { href: string; download: string }[];
  const originalCreate = URL.createObjectURL;
  const originalRevoke = URL.revokeObjectURL;

  beforeEach(() => {
    saved = [];
    URL.createObjectURL = () => 'blob:report';
    URL.revokeObjectURL = () => undefined;
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        saved.push({ href: this.href, download: this.download });
      });
  });

  afterEach(() => {
    controller.verify();
    localStorage.clear();
    jest.restoreAllMocks();
    URL.createObjectURL = originalCreate;
    URL.revokeObjectURL = originalRevoke;
  });

  async function open(
    role: Role,
    definitions: ReportDefinitionDto[] = DEFINITIONS,
  ): Promise<HTMLElement> {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'reports', component: ReportsPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/reports', ReportsPage);
    const el = harness.routeNativeElement as HTMLElement;
    controller.expectOne('/api/reports').flush(definitions);
    controller.expectOne('/api/stores').flush([
      {
        id: 1,
        code: 'S001',
        name: 'North 1',
        region: 'north',
        timezone: 'UTC',
      },
      {
        id: 2,
        code: 'S002',
        name: 'South 2',
        region: 'south',
        timezone: 'UTC',
      },
    ]);
    controller.expectOne('/api/categories').flush([]);
    return el;
  }

  function flushSchedules(): void {
    controller.expectOne('/api/reports/schedules').flush([SCHEDULE]);
    controller.expectOne((r) => r.url === '/api/reports/files').flush([FILE]);
  }

  const button = (el: HTMLElement, selector: string) =>
    el.querySelector<HTMLButtonElement>(selector);

  it('downloads the selected report with the filters it takes and saves the file', async () => {
    const el = await open('planner');
    flushSchedules();
    TestBed.tick();
    expect(el.textContent).toContain('Forecasts by series and period');
    const from = el.querySelector<HTMLInputElement>('input[name="from"]');
    if (!from) throw new Error('no from');
    from.value = '2026-11-30';
    from.dispatchEvent(new Event('input'));
    from.dispatchEvent(new Event('change'));
    TestBed.tick();
    button(el, 'button[data-format="xlsx"]')?.click();
    const req = controller.expectOne((r) => r.url === '/api/reports/forecasts');
    expect(req.request.params.get('format')).toBe('xlsx');
    expect(req.request.params.get('from')).toBe('2026-11-30');
    expect(req.request.params.get('locale')).toBe('en');
    req.flush(new Blob(['xlsx']), {
      headers: {
        'content-disposition':
          'attachment; filename="forecasts-2026-11-29.xlsx"',
      },
    });
    expect(saved).toEqual([
      { href: 'blob:report', download: 'forecasts-2026-11-29.xlsx' },
    ]);

    // Switching to a report without date… the from filter it does not take is not sent.
    button(el, 'button[data-report="store-summary"]')?.click();
    TestBed.tick();
    expect(el.querySelector('input[name="from"]')).toBeNull();
    button(el, 'button[data-format="pdf"]')?.click();
    const pdf = controller.expectOne(
      (r) => r.url === '/api/reports/store-summary',
    );
    expect(pdf.request.params.keys()).toEqual(['format', 'locale']);
    expect(pdf.request.params.get('locale')).toBe('en');
    pdf.flush(new Blob(['%PDF']));
    expect(saved[1].download).toBe('store-summary.pdf');
  });

  it("shows the API's message when a download is refused", async () => {
    const el = await open('viewer');
    flushSchedules();
    TestBed.tick();
    button(el, 'button[data-format="csv"]')?.click();
    controller
      .expectOne((r) => r.url === '/api/reports/forecasts')
      .flush(
        new Blob([
          JSON.stringify({ message: 'from (2026-12-05) is after to' }),
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    // The error body is a Blob, read asynchronously.
    for (let i = 0; i < 50 && !el.querySelector('sc-error-state'); i++) {
      await new Promise((r) => setTimeout(r, 5));
      TestBed.tick();
    }
    expect(el.querySelector('sc-error-state')?.textContent).toContain(
      'from (2026-12-05) is after to',
    );
    expect(saved).toEqual([]);
  });

  it('lets a planner schedule a report and lists schedules with their files', async () => {
    const el = await open('planner');
    flushSchedules();
    TestBed.tick();
    const row = el.querySelector('tr[data-schedule="3"]');
    expect(row?.textContent).toContain('0 6 * * *');
    expect(row?.textContent).toContain('stores=S002');
    button(el, 'button[data-file="11"]')?.click();
    controller.expectOne('/api/reports/files/11').flush(new Blob(['a']));
    expect(saved[0].download).toBe('forecasts-2026-11-29T02-10-00-000Z.csv');

    button(el, 'button[data-report="training-runs"]')?.click();
    TestBed.tick();
    const cron = el.querySelector<HTMLInputElement>('input[name="cron"]');
    if (!cron) throw new Error('no cron');
    cron.value = '0 7 * * 1';
    cron.dispatchEvent(new Event('input'));
    button(el, 'button[data-action="schedule"]')?.click();
    const post = controller.expectOne(
      (r) => r.url === '/api/reports/schedules' && r.method === 'POST',
    );
    expect(post.request.body).toEqual({
      reportId: 'training-runs',
      format: 'csv',
      cron: '0 7 * * 1',
      filters: {},
      bom: false,
    });
    post.flush({ ...SCHEDULE, id: 4 });
    controller.expectOne('/api/reports/schedules').flush([SCHEDULE]);

    button(el, 'button[data-delete="3"]')?.click();
    const del = controller.expectOne('/api/reports/schedules/3');
    expect(del.request.method).toBe('DELETE');
    del.flush(null);
    controller.expectOne('/api/reports/schedules').flush([]);
    controller.expectOne((r) => r.url === '/api/reports/files').flush([]);
    TestBed.tick();
    expect(el.textContent).toContain('No scheduled reports yet.');
  });

  it('hides scheduled reports from a store manager and scheduling from a viewer', async () => {
    const manager = await open('store_manager');
    TestBed.tick();
    expect(manager.textContent).not.toContain('Scheduled reports');
    expect(manager.querySelector('button[data-format="csv"]')).not.toBeNull();
    controller.verify();
    TestBed.resetTestingModule();
    localStorage.clear();

    const viewer = await open('viewer');
    flushSchedules();
    TestBed.tick();
    expect(viewer.textContent).toContain('Scheduled reports');
    expect(viewer.querySelector('button[data-action="schedule"]')).toBeNull();
    expect(viewer.querySelector('button[data-delete="3"]')).toBeNull();
  });

  it("shows report descriptions and date meanings in the active language, the server's text for unknown reports", async () => {
    const custom: ReportDefinitionDto = {
      ...DEFINITIONS[1],
      // A report a newer server knows and this dashboard does not.
      id: 'custom' as ReportDefinitionDto['id'],
      description: 'A report the dashboard does not know.',
      dateMeaning: 'custom date',
    };
    const el = await open('store_manager', [...DEFINITIONS, custom]);
    TestBed.inject(I18n).setLanguage('zh-CN');
    TestBed.tick();
    const description = () =>
      el.querySelector('.description')?.textContent?.trim();
    expect(description()).toContain('当前服务运行按门店 × 商品 × 周期');
    expect(el.textContent).toContain('日期筛选的是：预测周期。');
    expect(el.textContent).not.toContain('forecast period');

    button(el, 'button[data-report="custom"]')?.click();
    TestBed.tick();
    expect(description()).toBe('A report the dashboard does not know.');
    expect(el.textContent).toContain('日期筛选的是：custom date。');

    TestBed.inject(I18n).setLanguage('en');
    button(el, 'button[data-report="training-runs"]')?.click();
    TestBed.tick();
    expect(description()).toContain('Every training run: trigger, scope');
    expect(el.textContent).toContain('Dates filter the run created.');
  });
});
