import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  AfterOrderRisk,
  RecommendationDetail,
  RecommendationLine,
  WhatIfResult,
} from '@shelfcast/contracts';
import { provideChartsForTesting } from '@shelfcast/charts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { InventoryPage, projectionSeries } from './inventory.page';

function line(overrides: Partial<RecommendationLine> = {}): RecommendationLine {
  return {
    id: 1,
    runId: 'run',
    generatedAt: '2026-11-28T00:00:00Z',
    asOf: '2026-11-28',
    store: 'S001',
    storeName: 'Boston',
    sku: 'P0001',
    productName: 'Orange Juice',
    category: 'beverages/juice',
    supplier: null,
    status: 'pending',
    risk: 'stockout',
    recommendedQty: 24,
    finalQty: 24,
    cases: 4,
    casePack: 6,
    moq: 12,
    safetyStock: 8,
    reorderPoint: 20,
    orderUpTo: 40,
    inventoryPosition: 10,
    onHand: 10,
    inbound: 0,
    demandMean: 15,
    demandSd: 4,
    protectionPeriods: 7,
    serviceKind: 'cycle-service',
    serviceLevel: 0.95,
    abc: 'A',
    xyz: 'Y',
    stockoutDateP50: '2026-12-02',
    stockoutDateP90: '2026-12-01',
    daysOfCover: 4.2,
    excessUnits: 0,
    excessValue: 0,
    expiryRisk: null,
    unitCost: 1.8,
    expectedLostUnits: 3.5,
    lostMargin: 7.25,
    riskReason: 'lead-time',
    explanation: 'Stock runs out on 2 Dec at P50; order 24 to reach 40.',
    explanationFacts: null,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    approvedBy: null,
    approvedAt: null,
    ...overrides,
  };
}

const AFTER_ORDER: AfterOrderRisk = {
  orderQuantity: 24,
  arrivalDate: '2026-12-03',
  nextDeliveryDate: '2026-12-10',
  stockOutDate: '2026-12-01',
  reason: 'lead-time',
  expectedLostUnits: 3.5,
  lostMargin: 7.25,
  leadTimeDays: 5,
};

const WHAT_IF: WhatIfResult = {
  serviceLevel: 0.95,
  serviceKind: 'cycle-service',
  periods: 52,
  fillRate: 0.97,
  cycleServiceLevel: 0.95,
  averageOnHand: 18,
  orders: 12,
  orderedUnits: 300,
  reorderPoint: 20,
  safetyStock: 8,
  orderQuantity: 24,
};

