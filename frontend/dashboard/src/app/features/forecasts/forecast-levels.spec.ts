import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import type { LevelForecastResponse, Role } from '@shelfcast/contracts';
import { ForecastChart, provideChartsForTesting } from '@shelfcast/charts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { ForecastLevels } from './forecast-levels';

function level(
  overrides: Partial<LevelForecastResponse> = {},
): LevelForecastResponse {
  return {
    level: 'chain',
    key: '',
    runId: 'run-1',
    method: 'wlsLevel',
    base: 'engine',
    series: 4,
    nodes: [{ key: '', label: 'chain' }],
    childLevel: 'store',
    children: [
      { key: 'S001', p50: [6, 7] },
      { key: 'S002', p50: [4, 5.5] },
    ],
    history: [
      { date: '2026-11-27', units: 20, onPromo: false, stockout: false },
    ],
    forecast: [
      { date: '2026-11-28', p10: 8, p50: 10, p90: 13 },
      { date: '2026-11-29', p10: 9, p50: 12.5, p90: 15 },
    ],
    accuracy: null,
    ...overrides,
  };
}

describe('ForecastLevels', () => {
  let controller: HttpTestingController;

  function create(role: Role = 'planner') {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ForecastLevels);
    fixture.detectChanges();
    return fixture;
  }

  const kpi = (el: HTMLElement, id: string) =>
    el.querySelector(`[data-testid="${id}"] .kpi__value`)?.textContent?.trim();

  afterEach(() => {
    controller.verify();
    localStorage.clear();
  });

  it('shows the chain with its total next to the sum of its stores, and switches level', async () => {
    const fixture = create();
    const first = controller.expectOne(
      (r) => r.url === '/api/forecasts/levels',
    );
    expect(first.request.params.get('level')).toBe('chain');
    first.flush(level());
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(kpi(el, 'level-total')).toBe('23');
    expect(kpi(el, 'level-children-total')).toBe('23');
    const chart = fixture.debugElement.query(By.directive(ForecastChart));
    expect(chart.componentInstance.forecast()).toHaveLength(2);

    const store = Array.from(
      el.querySelectorAll('mat-button-toggle button'),
    ).find((b) => b.textContent?.trim() === 'Store') as HTMLButtonElement;
    store.click();
    fixture.detectChanges();
    const next = controller.expectOne((r) => r.url === '/api/forecasts/levels');
    expect(next.request.params.get('level')).toBe('store');
    expect(next.request.params.has('key')).toBe(false);
    next.flush(
      level({
        level: 'store',
        key: 'S001',
        nodes: [
          { key: 'S001', label: 'Boston' },
          { key: 'S002', label: 'Denver' },
        ],
        children: [],
        forecast: [{ date: '2026-11-28', p10: 5, p50: 6, p90: 8 }],
      }),
    );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(kpi(el, 'level-total')).toBe('6');
    expect(el.querySelector('[data-testid="level-children-total"]')).toBeNull();
  });

  it('shows the accuracy at this level and names the stores without a region', async () => {
    const fixture = create();
    controller
      .expectOne((r) => r.url === '/api/forecasts/levels')
      .flush(
        level({
          level: 'region',
          key: '(no region)',
          nodes: [
            { key: '(no region)', label: '(no region)' },
            { key: 'north', label: 'north' },
          ],
          accuracy: {
            level: 'region',
            mase: 0.8123,
            baseMase: 0.9,
            coverage: 0.784,
            nodes: 2,
          },
        }),
      );
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(
      el.querySelector('[data-testid="level-accuracy"]')?.textContent?.trim(),
    ).toBe(
      'Accuracy at this level: MASE 0.81 (base 0.9), P10–P90 coverage 78%',
    );
    expect(
      el.querySelector('[data-testid="level-no-region"]')?.textContent,
    ).toContain('(no region)');
    TestBed.inject(I18n).setLanguage('zh-CN');
    fixture.detectChanges();
    expect(
      el.querySelector('[data-testid="level-accuracy"]')?.textContent?.trim(),
    ).toContain('该层级的准确度');
  });

  it('offers store managers the store levels only', () => {
    const fixture = create('store_manager');
    const req = controller.expectOne((r) => r.url === '/api/forecasts/levels');
    expect(req.request.params.get('level')).toBe('store');
    req.flush(level({ level: 'store', key: 'S001', children: [] }));
    fixture.detectChanges();
    const buttons = Array.from(
      (
        fixture.nativeElement as HTMLElement
      ).querySelectorAll<HTMLButtonElement>('mat-button-toggle button'),
    );
    expect(
      buttons.filter((b) => !b.disabled).map((b) => b.textContent?.trim()),
    ).toEqual(['Store', 'Category × store', 'Product × store']);
  });
});
