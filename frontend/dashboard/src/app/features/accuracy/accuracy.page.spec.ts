import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DriftFlagItem, RealizedAccuracyRow } from '@shelfcast/contracts';
import { AccuracyPage } from './accuracy.page';

const ROW: RealizedAccuracyRow = {
  week: '2026-11-02',
  level: 'store',
  scopeKey: '1',
  label: 'S1',
  bucket: 'all',
  points: 14,
  actual: 80,
  wape: 0.25,
  bias: -0.05,
  mase: 0.8,
  coverage: 0.75,
  backtestWape: 0.2,
};

const FLAG: DriftFlagItem = {
  id: 3,
  level: 'store',
  scopeKey: '1',
  label: 'S1',
  storeId: 1,
  week: '2026-11-16',
  reason: 'wape',
  realizedWape: 0.5,
  backtestWape: 0.2,
  bias: 0.4,
  periods: 3,
  action: 'Retrain: realized error has run above the backtest.',
  createdAt: '2026-11-23T06:00:00.000Z',
};

describe('AccuracyPage', () => {
  it('shows realized beside backtest WAPE for the level in the URL, and the drift flags', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'accuracy', component: AccuracyPage }]),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(
      '/accuracy?level=store&bucket=1-7',
      AccuracyPage,
    );
    harness.detectChanges();
    const requests = http.match((r) => r.url === '/api/accuracy/realized');
    expect(requests.length).toBeGreaterThan(0);
    const last = requests[requests.length - 1];
    expect(last.request.params.get('level')).toBe('store');
    expect(last.request.params.get('bucket')).toBe('1-7');
    for (const r of requests) if (!r.cancelled) r.flush([ROW]);
    http.expectOne('/api/accuracy/drift').flush([FLAG]);
    await harness.fixture.whenStable();
    harness.detectChanges();
    const page = harness.routeNativeElement as HTMLElement;
    const cells = Array.from(page.querySelectorAll('tbody td')).map((td) =>
      td.textContent?.trim(),
    );
    expect(cells).toEqual([
      '2026-11-02',
      'S1',
      '25.0 %',
      '20.0 %',
      '-5.0 %',
      '0.80',
      '75.0 %',
      '14',
    ]);
    const drift = page.querySelector(
      '[data-testid="drift-flags"]',
    )?.textContent;
    expect(drift).toContain(
      'Retrain: realized error has run above the backtest.',
    );
    expect(drift).toContain('50.0 %');
    // Horizon buckets in days (daily series) and in weeks (weekly series).
    const toggles = Array.from(page.querySelectorAll('mat-button-toggle')).map(
      (b) => b.textContent?.trim(),
    );
    expect(toggles).toEqual(
      expect.arrayContaining(['1-7 days', '15-28 days', '1 wk', '3-4 wk']),
    );
    http.verify();
  });
});