describe('InventoryPage', () => {
  let controller: HttpTestingController;

  async function open(url: string): Promise<HTMLElement> {
    const t = tokens('planner');
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'inventory', component: InventoryPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, InventoryPage);
    return harness.routeNativeElement as HTMLElement;
  }

  function flushCatalog(): void {
    controller.expectOne('/api/stores').flush([]);
    controller.expectOne('/api/categories').flush([]);
  }

  afterEach(() => {
    controller.verify();
    localStorage.clear();
  });

  it('shows the documented empty state when no lines exist', async () => {
    const el = await open('/inventory');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({ items: [], total: 0, offset: 0, limit: 50 });
    TestBed.tick();
    expect(el.querySelector('sc-empty-state h2')?.textContent).toContain(
      'No inventory projections yet',
    );
    // No sales at all: a planner imports them first.
    controller.expectOne('/api/data/freshness').flush([]);
    controller.expectOne((r) => r.url === '/api/training/runs').flush([]);
    TestBed.tick();
    const action = el.querySelector('sc-empty-state a');
    expect(action?.textContent).toContain('Import sales');
    expect(action?.getAttribute('href')).toBe('/data');
  });

  it('reads filters, sort and page from the URL and approves a line inline', async () => {
    const el = await open(
      '/inventory?risk=stockout&store=S001&sort=excessValue&order=desc&page=1&size=25',
    );
    flushCatalog();
    const list = controller.expectOne((r) => r.url === '/api/recommendations');
    expect(list.request.params.toString()).toBe(
      'store=S001&risk=stockout&limit=25&offset=25&sort=excessValue&order=desc',
    );
    list.flush({ items: [line()], total: 26, offset: 25, limit: 25 });
    TestBed.tick();
    expect(el.textContent).toContain('Stock runs out on 2 Dec');
    const approve = el.querySelector<HTMLButtonElement>(
      'button[aria-label="Approve P0001 at S001"]',
    );
    approve?.click();
    const req = controller.expectOne('/api/recommendations/1/approve');
    req.flush(line({ status: 'approved' }));
    TestBed.tick();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({
        items: [line({ status: 'approved' })],
        total: 26,
        offset: 25,
        limit: 25,
      });
    TestBed.tick();
    expect(el.textContent).toContain('Approved P0001 at S001.');
  });

  it('leads with a sticky, sortable store column', async () => {
    const el = await open('/inventory');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({
        items: [line({ id: 2, store: 'S002' }), line()],
        total: 2,
        offset: 0,
        limit: 50,
      });
    TestBed.tick();
    const header = el.querySelector('th.mat-column-store');
    expect(header?.textContent?.trim()).toBe('Store');
    expect(header?.classList).toContain('mat-mdc-table-sticky');
    expect(
      Array.from(el.querySelectorAll('td.mat-column-store')).map((c) =>
        c.textContent?.trim(),
      ),
    ).toEqual(['S002', 'S001']);
    (header as HTMLElement).click();
    // The sort goes through the URL (a navigation) before the list reloads.
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    const sorted = controller.expectOne(
      (r) => r.url === '/api/recommendations',
    );
    expect(sorted.request.params.get('sort')).toBe('store');
    expect(sorted.request.params.get('order')).toBe('asc');
    sorted.flush({ items: [line()], total: 1, offset: 0, limit: 50 });
  });

  it('lists the largest value at risk first unless the URL sorts otherwise', async () => {
    const el = await open('/inventory');
    flushCatalog();
    const list = controller.expectOne((r) => r.url === '/api/recommendations');
    expect(list.request.params.get('sort')).toBe('valueAtRisk');
    expect(list.request.params.get('order')).toBe('desc');
    list.flush({ items: [line()], total: 1, offset: 0, limit: 50 });
    TestBed.tick();
    expect(
      el.querySelector('th.mat-column-valueAtRisk')?.getAttribute('aria-sort'),
    ).toBe('descending');
    const cell = el.querySelector('td.mat-column-valueAtRisk');
    expect(cell?.textContent?.trim()).toBe('$7.25');
    expect(cell?.getAttribute('title')).toBe(
      '3.5 units expected lost before the next delivery',
    );
  });

  it('filters by region from the URL (a region card of the overview links here)', async () => {
    await open('/inventory?region=south&status=pending');
    flushCatalog();
    const list = controller.expectOne((r) => r.url === '/api/recommendations');
    expect(list.request.params.get('region')).toBe('south');
    expect(list.request.params.get('status')).toBe('pending');
    list.flush({ items: [], total: 0, offset: 0, limit: 50 });
  });

  it('opens the line in the URL beside the table, replays its what-if and adjusts it with a reason', async () => {
    const el = await open('/inventory?line=1');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({ items: [line()], total: 1, offset: 0, limit: 50 });
    controller.expectOne('/api/recommendations/1').flush({
      ...line(),
      breakdown: {},
      projection: [],
      afterOrder: AFTER_ORDER,
    });
    TestBed.tick();
    expect(el.querySelector('#detail-title')?.textContent).toBe(
      'P0001 · Boston',
    );
    // The line's result in the latest policy proof, in one sentence.
    controller.expectOne('/api/policy-proof/recommendations/1').flush({
      proofId: 3,
      recommendationId: 1,
      weeks: 13,
      from: '2026-08-30',
      to: '2026-11-27',
      periodUnit: 'day',
      periods: 90,
      target: 0.95,
      skipReason: null,
      served: { fillRate: 0.962, avgOnHand: 18, stockOutDays: 1, lostUnits: 2 },
      naive: { fillRate: 0.91, avgOnHand: 31, stockOutDays: 6, lostUnits: 9 },
    });
    TestBed.tick();
    expect(
      el.querySelector('[data-testid="line-proof"]')?.textContent,
    ).toContain(
      'On this item’s last 13 weeks this policy would have delivered 96.2% fill with 18 average on hand (naive-fed: 91% fill, 31 on hand).',
    );
    // When the order arrives, and why the line stays at risk after ordering.
    const after = el.querySelector('[data-testid="after-order"]');
    expect(after?.getAttribute('data-arrival')).toBe('2026-12-03');
    expect(after?.textContent).toContain('(lead time 5 days)');
    expect(after?.textContent).toContain(
      'the order arrives after the stock-out',
    );
    // The what-if request waits for the slider to settle (debounced).
    await new Promise((resolve) => setTimeout(resolve, 350));
    const whatIf = controller.expectOne(
      (r) => r.url === '/api/recommendations/1/what-if',
    );
    expect(whatIf.request.params.get('serviceLevel')).toBe('0.95');
    whatIf.flush(WHAT_IF);
    TestBed.tick();
    expect(el.querySelector('aside')?.textContent).toContain('97');

    const form = el.querySelector('form.decide') as HTMLFormElement;
    const [qty, reason] = Array.from(form.querySelectorAll('input'));
    qty.value = '30';
    qty.dispatchEvent(new Event('input'));
    reason.value = 'Promotion next week';
    reason.dispatchEvent(new Event('input'));
    TestBed.tick();
    form.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const adjust = controller.expectOne('/api/recommendations/1/adjust');
    expect(adjust.request.body).toEqual({
      quantity: 30,
      reason: 'Promotion next week',
    });
    adjust.flush(line({ status: 'adjusted', finalQty: 30 }));
    TestBed.tick();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({ items: [line()], total: 1, offset: 0, limit: 50 });
    controller.expectOne('/api/recommendations/1').flush({
      ...line({ status: 'adjusted', finalQty: 30, decidedBy: 'planner' }),
      breakdown: {},
      projection: [],
      afterOrder: AFTER_ORDER,
    });
    TestBed.tick();
    expect(el.textContent).toContain('Adjusted P0001 at S001.');
    expect(el.querySelector('form.decide')).toBeNull();
    // The reloaded line replays its what-if again.
    await new Promise((resolve) => setTimeout(resolve, 350));
    controller
      .expectOne((r) => r.url === '/api/recommendations/1/what-if')
      .flush(WHAT_IF);
  });

  it('shows order and excess value in the configured currency, with sticky status and actions', async () => {
    const el = await open('/inventory');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({
        items: [line({ excessValue: 1234.5 })],
        total: 1,
        offset: 0,
        limit: 50,
      });
    TestBed.tick();
    expect(
      el.querySelector('th.mat-column-orderValue')?.textContent?.trim(),
    ).toBe('Order value (USD)');
    // 24 units at 1.80 each.
    expect(
      el.querySelector('td.mat-column-orderValue')?.textContent?.trim(),
    ).toBe('$43.20');
    expect(
      el.querySelector('td.mat-column-excessValue')?.textContent?.trim(),
    ).toBe('$1,234.50');
    for (const col of ['status', 'actions']) {
      expect(el.querySelector(`th.mat-column-${col}`)?.classList).toContain(
        'mat-mdc-table-sticky',
      );
    }
  });

  it('reviews from the keyboard: j moves down, a approves the line under the cursor', async () => {
    const el = await open('/inventory');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({
        items: [line(), line({ id: 2, sku: 'P0002' })],
        total: 2,
        offset: 0,
        limit: 50,
      });
    TestBed.tick();
    const press = (key: string): void => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key }));
      TestBed.tick();
    };
    expect(el.querySelector('tr.cursor')?.getAttribute('data-line')).toBe('1');
    press('j');
    expect(el.querySelector('tr.cursor')?.getAttribute('data-line')).toBe('2');
    press('a');
    controller
      .expectOne('/api/recommendations/2/approve')
      .flush(line({ id: 2, sku: 'P0002', status: 'approved' }));
    TestBed.tick();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({ items: [line()], total: 1, offset: 0, limit: 50 });
    TestBed.tick();
    expect(el.textContent).toContain('Approved P0002 at S001.');
    // Typing in the search field is not a shortcut.
    const search = el.querySelector<HTMLInputElement>('input[type="search"]');
    search?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'a', bubbles: true }),
    );
    controller.expectNone('/api/recommendations/1/approve');
  });

  it('names the count and the filters before a bulk approval', async () => {
    const el = await open('/inventory?store=S001&risk=stockout');
    flushCatalog();
    controller
      .expectOne((r) => r.url === '/api/recommendations')
      .flush({ items: [line()], total: 9, offset: 0, limit: 50 });
    TestBed.tick();
    Array.from(el.querySelectorAll<HTMLButtonElement>('.toolbar button'))
      .find((b) => b.textContent?.includes('Approve all pending'))
      ?.click();
    TestBed.tick();
    const count = controller.expectOne((r) => r.url === '/api/recommendations');
    expect(count.request.params.get('status')).toBe('pending');
    expect(count.request.params.get('store')).toBe('S001');
    count.flush({ items: [line()], total: 7, offset: 0, limit: 1 });
    TestBed.tick();
    expect(el.querySelector('.confirm')?.textContent).toContain(
      'Approve 7 pending lines matching: Store S001, Risk Stock-out risk?',
    );
  });

  it('maps a projection to chart series', () => {
    const detail: RecommendationDetail = {
      ...line(),
      breakdown: {},
      projection: [
        {
          date: '2026-11-29',
          onHand: 5,
          onHandWithoutOrder: 5,
          inbound: 0,
          recommendedArrival: 24,
          forecast: 5,
          forecastP90: 8,
          reorderPoint: 20,
          safetyStock: 8,
        },
        {
          date: null,
          onHand: 0,
          onHandWithoutOrder: 0,
          inbound: 0,
          recommendedArrival: 0,
          forecast: 0,
          forecastP90: 0,
          reorderPoint: 20,
          safetyStock: 8,
        },
      ],
      afterOrder: AFTER_ORDER,
    };
    expect(projectionSeries(detail)).toEqual({
      onHand: [{ date: '2026-11-28', value: 10 }],
      projected: [{ date: '2026-11-29', value: 5 }],
      withoutOrder: [{ date: '2026-11-29', value: 5 }],
      inbound: [{ date: '2026-11-29', value: 24 }],
      demand: [{ date: '2026-11-29', value: 5 }],
    });
  });
});
