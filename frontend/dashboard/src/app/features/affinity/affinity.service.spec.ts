import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AffinityService } from './affinity.service';

describe('AffinityService', () => {
  let service: AffinityService;
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(AffinityService);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  it('reads a product, escaping the sku', () => {
    service.product('A/B 1').subscribe();
    controller.expectOne('/api/affinity/products/A%2FB%201').flush({});
  });

  it("reads a store's gaps and triggers a recompute", () => {
    service.storeGaps('S001').subscribe();
    controller.expectOne('/api/affinity/stores/S001/gaps').flush({});
    service.recompute().subscribe();
    const req = controller.expectOne('/api/affinity/recompute');
    expect(req.request.method).toBe('POST');
    req.flush({});
  });
});
