import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  DataFreshness,
  HealthReport,
  OverviewResponse,
} from '@shelfcast/contracts';
import { provideChartsForTesting } from '@shelfcast/charts';
import { I18n } from '../../core/i18n/i18n';
import { OverviewPage } from './overview.page';
import { OverviewService, isHealthReport } from './overview.service';

const healthy: HealthReport = {
  status: 'ok',
  version: '0.1.0',
  database: { type: 'sqlite', ok: true, latencyMs: 2.4 },
};

/** A chain overview as the API answers it (numbers chosen to check formatting and links). */
export function overviewFixture(
  patch: Partial<OverviewResponse> = {},
): OverviewResponse {
  const days = (from: number, n: number, units: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({
      date: `2026-11-${String(from + i).padStart(2, '0')}`,
      units: units(i),
    }));
  return {
    scope: 'chain',
    key: '',
    asOf: '2026-11-27',
    asOfFromData: true,
    stores: 20,
    sales7: {
      days: 7,
      from: '2026-11-21',
      to: '2026-11-27',
      units: 1100,
      revenue: 2200,
      lastYearUnits: 1000,
      lastYearRevenue: 1900,
      lastYearDays: 7,
    },
    sales28: {
      days: 28,
      from: '2026-10-31',
      to: '2026-11-27',
      units: 4200,
      revenue: 8400,
      lastYearUnits: 0,
      lastYearRevenue: 0,
      lastYearDays: 0,
    },
    forecast7: {
      days: 7,
      from: '2026-11-28',
      to: '2026-12-04',
      units: 990,
      coveredDays: 7,
    },
    forecast28: {
      days: 28,
      from: '2026-11-28',
      to: '2026-12-25',
      units: 1400,
      coveredDays: 14,
    },
    accuracy: {
      source: 'backtest',
      wape: 0.234,
      bias: -0.05,
      from: null,
      to: null,
      series: 4000,
      runId: 'run-1',
      weekly: [],
    },
    inventory: {
      runId: 'run-1',
      stockoutRisk: 37,
      excessValue: 12345.6,
      pendingApprovals: 1234,
    },
    trend: {
      sales: days(1, 28, (i) => 100 + i),
      lastYear: days(1, 28, () => 90),
      forecast: days(1, 14, () => 100),
    },
    ...patch,
  };
}

/** Opens `url` (the overview) in `language` with the HTTP calls held by the returned controller. */
async function navigate(
  url: string,
  language: 'en' | 'zh-CN',
): Promise<{
  controller: HttpTestingController;
  harness: RouterTestingHarness;
}> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'overview', component: OverviewPage },
        { path: 'inventory', children: [] },
        { path: 'forecasts', children: [] },
        { path: 'models', children: [] },
      ]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideChartsForTesting(),
    ],
  });
  TestBed.inject(I18n).setLanguage(language);
  const controller = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url, OverviewPage);
  return { controller, harness };
}

/**
 * Answers what every open of the page asks first: the stores and categories of its filters; the
 * reconciled-levels card loads on its own (overview-levels.spec covers it).
 */
function answerFilters(controller: HttpTestingController): void {
  controller.expectOne('/api/stores').flush([
    {
      id: 1,
      code: 'S001',
      name: 'Store 1',
      region: 'north',
      timezone: 'UTC',
    },
    {
      id: 2,
      code: 'S002',
      name: 'Store 2',
      region: 'south',
      timezone: 'UTC',
    },
  ]);
  controller
    .expectOne('/api/categories')
    .flush([{ path: 'dairy/milk', products: 3 }]);
  const levels = controller.match((r) => r.url === '/api/forecasts/levels');
  expect(levels.map((r) => r.request.params.get('level'))).toEqual(['chain']);
}

