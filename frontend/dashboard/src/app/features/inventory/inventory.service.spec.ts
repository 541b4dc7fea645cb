import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { InventoryService, compactFilters } from './inventory.service';

describe('InventoryService', () => {
  let service: InventoryService;
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(InventoryService);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  it('lists a page with filters, sort and order', () => {
    service
      .list({
        filters: { store: 'S001', risk: 'stockout', category: '' },
        sort: 'excessValue',
        order: 'desc',
        limit: 25,
        offset: 50,
      })
      .subscribe();
    const req = controller.expectOne((r) => r.url === '/api/recommendations');
    expect(req.request.params.toString()).toBe(
      'store=S001&risk=stockout&limit=25&offset=50&sort=excessValue&order=desc',
    );
    req.flush({ items: [], total: 0, offset: 50, limit: 25 });
  });

  it('omits sort when none is chosen', () => {
    service
      .list({ filters: {}, sort: null, order: 'asc', limit: 50, offset: 0 })
      .subscribe();
    const req = controller.expectOne((r) => r.url === '/api/recommendations');
    expect(req.request.params.has('sort')).toBe(false);
    req.flush({ items: [], total: 0, offset: 0, limit: 50 });
  });

  it('reads one line and replays the what-if at a service level', () => {
    service.detail(7).subscribe();
    service.whatIf(7, 0.97).subscribe();
    controller.expectOne('/api/recommendations/7').flush({});
    const req = controller.expectOne(
      (r) => r.url === '/api/recommendations/7/what-if',
    );
    expect(req.request.params.get('serviceLevel')).toBe('0.97');
    req.flush({});
  });

  it('posts decisions', () => {
    service.approve(1).subscribe();
    service.reject(2, 'overstock').subscribe();
    service.adjust(3, 24, 'case pack').subscribe();
    service
      .bulkApprove({ store: 'S002', abc: 'A', xyz: undefined })
      .subscribe();
    const approve = controller.expectOne('/api/recommendations/1/approve');
    expect(approve.request.body).toEqual({});
    const reject = controller.expectOne('/api/recommendations/2/reject');
    expect(reject.request.body).toEqual({ reason: 'overstock' });
    const adjust = controller.expectOne('/api/recommendations/3/adjust');
    expect(adjust.request.body).toEqual({ quantity: 24, reason: 'case pack' });
    const bulk = controller.expectOne('/api/recommendations/bulk-approve');
    expect(bulk.request.body).toEqual({ filters: { store: 'S002', abc: 'A' } });
    [approve, reject, adjust].forEach((r) => r.flush({}));
    bulk.flush({ updated: 3, ids: [1, 2, 3] });
  });

  it('drops blank filters', () => {
    expect(compactFilters({ store: ' ', search: ' cola ' })).toEqual({
      search: 'cola',
    });
  });
});
