import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter } from '@angular/router';
import { provideChartsForTesting } from '@shelfcast/charts';
import { App } from './app';
import { appRoutes } from './app.routes';
import { SESSION_STORAGE_KEY } from './core/auth/auth.service';
import { tokens } from './core/auth/testing';
import { AuthTokenStore } from './core/http/auth-token.store';
import { I18n } from './core/i18n/i18n';
import { TranslatedTitleStrategy } from './core/i18n/title-strategy';

describe('App shell', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
  });

  beforeEach(() => {
    // A signed-in planner (pages are behind the auth guard).
    const session = tokens('planner');
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        refreshToken: session.refreshToken,
        user: session.user,
      }),
    );
    TestBed.inject(AuthTokenStore).set(session.accessToken);
  });

  async function render() {
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    return fixture;
  }

  function navLabels(el: HTMLElement): string[] {
    return Array.from(el.querySelectorAll('nav a')).map(
      (a) => a.textContent?.trim() ?? '',
    );
  }

  it('opens on the overview, with a navigation link per page', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    expect(TestBed.inject(Router).url).toBe('/overview');
    expect(navLabels(el)).toEqual([
      'Overview',
      'Forecasts',
      'Inventory',
      'Affinity',
      'Accuracy',
      'Policy proof',
      'Models & training',
      'Data',
      'Reports',
    ]);
    const current = el.querySelector('nav a[aria-current="page"]');
    expect(current?.textContent?.trim()).toBe('Overview');
    expect(TestBed.inject(Title).getTitle()).toBe('Overview · Shelfcast');
    TestBed.inject(HttpTestingController).match(() => true);
  });

  it('lazy-loads a page on navigation, which then asks its own API', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('sc-reports-page')).toBeNull();
    await TestBed.inject(Router).navigateByUrl('/reports');
    await fixture.whenStable();
    expect(el.querySelector('sc-reports-page')).not.toBeNull();
    const http = TestBed.inject(HttpTestingController);
    expect(http.match('/api/reports')).toHaveLength(1);
    http.match(() => true);
  });

  it('switches language at runtime', async () => {
    const fixture = await render();
    TestBed.inject(I18n).setLanguage('zh-CN');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(navLabels(el)).toEqual([
      '概览',
      '预测',
      '库存',
      '关联分析',
      '准确率',
      '策略验证',
      '模型与训练',
      '数据',
      '报表',
    ]);
    expect(TestBed.inject(Title).getTitle()).toBe('概览 · Shelfcast');
    TestBed.inject(HttpTestingController).match(() => true);
  });

  it('toggles the theme from the toolbar', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    const toggle = el.querySelector<HTMLButtonElement>('button.theme-toggle');
    expect(toggle?.getAttribute('aria-label')).toBe('Switch to dark theme');
    toggle?.click();
    await fixture.whenStable();
    expect(
      TestBed.inject(DOCUMENT).documentElement.classList.contains(
        'sc-theme-dark',
      ),
    ).toBe(true);
    expect(toggle?.getAttribute('aria-label')).toBe('Switch to light theme');
    TestBed.inject(HttpTestingController).match(() => true);
  });

  it('offers a skip link to the main content', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('.skip-link') as HTMLButtonElement).click();
    expect(document.activeElement?.id).toBe('main');
  });
});
