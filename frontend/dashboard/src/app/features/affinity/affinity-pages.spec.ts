import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  ProductAffinity,
  Role,
  StoreAssortmentGaps,
} from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { AffinityPage } from './affinity.page';
import { ProductAffinityPage } from './product-affinity.page';
import { StoreGapsPage } from './store-gaps.page';

const RUN = {
  computedAt: '2026-11-28T02:30:00.000Z',
  baskets: 9835,
  windowDays: 90,
};

const PRODUCT: ProductAffinity = {
  product: {
    sku: 'J1',
    name: 'Orange juice 1 l',
    categoryPath: 'beverages/juice/orange',
    brand: 'Sunny',
  },
  run: RUN,
  boughtTogether: [
    {
      sku: 'K1',
      name: 'Butter croissant',
      categoryPath: 'bakery/pastry',
      brand: null,
      rank: 1,
      baskets: 3,
      support: 3 / 7,
      confidence: 0.75,
      lift: 1.3125,
      cosine: 0.75,
    },
  ],
  similar: [
    {
      sku: 'J2',
      name: 'Orange juice with pulp 1 l',
      categoryPath: 'beverages/juice/orange',
      brand: 'Sunny',
      rank: 1,
      similarity: 0.912,
      matches: ['category', 'brand', 'pack'],
      commonCategoryDepth: 3,
      commonWords: ['orange', 'juice'],
    },
  ],
};

const PRODUCT_DTO = {
  id: 1,
  sku: 'J1',
  name: 'Orange juice 1 l',
  categoryPath: 'beverages/juice/orange',
  brand: 'Sunny',
  regularPrice: 2.49,
  unitCost: 1.2,
  casePack: 6,
  moq: 6,
  shelfLifeDays: 14,
  supplierCode: null,
};

const GAPS: StoreAssortmentGaps = {
  store: { code: 'A1', name: 'Alder' },
  run: RUN,
  gaps: [
    {
      sku: 'J2',
      name: 'Orange juice with pulp 1 l',
      categoryPath: 'beverages/juice/orange',
      brand: 'Sunny',
      rank: 1,
      expectedShare: 0.1197,
      similarStoresSelling: 2,
      similarStoresCompared: 3,
      meanShareWhereSold: 0.1198,
      expectedUnits: 21.5,
    },
  ],
  segmentPicks: [],
};

describe('affinity pages', () => {
  let controller: HttpTestingController;

  async function open(url: string, role: Role): Promise<HTMLElement> {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'affinity', component: AffinityPage },
            { path: 'products/:sku', component: ProductAffinityPage },
            { path: 'stores/:code/gaps', component: StoreGapsPage },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return harness.routeNativeElement as HTMLElement;
  }

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    TestBed.tick();
  }

  afterEach(() => {
    controller.verify();
    localStorage.clear();
  });

  it('shows bought-together numbers and why products are similar', async () => {
    const el = await open('/products/J1', 'viewer');
    controller.expectOne('/api/affinity/products/J1').flush(PRODUCT);
    await settle();
    expect(el.textContent).toContain('J1 · Orange juice 1 l');
    const together = el.querySelector('[data-testid="bought-together"]');
    const cells = Array.from(together?.querySelectorAll('tbody td') ?? []).map(
      (c) => c.textContent?.trim(),
    );
    expect(cells[0]).toContain('Butter croissant');
    expect(cells.slice(1)).toEqual(['3', '42.86%', '75%', '1.31', '0.75']);
    const similar = el.querySelector('[data-testid="similar"]');
    expect(similar?.textContent).toContain('Orange juice with pulp 1 l');
    expect(similar?.textContent).toContain('0.912');
    expect(
      Array.from(similar?.querySelectorAll('.chip') ?? []).map((c) =>
        c.textContent?.trim(),
      ),
    ).toEqual(['category', 'brand', 'pack size']);
    expect(similar?.textContent).toContain('orange, juice');
    // Viewers cannot recompute.
    expect(el.textContent).not.toContain('Recompute now');
  });

  it('says so when a product has no pairs yet, and lets planners recompute', async () => {
    const el = await open('/products/J1', 'planner');
    controller
      .expectOne('/api/affinity/products/J1')
      .flush({ ...PRODUCT, boughtTogether: [] });
    await settle();
    expect(el.querySelector('[data-testid="bought-together"]')).toBeNull();
    expect(el.textContent).toContain('Nothing is bought with this product');
    const button = Array.from(el.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Recompute now'),
    );
    expect(button).toBeDefined();
    button?.click();
    controller.expectOne('/api/affinity/recompute').flush({});
    controller.expectOne('/api/affinity/products/J1').flush(PRODUCT);
    await settle();
    expect(el.querySelector('[data-testid="bought-together"]')).not.toBeNull();
  });

  it("lists a store's assortment gaps with their numbers", async () => {
    const el = await open('/stores/A1/gaps', 'store_manager');
    controller.expectOne('/api/affinity/stores/A1/gaps').flush(GAPS);
    await settle();
    expect(el.textContent).toContain('Store A1 · Alder');
    const cells = Array.from(
      el.querySelectorAll('[data-testid="gaps"] tbody td'),
    ).map((c) => c.textContent?.trim());
    expect(cells[0]).toContain('Orange juice with pulp 1 l');
    expect(cells.slice(1)).toEqual(['11.97%', '22', '2 / 3', '11.98%']);
    expect(el.textContent).toContain(
      "No customer ids in this store's basket lines.",
    );
  });

  it('the index links every store to its gaps and searched products to their affinity page', async () => {
    const el = await open('/affinity', 'planner');
    controller
      .expectOne('/api/stores')
      .flush([
        { id: 1, code: 'A1', name: 'Alder', region: 'North', timezone: 'UTC' },
      ]);
    controller
      .expectOne((r) => r.url === '/api/products' && !r.params.has('search'))
      .flush({ items: [{ ...PRODUCT_DTO }], total: 1, offset: 0, limit: 50 });
    await settle();
    const storeLinks = Array.from(
      el.querySelectorAll('[data-testid="affinity-stores"] a'),
    ).map((a) => a.getAttribute('href'));
    expect(storeLinks).toEqual(['/stores/A1/gaps']);
    const productLinks = Array.from(
      el.querySelectorAll('[data-testid="affinity-products"] a'),
    ).map((a) => a.getAttribute('href'));
    expect(productLinks).toEqual(['/products/J1']);

    const input = el.querySelector('input[type="search"]') as HTMLInputElement;
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 300));
    TestBed.tick();
    const searched = controller.expectOne(
      (r) => r.url === '/api/products' && r.params.get('search') === 'zzz',
    );
    searched.flush({ items: [], total: 0, offset: 0, limit: 50 });
    await settle();
    expect(el.querySelector('[data-testid="affinity-products"]')).toBeNull();
    expect(el.textContent).toContain('No product matches this search.');
  });

  it('shows the error with a retry when the store is not assigned', async () => {
    const el = await open('/stores/A2/gaps', 'store_manager');
    controller
      .expectOne('/api/affinity/stores/A2/gaps')
      .flush(
        { statusCode: 403, message: 'This store is not assigned to you' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(el.querySelector('[role="alert"]')).not.toBeNull();
  });
});
