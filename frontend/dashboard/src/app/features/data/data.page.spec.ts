import { HttpEventType, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DataFreshness } from '@shelfcast/contracts';
import { I18n } from '../../core/i18n/i18n';
import { AuthService } from '../../core/auth/auth.service';
import { DataPage, progressOf } from './data.page';
import { EVENT_SOURCE_FACTORY } from './imports.service';
import { FakeEventSource, progress, report } from './testing';

describe('DataPage', () => {
  let controller: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url = '/data'): Promise<HTMLElement> {
    localStorage.clear();
    FakeEventSource.instances = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'data', component: DataPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (u: string) => new FakeEventSource(u),
        },
        { provide: AuthService, useValue: { can: () => true } },
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, DataPage);
    return harness.routeNativeElement as HTMLElement;
  }

  function historyRequest(): TestRequest {
    return controller.expectOne(
      (r) => r.url === '/api/imports' && r.method === 'GET',
    );
  }

  async function settle(): Promise<void> {
    await harness.fixture.whenStable();
  }

  function text(el: HTMLElement): string {
    return el.textContent?.replace(/\s+/g, ' ') ?? '';
  }

  function pick(el: HTMLElement, file: File): void {
    const input = el.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input');
    Object.defineProperty(input, 'files', {
      value: [file],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
  }

  function importButton(el: HTMLElement): HTMLButtonElement {
    const button = el.querySelector<HTMLButtonElement>('button.upload');
    if (!button) throw new Error('no import button');
    return button;
  }

  afterEach(() => controller.verify());

  it('shows the expected columns of the kind in the URL', async () => {
    const el = await open('/data?kind=purchase-orders');
    historyRequest().flush([]);
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();
    expect(text(el)).toContain('Expected columns for Purchase orders');
    const columns = Array.from(
      el.querySelectorAll('.import__columns code'),
    ).map((c) => c.textContent);
    expect(columns).toContain('po_number');
    expect(columns).toContain('expected_date');
  });

  it('imports a file with live progress, then shows the rejection with totals and rows', async () => {
    const el = await open('/data');
    historyRequest().flush([]);
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();

    expect(importButton(el).disabled).toBe(true);
    pick(el, new File(['a'], 'week.txt', { type: 'text/plain' }));
    await settle();
    expect(text(el)).toContain('week.txt is not a CSV file.');
    expect(importButton(el).disabled).toBe(true);

    pick(
      el,
      new File(['store,sku,date,units\n'], 'week.csv', { type: 'text/csv' }),
    );
    await settle();
    expect(text(el)).toContain('Selected: week.csv');
    importButton(el).click();
    await settle();

    const upload = controller.expectOne(
      (r) => r.url === '/api/imports/sales' && r.method === 'POST',
    );
    const ref = upload.request.params.get('ref');
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    const events = FakeEventSource.instances[0];

    upload.event({
      type: HttpEventType.UploadProgress,
      loaded: 40,
      total: 100,
    });
    await settle();
    expect(text(el)).toContain('Sending file: 40%');

    events.emit(
      progress({ ref, rows: 12000, rowsPerSecond: 48000, fraction: 0.6 }),
    );
    await settle();
    expect(text(el)).toContain('12,000 rows read · 48,000 rows/s');
    expect(text(el)).toContain('60% of the file');
    expect(
      el.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow'),
    ).toBe('60');

    upload.flush(
      report({
        status: 'rejected',
        fileName: 'week.csv',
        rowsImported: 0,
        errorCount: 3,
        errorsByReason: { unknown_store: 2, unparseable_date: 1 },
        errors: [
          {
            row: 4,
            column: 'store',
            value: 'S99',
            reason: 'unknown_store',
            message: 'No store S99',
          },
          {
            row: 9,
            column: 'date',
            value: '2026-13-01',
            reason: 'unparseable_date',
            message: 'Bad date',
          },
        ],
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    // The history and freshness reload after an import.
    historyRequest().flush([
      report({ status: 'rejected', fileName: 'week.csv' }),
    ]);
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();

    expect(events.closed).toBe(true);
    expect(text(el)).toContain('week.csv was rejected: 3 errors');
    const reasons = Array.from(el.querySelectorAll('.reason')).map((r) => [
      r.querySelector('span')?.textContent?.trim(),
      r.querySelector('b')?.textContent?.trim(),
    ]);
    expect(reasons).toEqual([
      ['Unknown store', '2'],
      ['Unreadable date', '1'],
    ]);
    const rows = Array.from(el.querySelectorAll('table.errors tbody tr')).map(
      (r) =>
        Array.from(r.querySelectorAll('td')).map((c) => c.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['4', 'store', 'S99', 'Unknown store', 'No store S99'],
      ['9', 'date', '2026-13-01', 'Unreadable date', 'Bad date'],
    ]);
    expect(text(el)).toContain('Rejected');
  });

  it('shows a success summary', async () => {
    const el = await open('/data?kind=stores');
    historyRequest().flush([]);
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();
    pick(el, new File(['code,name,region\n'], 'stores.csv'));
    await settle();
    importButton(el).click();
    controller
      .expectOne((r) => r.url === '/api/imports/stores')
      .flush(
        report({
          kind: 'stores',
          fileName: 'stores.csv',
          rowsRead: 40,
          rowsImported: 40,
          durationMs: 850,
        }),
        {
          status: 201,
          statusText: 'Created',
        },
      );
    historyRequest().flush([]);
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();
    expect(text(el)).toContain(
      'Imported 40 of 40 rows from stores.csv in 850 ms.',
    );
  });

  it('shows an error with retry when the upload fails', async () => {
    const el = await open('/data');
    historyRequest().flush([]);
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();
    pick(el, new File(['x'], 'big.csv'));
    await settle();
    importButton(el).click();
    controller
      .expectOne((r) => r.url === '/api/imports/sales')
      .flush(
        { message: 'File too large' },
        { status: 413, statusText: 'Payload Too Large' },
      );
    await settle();
    expect(text(el)).toContain('The request was refused (413).');
    expect(text(el)).toContain('File too large');
    (el.querySelector('sc-error-state button') as HTMLButtonElement).click();
    controller
      .expectOne((r) => r.url === '/api/imports/sales')
      .flush(report(), { status: 201, statusText: 'Created' });
    historyRequest().flush([]);
    controller.expectOne('/api/data/freshness').flush([]);
  });

  it('lists freshness per kind and filters the history through the URL', async () => {
    const el = await open('/data?hstatus=rejected');
    historyRequest().flush([
      report({ id: 'a', fileName: 'ok.csv' }),
      report({ id: 'b', fileName: 'bad.csv', status: 'rejected' }),
    ]);
    const freshness: DataFreshness[] = [
      {
        kind: 'sales',
        rows: 1_500_000,
        lastDate: '2026-11-27',
        lastImportAt: '2026-11-28T08:00:00Z',
      },
      { kind: 'products', rows: 1200, lastDate: null, lastImportAt: null },
    ];
    controller.expectOne('/api/data/freshness').flush(freshness);
    await settle();

    const cards = Array.from(el.querySelectorAll('.card')).map((c) =>
      text(c as HTMLElement),
    );
    expect(cards).toHaveLength(9);
    expect(cards.find((c) => c.includes('Basket lines'))).toContain(
      'No data yet',
    );
    expect(cards.find((c) => c.includes('Sales'))).toContain('Nov 27, 2026');
    expect(cards.find((c) => c.includes('Sales'))).toContain('1,500,000 rows');
    expect(cards.find((c) => c.includes('Stores'))).toContain('No data yet');
    // Master data has no business date: its row count is the headline.
    const products = Array.from(el.querySelectorAll('.card')).find((c) =>
      c.textContent?.includes('Products'),
    );
    expect(
      products?.querySelector('.card__headline')?.textContent?.trim(),
    ).toBe('1,200 rows');

    const files = () =>
      Array.from(el.querySelectorAll('sc-import-history td.file')).map((c) =>
        c.textContent?.trim(),
      );
    expect(files()).toEqual(['bad.csv']);
    await TestBed.inject(Router).navigateByUrl('/data');
    await settle();
    expect(files()).toEqual(['ok.csv', 'bad.csv']);
  });

  it('shows an error state with retry when the history cannot load', async () => {
    const el = await open('/data');
    historyRequest().flush(null, { status: 500, statusText: 'Server Error' });
    controller.expectOne('/api/data/freshness').flush([]);
    await settle();
    const error = el.querySelector(
      'section[aria-labelledby="history-title"] sc-error-state',
    );
    expect(error?.textContent).toContain('The server had a problem (500)');
    (error?.querySelector('button') as HTMLButtonElement).click();
    historyRequest().flush([]);
    await settle();
    expect(text(el)).toContain('No imports yet.');
  });
});

describe('progressOf', () => {
  it('prefers server progress, then send progress, else indeterminate', () => {
    const base = {
      phase: 'uploading' as const,
      fileName: 'f',
      sent: 0.3,
      progress: null,
    };
    expect(progressOf(base)).toEqual({ mode: 'determinate', value: 30 });
    expect(
      progressOf({ ...base, progress: progress({ fraction: 0.75 }) }),
    ).toEqual({ mode: 'determinate', value: 75 });
    expect(
      progressOf({ ...base, progress: progress({ fraction: null }) }),
    ).toEqual({ mode: 'indeterminate', value: 0 });
    expect(progressOf({ ...base, sent: 1 })).toEqual({
      mode: 'indeterminate',
      value: 0,
    });
    expect(progressOf({ phase: 'idle' })).toEqual({
      mode: 'determinate',
      value: 0,
    });
  });
});
