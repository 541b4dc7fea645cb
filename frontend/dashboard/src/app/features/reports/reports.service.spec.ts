import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ReportDefinitionDto } from '@shelfcast/contracts';
import { toApiError } from '../../core/http/api-error';
import {
  ReportsService,
  blobText,
  fileNameOf,
  filtersFor,
  reportParams,
} from './reports.service';

const forecasts: ReportDefinitionDto = {
  id: 'forecasts',
  title: 'Forecasts by series and period',
  description: '',
  formats: ['csv', 'xlsx'],
  filters: ['from', 'to', 'stores', 'region', 'category', 'abc'],
  dateMeaning: 'forecast period',
  statuses: [],
  sections: [{ id: 'forecasts', title: 'Forecasts' }],
};

describe('reports service helpers', () => {
  it('builds query parameters without empty filters, joining stores', () => {
    expect(
      reportParams(
        'csv',
        { from: '2026-11-30', to: ' ', stores: ['S001', 'S002'], region: '' },
        { bom: true },
      ),
    ).toEqual({
      format: 'csv',
      from: '2026-11-30',
      stores: 'S001,S002',
      bom: 'true',
    });
    expect(reportParams('xlsx', { stores: [] }, { bom: true })).toEqual({
      format: 'xlsx',
    });
    // The language goes with XLSX and PDF (the CSV headers stay stable for scripts).
    expect(reportParams('pdf', {}, { locale: 'zh-CN' })).toEqual({
      format: 'pdf',
      locale: 'zh-CN',
    });
    expect(reportParams('xlsx', {}, { locale: 'zh-CN' })).toEqual({
      format: 'xlsx',
      locale: 'zh-CN',
    });
    expect(reportParams('csv', {}, { locale: 'zh-CN' })).toEqual({
      format: 'csv',
    });
  });

  it('keeps only the filters a report takes', () => {
    expect(
      filtersFor(forecasts, { status: 'approved', abc: 'A', stores: [] }),
    ).toEqual({ abc: 'A' });
  });

  it('reads the file name from content-disposition', () => {
    expect(
      fileNameOf('attachment; filename="forecasts-2026-11-29.csv"', 'x'),
    ).toBe('forecasts-2026-11-29.csv');
    expect(fileNameOf(null, 'fallback.pdf')).toBe('fallback.pdf');
  });
});

describe('ReportsService', () => {
  let service: ReportsService;
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(ReportsService);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  it('downloads a report as a blob with its filters and file name', async () => {
    const done = new Promise<{ blob: Blob; fileName: string }>((resolve) =>
      service
        .download('forecasts', 'csv', { stores: ['S001'] }, { bom: true })
        .subscribe(resolve),
    );
    const req = controller.expectOne((r) => r.url === '/api/reports/forecasts');
    expect(req.request.responseType).toBe('blob');
    expect(req.request.params.get('format')).toBe('csv');
    expect(req.request.params.get('stores')).toBe('S001');
    expect(req.request.params.get('bom')).toBe('true');
    req.flush(new Blob(['a,b\r\n']), {
      headers: {
        'content-disposition':
          'attachment; filename="forecasts-2026-11-29.csv"',
      },
    });
    const file = await done;
    expect(file.fileName).toBe('forecasts-2026-11-29.csv');
    expect(await blobText(file.blob)).toBe('a,b\r\n');
  });

  it("turns a blob error body back into the server's message", async () => {
    const failed = new Promise<unknown>((resolve) =>
      service
        .download('training-runs', 'csv', { stores: ['S001'] })
        .subscribe({ error: resolve }),
    );
    controller
      .expectOne((r) => r.url === '/api/reports/training-runs')
      .flush(
        new Blob([
          JSON.stringify({
            statusCode: 400,
            message: 'Filter "stores" does not apply to report training-runs',
          }),
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    const error = toApiError(await failed);
    expect(error.status).toBe(400);
    expect(error.detail).toBe(
      'Filter "stores" does not apply to report training-runs',
    );
  });

  it('creates and deletes schedules and lists files of one schedule', () => {
    service
      .createSchedule({
        reportId: 'accuracy',
        format: 'xlsx',
        cron: '0 6 * * *',
      })
      .subscribe();
    const post = controller.expectOne('/api/reports/schedules');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      reportId: 'accuracy',
      format: 'xlsx',
      cron: '0 6 * * *',
    });
    post.flush({});
    service.deleteSchedule(7).subscribe();
    expect(
      controller.expectOne('/api/reports/schedules/7').request.method,
    ).toBe('DELETE');
    service.files(7).subscribe();
    expect(
      controller
        .expectOne((r) => r.url === '/api/reports/files')
        .request.params.get('scheduleId'),
    ).toBe('7');
  });
});
