import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { By } from '@angular/platform-browser';
import type { Role, SeriesForecastResponse } from '@shelfcast/contracts';
import { ForecastChart, provideChartsForTesting } from '@shelfcast/charts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { ForecastsPage } from './forecasts.page';

function response(
  overrides: Partial<SeriesForecastResponse> = {},
): SeriesForecastResponse {
  return {
    level: 'series',
    store: 'S001',
    sku: 'P0001',
    category: null,
    series: 1,
    runId: 'run-1',
    model: 'ets',
    history: [
      { date: '2026-11-26', units: 10, onPromo: true, stockout: false },
      { date: '2026-11-27', units: 12, onPromo: false, stockout: true },
    ],
    forecast: [
      { date: '2026-11-28', p10: 8, p50: 10, p90: 13 },
      { date: '2026-11-29', p10: 9, p50: 11, p90: 14 },
    ],
    backtest: {
      series: 1,
      wape: 0.32,
      mase: 0.72,
      smape: 0.3,
      bias: -0.11,
      coverage: 0.87,
    },
    backtestPoints: [],
    drivers: { level: [9, 9], seasonality: [1, 2] },
    events: [],
    signals: [],
    signal: null,
    ...overrides,
  };
}

describe('ForecastsPage', () => {
  let controller: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(
    url: string,
    role: Role = 'planner',
  ): Promise<HTMLElement> {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'forecasts', component: ForecastsPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ForecastsPage);
    return harness.routeNativeElement as HTMLElement;
  }

  function flushCatalog(): void {
    controller.expectOne('/api/stores').flush([
      {
        id: 1,
        code: 'S001',
        name: 'Boston',
        region: 'NE',
        timezone: 'America/New_York',
      },
    ]);
    controller.expectOne('/api/categories').flush([]);
  }

  afterEach(() => {
    // The debounced product search may still be pending (or cancelled, when the empty state
    // replaced the product picker).
    controller
      .match((r) => r.url === '/api/products')
      .filter((r) => !r.cancelled)
      .forEach((r) => r.flush({ items: [], total: 0, offset: 0, limit: 20 }));
    // The coherent-levels card loads on its own (forecast-levels.spec covers it).
    controller
      .match((r) => r.url === '/api/forecasts/levels')
      .filter((r) => !r.cancelled)
      .forEach((r) => r.flush(null));
    controller.verify();
    localStorage.clear();
  });

  it('shows the documented empty state before any model is trained', async () => {
    const el = await open('/forecasts');
    flushCatalog();
    const req = controller.expectOne((r) => r.url === '/api/forecasts/series');
    expect(req.request.params.get('level')).toBe('chain');
    req.flush(
      response({
        level: 'chain',
        runId: null,
        forecast: [],
        history: [],
        drivers: null,
        backtest: null,
      }),
    );
    TestBed.tick();
    expect(el.querySelector('sc-empty-state h2')?.textContent).toContain(
      'No forecasts yet',
    );
    // Sales are in but nothing is trained: the planner's next step is the first run.
    controller
      .expectOne('/api/data/freshness')
      .flush([
        { kind: 'sales', rows: 900, lastDate: null, lastImportAt: null },
      ]);
    controller
      .expectOne((r) => r.url === '/api/training/runs')
      .flush([{ id: 'r1', status: 'failed' }]);
    TestBed.tick();
    const action = el.querySelector('sc-empty-state a');
    expect(action?.textContent).toContain('Train the first model');
    expect(action?.getAttribute('href')).toBe('/models');
  });

  it('opens the series named in the URL with its metrics, drivers and the override form', async () => {
    const el = await open(
      '/forecasts?level=series&store=S001&sku=P0001&days=90',
    );
    flushCatalog();
    const req = controller.expectOne((r) => r.url === '/api/forecasts/series');
    expect(req.request.params.toString()).toBe(
      'level=series&historyDays=90&store=S001&sku=P0001',
    );
    req.flush(response());
    controller
      .expectOne(
        (r) => r.url === '/api/products' && r.params.get('search') === 'P0001',
      )
      .flush({
        items: [
          {
            id: 1,
            sku: 'P0001',
            name: 'Orange Juice',
            categoryPath: 'beverages',
            brand: null,
            regularPrice: 2,
            unitCost: 1,
            casePack: 6,
            moq: 6,
            shelfLifeDays: null,
            supplierCode: null,
          },
        ],
        total: 1,
        offset: 0,
        limit: 5,
      });
    TestBed.tick();
    controller.expectOne((r) => r.url === '/api/overrides').flush([]);
    TestBed.tick();
    const text = el.textContent ?? '';
    expect(text).toContain('P0001 · Orange Juice at Boston (S001)');
    expect(text).toContain('32%');
    expect(text).toContain(
      'totals 21 units: base level contributes 18 and seasonality adds 3',
    );
    expect(el.querySelector('sc-override-form')).not.toBeNull();
  });

  it('draws the backtest P50 against the actuals and says where it starts', async () => {
    const el = await open('/forecasts');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/forecasts/series')
      .flush(
        response({
          level: 'chain',
          store: null,
          sku: null,
          backtestPoints: [
            {
              date: '2026-11-26',
              origin: '2026-11-26',
              p10: 7,
              p50: 9.5,
              p90: 12,
              actual: 10,
            },
            {
              date: '2026-11-27',
              origin: '2026-11-26',
              p10: 8,
              p50: 11,
              p90: 14,
              actual: 12,
            },
          ],
        }),
      );
    TestBed.tick();
    const chart = harness.fixture.debugElement.query(
      By.directive(ForecastChart),
    ).componentInstance as ForecastChart;
    expect(chart.backtest()).toEqual([
      { date: '2026-11-26', value: 9.5 },
      { date: '2026-11-27', value: 11 },
    ]);
    expect(chart.labels()?.backtest).toBe('Backtest (P50)');
    const text = el.textContent ?? '';
    expect(text).toContain('The dashed line is the backtest');
    expect(text).toContain('Nov 26, 2026');
    expect(text).not.toContain('No backtest line');
  });

  it('lays the forecasts issued at the latest past origins over the chart of a series', async () => {
    const el = await open('/forecasts?level=series&store=S001&sku=P0001');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/forecasts/series')
      .flush(response());
    controller
      .expectOne((r) => r.url === '/api/products')
      .flush({ items: [], total: 0, offset: 0, limit: 5 });
    TestBed.tick();
    controller.expectOne((r) => r.url === '/api/overrides').flush([]);
    TestBed.tick();
    const chart = harness.fixture.debugElement.query(
      By.directive(ForecastChart),
    ).componentInstance as ForecastChart;
    expect(chart.overlays()).toBeNull();
    controller.expectNone((r) => r.url === '/api/accuracy/realized/issued');
    (
      el.querySelector(
        '[data-testid=past-forecasts-toggle] button',
      ) as HTMLButtonElement
    ).click();
    TestBed.tick();
    const req = controller.expectOne(
      (r) => r.url === '/api/accuracy/realized/issued',
    );
    expect(req.request.params.toString()).toBe(
      'store=S001&sku=P0001&origins=8',
    );
    const issued = (origin: string, date: string, p50: number) => ({
      origin,
      issuedAt: `${origin}T02:00:00.000Z`,
      runId: `run-${origin}`,
      points: [{ date, step: 1, p10: p50 - 1, p50, p90: p50 + 1 }],
    });
    req.flush([
      issued('2026-11-25', '2026-11-26', 9),
      issued('2026-11-24', '2026-11-25', 8),
      issued('2026-11-23', '2026-11-24', 7),
      issued('2026-11-22', '2026-11-23', 6),
    ]);
    TestBed.tick();
    // The newest three are laid over at first, named by their origin.
    expect(chart.overlays()?.map((o) => [o.name, o.points])).toEqual([
      [
        'Issued Nov 25, 2026',
        [{ date: '2026-11-26', p10: 8, p50: 9, p90: 10 }],
      ],
      ['Issued Nov 24, 2026', [{ date: '2026-11-25', p10: 7, p50: 8, p90: 9 }]],
      ['Issued Nov 23, 2026', [{ date: '2026-11-24', p10: 6, p50: 7, p90: 8 }]],
    ]);
    expect(
      el.querySelector('[data-testid=past-forecasts-origins]'),
    ).not.toBeNull();
  });

  it('asks for the missing pick instead of calling the API', async () => {
    const el = await open('/forecasts?level=series&store=S001');
    flushCatalog();
    controller.expectNone((r) => r.url === '/api/forecasts/series');
    TestBed.tick();
    expect(el.textContent).toContain('Search for a product above.');
  });

  it('marks calendar events and draws the chosen signal on the second axis', async () => {
    const el = await open('/forecasts?level=chain&signal=cpi');
    flushCatalog();
    const req = controller.expectOne((r) => r.url === '/api/forecasts/series');
    expect(req.request.params.get('signal')).toBe('cpi');
    req.flush(
      response({
        level: 'chain',
        store: null,
        sku: null,
        events: [
          {
            name: 'Thanksgiving',
            type: 'holiday',
            start: '2026-11-26',
            end: '2026-11-26',
            scope: 'global',
            scopeKey: '',
          },
          {
            name: 'Black Friday',
            type: 'event',
            start: '2026-11-27',
            end: '2026-11-29',
            scope: 'region',
            scopeKey: 'NE',
          },
        ],
        signals: [
          { name: 'cpi', scope: 'global', scopeKey: '' },
          { name: 'fuel_price', scope: 'global', scopeKey: '' },
          { name: 'fuel_price', scope: 'region', scopeKey: 'NE' },
        ],
        signal: {
          name: 'cpi',
          scope: 'global',
          scopeKey: '',
          points: [
            { date: '2026-11-26', value: 101.5 },
            { date: '2026-11-27', value: 101.7 },
          ],
        },
      }),
    );
    TestBed.tick();
    const chart = harness.fixture.debugElement.query(
      By.directive(ForecastChart),
    ).componentInstance as ForecastChart;
    expect(chart.signal()).toEqual({
      name: 'cpi',
      points: [
        { date: '2026-11-26', value: 101.5 },
        { date: '2026-11-27', value: 101.7 },
      ],
    });
    // Chain level: no per-series promotion / stock-out flags, only the calendar.
    expect(chart.markers()).toEqual([
      {
        kind: 'holiday',
        start: '2026-11-26',
        end: null,
        label: 'Thanksgiving',
      },
      {
        kind: 'event',
        start: '2026-11-27',
        end: '2026-11-29',
        label: 'Black Friday',
      },
    ]);
    expect(el.textContent).toContain('Market signal (second axis)');
    expect(el.textContent).toContain('No backtest line');
  });

  it('names the model and the market signal in the active language (the id when unknown) and reads dates in its format', async () => {
    const el = await open('/forecasts?level=chain&signal=fuel_price');
    TestBed.inject(I18n).setLanguage('zh-CN');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/forecasts/series')
      .flush(
        response({
          level: 'chain',
          store: null,
          sku: null,
          signals: [
            { name: 'cpi', scope: 'global', scopeKey: '' },
            { name: 'fuel_price', scope: 'global', scopeKey: '' },
          ],
          signal: {
            name: 'fuel_price',
            scope: 'global',
            scopeKey: '',
            points: [{ date: '2026-11-26', value: 3.1 }],
          },
        }),
      );
    TestBed.tick();
    expect(el.textContent).toContain('ETS（指数平滑）');
    expect(el.textContent).not.toContain('ets');
    const chart = harness.fixture.debugElement.query(
      By.directive(ForecastChart),
    ).componentInstance as ForecastChart;
    expect(chart.signal()?.name).toBe('燃油价格');
    el.querySelector<HTMLElement>('.signal .mat-mdc-select-trigger')?.click();
    TestBed.tick();
    const options = Array.from(document.querySelectorAll('mat-option')).map(
      (o) => o.textContent?.trim(),
    );
    expect(options.slice(1)).toEqual(['cpi', '燃油价格']);

    // The date range is typed in the locale's format and kept as ISO days in the URL.
    const from = el.querySelector<HTMLInputElement>('input[name="from"]');
    if (!from) throw new Error('no from');
    from.value = '2026/11/01';
    from.dispatchEvent(new Event('input'));
    from.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toContain('from=2026-11-01');

    TestBed.inject(I18n).setLanguage('en');
    TestBed.tick();
    expect(el.textContent).toContain('ETS (exponential smoothing)');
    expect(chart.signal()?.name).toBe('Fuel price');
  });
});
