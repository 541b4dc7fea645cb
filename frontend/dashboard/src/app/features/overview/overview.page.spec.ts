import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DataFreshness, HealthReport } from '@shelfcast/contracts';
import { provideChartsForTesting } from '@shelfcast/charts';
import { I18n } from '../../core/i18n/i18n';
import { OverviewPage } from './overview.page';
import { OverviewService, isHealthReport } from './overview.service';

const healthy: HealthReport = {
  status: 'ok',
  version: '0.1.0',
  database: { type: 'sqlite', ok: true, latencyMs: 2.4 },
};

describe('OverviewPage', () => {
  let controller: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(language: 'en' | 'zh-CN' = 'en'): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'overview', component: OverviewPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage(language);
    controller = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/overview', OverviewPage);
    return harness.routeNativeElement as HTMLElement;
  }

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
  });

  it('shows API health and data KPIs from the real endpoints', async () => {
    const el = await open();
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
    // KPIs whose API does not exist yet say when they will appear, with no number.
    expect(card(el, 'Forecast accuracy')).toContain(
      'Appears once forecasts are trained.',
    );
    expect(card(el, 'Forecast accuracy')).not.toMatch(/\d/);
    expect(card(el, 'Inventory value')).not.toMatch(/\d/);
    expect(el.textContent).not.toContain('Get started');
  });

  it('invites to import sales when there are none, in the active language', async () => {
    const el = await open('zh-CN');
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
    expect(el.querySelector('a[href="/data"]')).not.toBeNull();
    expect(card(el, 'API 状态')).toContain('降级');
    expect(card(el, 'API 状态')).toContain('postgres 数据库无法访问');
  });

  it('shows an error with retry per failed call', async () => {
    const el = await open();
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
