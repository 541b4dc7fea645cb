import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { IssuedForecast } from '@shelfcast/contracts';
import { I18n } from '../../core/i18n/i18n';
import type { SeriesQuery } from './forecasts.service';
import { PAST_ORIGINS, pastForecasts } from './past-forecasts';

const query = (sku: string): SeriesQuery => ({
  level: 'series',
  store: 'S001',
  sku,
  category: null,
  historyDays: 180,
});

const issued = (origin: string): IssuedForecast => ({
  origin,
  issuedAt: `${origin}T02:00:00.000Z`,
  runId: `run-${origin}`,
  points: [{ date: origin, step: 1, p10: 1, p50: 2, p90: 3 }],
});

describe('pastForecasts', () => {
  it('loads only when switched on, keeps the picked origins, and starts again for another series', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).setLanguage('en');
    const http = TestBed.inject(HttpTestingController);
    const q = signal<SeriesQuery | null>(query('P1'));
    const past = runInInjectionContext(TestBed.inject(Injector), () =>
      pastForecasts(q),
    );
    TestBed.tick();
    http.expectNone((r) => r.url === '/api/accuracy/realized/issued');
    expect(past.overlays()).toBeNull();

    past.toggle(true);
    TestBed.tick();
    const first = http.expectOne(
      (r) => r.url === '/api/accuracy/realized/issued',
    );
    expect(first.request.params.get('origins')).toBe(String(PAST_ORIGINS));
    first.flush(
      ['2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01'].map(issued),
    );
    expect(past.chosen()).toEqual(['2026-11-04', '2026-11-03', '2026-11-02']);
    past.choose(['2026-11-01']);
    expect(past.overlays()?.map((o) => o.key)).toEqual(['2026-11-01']);

    q.set(query('P2'));
    TestBed.tick();
    // Nothing of P1 is drawn while P2 loads; P2 starts from its newest origins.
    expect(past.overlays()).toBeNull();
    http
      .expectOne((r) => r.params.get('sku') === 'P2')
      .flush([issued('2026-11-04')]);
    expect(past.overlays()?.map((o) => o.name)).toEqual(['Issued Nov 4, 2026']);

    // Not a single series: no overlays, no request.
    q.set({ ...query('P2'), level: 'store' });
    TestBed.tick();
    expect(past.overlays()).toBeNull();
    expect(past.none()).toBe(true);
    http.verify();
  });
});
