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
import { levelsOffered } from '../../shared/data-access/level-selection';
import { OVERVIEW_LEVEL_HISTORY_DAYS, OverviewLevels } from './overview-levels';

function answer(
  overrides: Partial<LevelForecastResponse> = {},
): LevelForecastResponse {
  return {
    level: 'chain',
    key: '',
    runId: 'run-1',
    method: 'mint',
    base: 'engine',
    series: 4,
    nodes: [{ key: '', label: 'chain' }],
    childLevel: 'store',
    children: [],
    history: [
      { date: '2026-11-27', units: 20, onPromo: false, stockout: false },
    ],
    forecast: [
      { date: '2026-11-28', p10: 80, p50: 100, p90: 130 },
      { date: '2026-11-29', p10: 90, p50: 125.4, p90: 150 },
    ],
    accuracy: null,
    ...overrides,
  };
}

describe('OverviewLevels', () => {
  let controller: HttpTestingController;

  function create(role: Role = 'planner', language: 'en' | 'zh-CN' = 'en') {
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
    TestBed.inject(I18n).setLanguage(language);
    controller = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OverviewLevels);
    fixture.detectChanges();
    return fixture;
  }

  const levelsRequest = () =>
    controller.expectOne((r) => r.url === '/api/forecasts/levels');
  const total = (el: HTMLElement) =>
    el
      .querySelector('[data-testid="overview-level-total"] .kpi__value')
      ?.textContent?.trim();
  const toggles = (el: HTMLElement) =>
    Array.from(
      el.querySelectorAll<HTMLButtonElement>('mat-button-toggle button'),
    );

  afterEach(() => {
    controller.verify();
    localStorage.clear();
  });

  it('loads the chain, renders its total and chart, and reloads at the chosen level', async () => {
    const fixture = create();
    const el = fixture.nativeElement as HTMLElement;
    const first = levelsRequest();
    expect(first.request.params.get('level')).toBe('chain');
    expect(first.request.params.get('historyDays')).toBe(
      String(OVERVIEW_LEVEL_HISTORY_DAYS),
    );
    first.flush(answer());
    fixture.detectChanges();
    await fixture.whenStable();
    expect(total(el)).toBe('225');
    const chart = fixture.debugElement.query(By.directive(ForecastChart));
    expect(chart.componentInstance.forecast()).toHaveLength(2);
    expect(chart.componentInstance.ariaLabel()).toBe(
      'Reconciled forecast of Chain',
    );

    toggles(el)
      .find((b) => b.textContent?.trim() === 'Region')
      ?.click();
    fixture.detectChanges();
    const next = levelsRequest();
    expect(next.request.params.get('level')).toBe('region');
    expect(next.request.params.has('key')).toBe(false);
    next.flush(
      answer({
        level: 'region',
        key: 'north',
        nodes: [
          { key: 'north', label: 'north' },
          { key: 'south', label: 'south' },
        ],
        forecast: [{ date: '2026-11-28', p10: 30, p50: 40, p90: 55 }],
      }),
    );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(total(el)).toBe('40');
    expect(el.querySelector('[data-testid="hierarchy-node"]')).not.toBeNull();
  });

  it('offers store managers the store levels only, in Chinese', async () => {
    const fixture = create('store_manager', 'zh-CN');
    const el = fixture.nativeElement as HTMLElement;
    const req = levelsRequest();
    expect(req.request.params.get('level')).toBe('store');
    req.flush(
      answer({
        level: 'store',
        key: 'S001',
        nodes: [{ key: 'S001', label: 'Boston' }],
        forecast: [],
      }),
    );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(
      toggles(el)
        .filter((b) => !b.disabled)
        .map((b) => b.textContent?.trim()),
    ).toEqual(['门店', '品类 × 门店', '商品 × 门店']);
    expect(el.textContent).toContain('按层级的协调预测');
    expect(el.textContent).toContain('尚无可协调的已发布预测。');
  });

  it('shows the API error with a retry', async () => {
    const fixture = create();
    levelsRequest().flush(null, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('sc-error-state button') as HTMLButtonElement).click();
    levelsRequest().flush(answer());
    fixture.detectChanges();
    await fixture.whenStable();
    expect(total(el)).toBe('225');
  });
});

describe('levelsOffered', () => {
  it('gives store managers the store levels and everyone else all seven', () => {
    expect(levelsOffered('store_manager')).toEqual([
      'store',
      'categoryStore',
      'productStore',
    ]);
    expect(levelsOffered('planner')).toEqual([
      'chain',
      'region',
      'store',
      'category',
      'categoryStore',
      'product',
      'productStore',
    ]);
    expect(levelsOffered(null)).toHaveLength(7);
  });
});
