import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ForecastsService } from './forecasts.service';

describe('ForecastsService', () => {
  let service: ForecastsService;
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(ForecastsService);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  it('reads stores and categories', () => {
    service.stores().subscribe();
    service.categories().subscribe();
    controller.expectOne('/api/stores').flush([]);
    controller.expectOne('/api/categories').flush([]);
  });

  it('searches products (trimmed) within a category', () => {
    service.products('  cola ', 'beverages').subscribe();
    const req = controller.expectOne((r) => r.url === '/api/products');
    expect(req.request.params.get('search')).toBe('cola');
    expect(req.request.params.get('category')).toBe('beverages');
    expect(req.request.params.get('limit')).toBe('20');
    req.flush({ items: [], total: 0, offset: 0, limit: 20 });
  });

  it('leaves out an empty search and category', () => {
    service.products('', null).subscribe();
    const req = controller.expectOne((r) => r.url === '/api/products');
    expect(req.request.params.has('search')).toBe(false);
    expect(req.request.params.has('category')).toBe(false);
    req.flush({ items: [], total: 0, offset: 0, limit: 20 });
  });

  it('sends only the picks the level uses', () => {
    const base = {
      store: 'S001',
      sku: 'P0001',
      category: 'dairy',
      historyDays: 180,
    };
    service.series({ ...base, level: 'series' }).subscribe();
    service.series({ ...base, level: 'product' }).subscribe();
    service.series({ ...base, level: 'category' }).subscribe();
    service.series({ ...base, level: 'store' }).subscribe();
    service.series({ ...base, level: 'chain' }).subscribe();
    const reqs = controller.match((r) => r.url === '/api/forecasts/series');
    const params = reqs.map((r) => r.request.params.toString());
    expect(params).toEqual([
      'level=series&historyDays=180&store=S001&sku=P0001',
      'level=product&historyDays=180&sku=P0001',
      'level=category&historyDays=180&category=dairy',
      'level=store&historyDays=180&store=S001',
      'level=chain&historyDays=180',
    ]);
    reqs.forEach((r) => r.flush({}));
  });

  it('delivers the backtest points of the series response unchanged', () => {
    let points: unknown;
    service
      .series({
        level: 'series',
        store: 'S001',
        sku: 'P0001',
        category: null,
        historyDays: 90,
      })
      .subscribe((r) => (points = r.backtestPoints));
    const point = {
      date: '2026-11-14',
      origin: '2026-11-14',
      p10: 3,
      p50: 5,
      p90: 8,
      actual: 6,
    };
    controller
      .expectOne((r) => r.url === '/api/forecasts/series')
      .flush({ backtestPoints: [point] });
    expect(points).toEqual([point]);
  });
});

describe('ForecastsService overrides', () => {
  it('lists a series’ overrides and posts a new one', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const service = TestBed.inject(ForecastsService);
    const controller = TestBed.inject(HttpTestingController);
    service.overrides('S001', 'P0001').subscribe();
    const list = controller.expectOne((r) => r.url === '/api/overrides');
    expect(list.request.method).toBe('GET');
    expect(list.request.params.toString()).toBe('store=S001&sku=P0001');
    list.flush([]);
    const body = {
      store: 'S001',
      sku: 'P0001',
      startDate: '2026-12-01',
      endDate: '2026-12-07',
      mode: 'per_period' as const,
      value: 30,
      reason: 'Local festival',
    };
    service.createOverride(body).subscribe();
    const post = controller.expectOne('/api/overrides');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual(body);
    post.flush({});
    controller.verify();
  });
});
