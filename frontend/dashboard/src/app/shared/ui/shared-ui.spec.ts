import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type FakeChart, provideChartsForTesting } from '@shelfcast/charts';
import type { ApiError } from '../../core/http/api-error';
import { I18n } from '../../core/i18n/i18n';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { KpiCard, type KpiComparison } from './kpi-card';
import { LoadingSkeleton } from './loading-skeleton';

@Component({
  imports: [ErrorState],
  template: `<sc-error-state
    [error]="error()"
    (retry)="retries = retries + 1"
  />`,
})
class ErrorHost {
  readonly error = signal<ApiError>({
    kind: 'network',
    status: 0,
    detail: null,
    body: null,
  });
  retries = 0;
}

@Component({
  imports: [KpiCard],
  template: `<sc-kpi-card
    label="Sales"
    [value]="value()"
    [comparison]="comparison()"
    [sparkline]="sparkline()"
  >
    <p class="projected">Nothing yet</p>
  </sc-kpi-card>`,
})
class KpiHost {
  readonly value = signal<string | null>('1,234');
  readonly comparison = signal<KpiComparison | null>({
    text: '+4% vs last week',
    direction: 'up',
    good: true,
  });
  readonly sparkline = signal<number[] | null>(null);
}

describe('shared UI', () => {
  let charts: FakeChart[];

  beforeEach(() => {
    charts = [];
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideChartsForTesting(charts)],
    });
    TestBed.inject(I18n).setLanguage('en');
  });

  it('error state explains the failure and retries', async () => {
    const fixture = TestBed.createComponent(ErrorHost);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role="alert"]')?.textContent).toContain(
      'The server cannot be reached',
    );
    fixture.componentInstance.error.set({
      kind: 'server',
      status: 503,
      detail: 'db down',
      body: null,
    });
    await fixture.whenStable();
    expect(el.textContent).toContain('The server had a problem (503)');
    expect(el.textContent).toContain('db down');
    el.querySelector('button')?.click();
    expect(fixture.componentInstance.retries).toBe(1);
  });

  it('kpi card shows value and comparison, or the projected content without a value', async () => {
    const fixture = TestBed.createComponent(KpiHost);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.kpi__value')?.textContent?.trim()).toBe('1,234');
    expect(el.querySelector('.kpi__comparison--good')?.textContent).toContain(
      '+4% vs last week',
    );
    expect(el.querySelector('sc-icon')).not.toBeNull();
    expect(el.querySelector('.projected')).toBeNull();
    fixture.componentInstance.value.set(null);
    await fixture.whenStable();
    expect(el.querySelector('.projected')?.textContent).toBe('Nothing yet');
  });

  it('kpi card draws a sparkline when given one', async () => {
    const fixture = TestBed.createComponent(KpiHost);
    fixture.componentInstance.sparkline.set([1, 3, 2]);
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    const el = fixture.nativeElement as HTMLElement;
    expect(
      el.querySelector('sc-sparkline [role="img"]')?.getAttribute('aria-label'),
    ).toBe('Sales');
    expect(charts).toHaveLength(1);
  });

  it('empty state shows its texts and the next step as a link', async () => {
    const fixture = TestBed.createComponent(EmptyState);
    fixture.componentRef.setInput('title', 'No forecasts yet');
    fixture.componentRef.setInput('message', 'Appear after import.');
    fixture.componentRef.setInput('actionLabel', 'Import sales data');
    fixture.componentRef.setInput('actionLink', '/data');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h2')?.textContent).toBe('No forecasts yet');
    const link = el.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/data');
    expect(link?.textContent?.trim()).toBe('Import sales data');
  });

  it('loading skeleton is a busy status region', async () => {
    const fixture = TestBed.createComponent(LoadingSkeleton);
    fixture.componentRef.setInput('variant', 'cards');
    fixture.componentRef.setInput('count', 3);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.getAttribute('role')).toBe('status');
    expect(el.getAttribute('aria-busy')).toBe('true');
    expect(el.querySelectorAll('.card')).toHaveLength(3);
  });
});