describe('OverviewPage', () => {
  let controller: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(
    language: 'en' | 'zh-CN' = 'en',
    url = '/overview',
  ): Promise<HTMLElement> {
    ({ controller, harness } = await navigate(url, language));
    answerFilters(controller);
    return harness.routeNativeElement as HTMLElement;
  }

  const overviewRequest = () =>
    controller.expectOne((r) => r.url === '/api/overview');

  function card(el: HTMLElement, label: string): string {
    const found = Array.from(el.querySelectorAll('sc-kpi-card')).find(
      (c) => c.querySelector('h2')?.textContent?.trim() === label,
    );
    return (
      found?.textContent?.replace(/\s+/g, ' ').trim() ?? `(no card ${label})`
    );
  }

  afterEach(() => controller.verify());

  it('shows skeletons while loading', async () => {
    const el = await open();
    expect(el.querySelectorAll('sc-loading-skeleton').length).toBeGreaterThan(
      0,
    );
    controller.expectOne('/api/health').flush(healthy);
    controller.expectOne('/api/data/freshness').flush([]);
    overviewRequest().flush(overviewFixture());
  });

  it('shows API health and data KPIs from the real endpoints', async () => {
    const el = await open();
    overviewRequest().flush(overviewFixture());
    controller.expectOne('/api/health').flush(healthy);
    const freshness: DataFreshness[] = [
      {
        kind: 'sales',
        rows: 2_400_000,
        lastDate: '2026-11-27',
        lastImportAt: '2026-11-28T06:00:00Z',
      },
      {
        kind: 'products',
        rows: 1200,
        lastDate: null,
        lastImportAt: '2026-11-20T06:00:00Z',
      },
      { kind: 'stores', rows: 0, lastDate: null, lastImportAt: null },
    ];
    controller.expectOne('/api/data/freshness').flush(freshness);
    await harness.fixture.whenStable();

    expect(card(el, 'API status')).toContain('Healthy');
    expect(card(el, 'API status')).toContain('sqlite database, 2 ms');
    expect(card(el, 'Latest sales date')).toContain('Nov 27, 2026');
    expect(card(el, 'Sales rows')).toContain('2,400,000');
    expect(card(el, 'Products')).toContain('1,200');
    expect(card(el, 'Stores')).toContain('No data yet');
    expect(el.textContent).not.toContain('Get started');
  });

  it('invites to import sales when there are none, in the active language', async () => {
    const el = await open('zh-CN');
    overviewRequest().flush(
      overviewFixture({
        asOf: null,
        sales7: null,
        sales28: null,
        forecast7: null,
        forecast28: null,
      }),
    );
    controller.expectOne('/api/health').flush(
      {
        ...healthy,
        status: 'degraded',
        database: { type: 'postgres', ok: false, latencyMs: 0 },
      },
      { status: 503, statusText: 'Unavailable' },
    );
    controller.expectOne('/api/data/freshness').flush([]);
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('开始使用：导入销售历史');
    // Nobody signed in here, so no import button: a hint says who can import.
    expect(el.querySelector('.start a[href="/data"]')).toBeNull();
    expect(
      el.querySelector('[data-testid="next-step-hint"]')?.textContent,
    ).toContain('计划员或管理员');
    expect(card(el, 'API 状态')).toContain('降级');
    expect(card(el, 'API 状态')).toContain('postgres 数据库无法访问');
  });

  it('shows an error with retry per failed call', async () => {
    const el = await open();
    overviewRequest().flush(overviewFixture());
    controller.expectOne('/api/health').flush(healthy);
    controller
      .expectOne('/api/data/freshness')
      .flush(null, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
    const error = el.querySelector('sc-error-state');
    expect(error?.textContent).toContain('not available yet');
    (error?.querySelector('button') as HTMLButtonElement).click();
    controller.expectOne('/api/data/freshness').flush([]);
    await harness.fixture.whenStable();
    expect(el.querySelector('sc-error-state')).toBeNull();
  });
});

describe('OverviewPage scope KPIs', () => {
  let controller: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(
    url = '/overview',
    language: 'en' | 'zh-CN' = 'en',
  ): Promise<HTMLElement> {
    ({ controller, harness } = await navigate(url, language));
    controller.expectOne('/api/health').flush(healthy);
    controller.expectOne('/api/data/freshness').flush([]);
    answerFilters(controller);
    return harness.routeNativeElement as HTMLElement;
  }

  function kpi(el: HTMLElement, id: string): HTMLAnchorElement {
    const a = el.querySelector<HTMLAnchorElement>(`a[data-kpi="${id}"]`);
    if (!a) {
      throw new Error(`no KPI ${id}`);
    }
    return a;
  }
  const text = (e: Element) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const asOfNote = (el: HTMLElement) => {
    const note = el.querySelector('[data-testid="overview-as-of"]');
    return note ? text(note) : '(no as-of note)';
  };

  afterEach(() => controller.verify());

  it('shows every KPI with its comparison, sparkline and detail link', async () => {
    const el = await open();
    const req = controller.expectOne((r) => r.url === '/api/overview');
    expect(req.request.params.keys()).toEqual([]);
    req.flush(overviewFixture());
    await harness.fixture.whenStable();

    expect(asOfNote(el)).toBe(
      'Figures up to Nov 27, 2026, the last sales date in the data (not today’s date: demo data ends on a fixed day), over 20 stores.',
    );
    expect(text(kpi(el, 'sales7'))).toContain('1,100');
    expect(text(kpi(el, 'sales7'))).toContain(
      '+10% vs the same weekdays last year',
    );
    expect(text(kpi(el, 'sales28'))).toContain(
      'No sales on the same days last year',
    );
    expect(text(kpi(el, 'forecast7'))).toContain('990');
    expect(text(kpi(el, 'forecast7'))).toContain('-10% vs the last 7 days');
    expect(text(kpi(el, 'forecast28'))).toContain('Covers 14 of 28 days');
    expect(text(kpi(el, 'accuracy'))).toContain('23.4%');
    expect(text(kpi(el, 'accuracy'))).toContain(
      'Bias -5%; champion’s backtest',
    );
    expect(text(kpi(el, 'stockout'))).toContain('37');
    expect(text(kpi(el, 'excess'))).toContain('12,346');
    expect(text(kpi(el, 'pending'))).toContain('1,234');
    expect(kpi(el, 'sales7').querySelector('sc-sparkline')).not.toBeNull();
    expect(kpi(el, 'stockout').querySelector('sc-sparkline')).toBeNull();

    expect(kpi(el, 'stockout').getAttribute('href')).toBe(
      '/inventory?risk=stockout',
    );
    expect(kpi(el, 'pending').getAttribute('href')).toBe(
      '/inventory?status=pending',
    );
    expect(kpi(el, 'accuracy').getAttribute('href')).toBe('/models');
    expect(kpi(el, 'sales7').getAttribute('href')).toBe('/forecasts');
  });

  it('sends the scope from the URL and carries it into the detail links', async () => {
    const el = await open('/overview?scope=store&key=S002&asOf=2026-10-01');
    const req = controller.expectOne((r) => r.url === '/api/overview');
    expect(req.request.params.get('scope')).toBe('store');
    expect(req.request.params.get('key')).toBe('S002');
    expect(req.request.params.get('asOf')).toBe('2026-10-01');
    req.flush(
      overviewFixture({
        scope: 'store',
        key: 'S002',
        asOf: '2026-10-01',
        asOfFromData: false,
        stores: 1,
        accuracy: {
          source: 'served',
          wape: 0.1,
          bias: 0.02,
          from: '2026-09-04',
          to: '2026-10-01',
          series: 200,
          runId: 'run-2',
          weekly: [
            { from: '2026-09-04', wape: 0.12 },
            { from: '2026-09-11', wape: 0.1 },
            { from: '2026-09-18', wape: 0.09 },
            { from: '2026-09-25', wape: 0.1 },
          ],
        },
      }),
    );
    await harness.fixture.whenStable();
    expect(asOfNote(el)).toBe('Figures up to Oct 1, 2026, over 1 stores.');
    expect(kpi(el, 'excess').getAttribute('href')).toBe(
      '/inventory?risk=excess&sort=excessValue&order=desc&store=S002',
    );
    expect(kpi(el, 'sales28').getAttribute('href')).toBe(
      '/forecasts?level=store&store=S002',
    );
    expect(text(kpi(el, 'accuracy'))).toContain(
      'Bias +2%; actuals vs the forecasts served then, Sep 4, 2026 – Oct 1, 2026',
    );
    expect(kpi(el, 'accuracy').querySelector('sc-sparkline')).not.toBeNull();
  });

  it('asks for a region before loading, then loads it', async () => {
    const el = await open('/overview?scope=region');
    controller.expectNone((r) => r.url === '/api/overview');
    expect(el.textContent).toContain('Choose what to look at');
    await harness.navigateByUrl('/overview?scope=region&key=north');
    const req = controller.expectOne((r) => r.url === '/api/overview');
    expect(req.request.params.get('key')).toBe('north');
    req.flush(overviewFixture({ scope: 'region', key: 'north' }));
    await harness.fixture.whenStable();
    expect(el.querySelectorAll('a[data-kpi]').length).toBe(8);
  });

  it('says what is missing before training, and retries after an error, in Chinese', async () => {
    const el = await open('/overview', 'zh-CN');
    controller
      .expectOne((r) => r.url === '/api/overview')
      .flush(null, { status: 500, statusText: 'Server Error' });
    await harness.fixture.whenStable();
    const error = el.querySelector('sc-error-state');
    expect(error).not.toBeNull();
    (error?.querySelector('button') as HTMLButtonElement).click();
    controller
      .expectOne((r) => r.url === '/api/overview')
      .flush(
        overviewFixture({
          forecast7: null,
          forecast28: null,
          accuracy: {
            source: 'none',
            wape: null,
            bias: null,
            from: null,
            to: null,
            series: 0,
            runId: null,
            weekly: [],
          },
          inventory: {
            runId: null,
            stockoutRisk: 0,
            excessValue: 0,
            pendingApprovals: 0,
          },
        }),
      );
    await harness.fixture.whenStable();
    expect(text(kpi(el, 'forecast7'))).toContain('暂无预测');
    expect(text(kpi(el, 'accuracy'))).toContain('尚无训练好的模型。');
    expect(text(kpi(el, 'pending'))).toContain(
      '训练完成并生成补货建议后显示。',
    );
    expect(text(kpi(el, 'pending'))).not.toMatch(/\d/);
    expect(text(kpi(el, 'sales7'))).toContain('近 7 天销量');
  });
});

describe('OverviewService', () => {
  it('reads a 503 health body as a degraded report', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const results: HealthReport[] = [];
    TestBed.inject(OverviewService)
      .health()
      .subscribe((h) => results.push(h));
    const degraded = { ...healthy, status: 'degraded' as const };
    TestBed.inject(HttpTestingController)
      .expectOne('/api/health')
      .flush(degraded, { status: 503, statusText: 'Unavailable' });
    expect(results).toEqual([degraded]);
    expect(isHealthReport({ status: 'ok' })).toBe(false);
  });
});
