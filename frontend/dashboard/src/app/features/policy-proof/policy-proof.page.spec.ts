import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideChartsForTesting } from '@shelfcast/charts';
import type {
  PolicyProofView,
  ProofGroupView,
  ProofLineView,
  RecommendationProofView,
  Role,
} from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { proofSentence } from '../inventory/proof-sentence';
import { PolicyProofPage } from './policy-proof.page';
import { fillRateSeries, stockSaving } from './proof-summary';

const side = (fillRate: number | null, avgOnHand: number) => ({
  fillRate,
  avgOnHand,
  stockOutDays: 2,
  lostUnits: 5,
});
const group = (key: string, lines: number): ProofGroupView => ({
  key,
  lines,
  demand: 100,
  target: lines ? 0.95 : null,
  served: side(lines ? 0.931 : null, 20),
  naive: side(lines ? 0.9 : null, 40),
});
const line = (store: string, skipReason: string | null): ProofLineView => ({
  recommendationId: 1,
  store,
  sku: 'P1',
  category: 'dairy',
  periodUnit: 'day',
  target: 0.95,
  periods: 28,
  demand: 100,
  skipReason,
  served: skipReason ? null : side(0.931, 20),
  naive: skipReason ? null : side(0.9, 40),
});
const PROOF: PolicyProofView = {
  id: 7,
  status: 'done',
  trigger: 'promotion',
  runId: 'run-1',
  weeks: 13,
  from: '2026-10-31',
  to: '2026-11-27',
  lines: 2,
  skipped: 1,
  durationMs: 10,
  error: null,
  startedAt: '2026-11-28T02:00:00Z',
  finishedAt: '2026-11-28T02:00:01Z',
  assumptions: ['Demand is the recorded sales.'],
  total: group('all', 1),
  byStore: [group('S001', 1), group('S002', 0)],
  byCategory: [group('dairy', 1)],
  page: {
    total: 2,
    limit: 1000,
    offset: 0,
    items: [line('S001', null), line('S002', 'no-stock-history')],
  },
};

describe('PolicyProofPage', () => {
  let http: HttpTestingController;

  async function open(role: Role): Promise<{
    page: HTMLElement;
    harness: RouterTestingHarness;
  }> {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'policy-proof', component: PolicyProofPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/policy-proof', PolicyProofPage);
    return { page: harness.routeNativeElement as HTMLElement, harness };
  }

  afterEach(() => localStorage.clear());

  it('shows target against achieved per store, the period, the skipped lines and the assumptions', async () => {
    const { page, harness } = await open('store_manager');
    http.expectOne((r) => r.url === '/api/policy-proof').flush(PROOF);
    await harness.fixture.whenStable();
    harness.detectChanges();
    const row = page.querySelector(
      '[data-testid="proof-by-store"] tr[data-key="S001"]',
    );
    expect(row?.querySelector('[data-col="target"]')?.textContent?.trim()).toBe(
      '95.0%',
    );
    expect(
      row?.querySelector('[data-col="achieved"]')?.textContent?.trim(),
    ).toBe('93.1%');
    expect(
      page.querySelector('[data-testid="proof-period"]')?.textContent,
    ).toContain('2026-10-31 – 2026-11-27');
    expect(
      page.querySelector('[data-testid="proof-skipped"] tbody')?.textContent,
    ).toContain('No stock snapshot before the replayed weeks start');
    expect(
      page.querySelector('[data-testid="proof-assumptions"]')?.textContent,
    ).toContain('Demand is the recorded sales.');
    expect(page.textContent).toContain('50.0% less stock than naive-fed');
    // Managers read; only planners start a proof.
    expect(page.querySelector('[data-testid="proof-run"]')).toBeNull();
  });

  it('guides a planner to the first proof and shows it when it is done', async () => {
    const { page, harness } = await open('planner');
    http
      .expectOne((r) => r.url === '/api/policy-proof')
      .flush(
        { message: 'No policy proof yet' },
        { status: 404, statusText: 'Not Found' },
      );
    await harness.fixture.whenStable();
    harness.detectChanges();
    expect(
      page.querySelector('[data-testid="proof-empty"]')?.textContent,
    ).toContain('No policy proof yet');
    const run = page.querySelector<HTMLButtonElement>(
      '[data-testid="proof-run"]',
    );
    run?.click();
    http
      .expectOne({ method: 'POST', url: '/api/policy-proof/run' })
      .flush({ id: 7, status: 'running' });
    const poll = http.expectOne(
      (r) => r.url === '/api/policy-proof' && r.params.get('proofId') === '7',
    );
    poll.flush(PROOF);
    http.expectOne((r) => r.url === '/api/policy-proof').flush(PROOF);
    await harness.fixture.whenStable();
    harness.detectChanges();
    expect(page.querySelector('[data-testid="proof-empty"]')).toBeNull();
    expect(
      page.querySelector('[data-testid="proof-by-store"] tr[data-key="S001"]'),
    ).not.toBeNull();
  });

  it('builds the chart from the replayed groups only, and the stock comparison', () => {
    const chart = fillRateSeries(PROOF.byStore, {
      target: 'T',
      achieved: 'A',
      naive: 'N',
    });
    expect(chart.categories).toEqual(['S001']);
    expect(chart.series.map((s) => [s.name, ...s.values])).toEqual([
      ['T', 95],
      ['A', 93.1],
      ['N', 90],
    ]);
    expect(stockSaving(PROOF.total)).toBeCloseTo(0.5, 12);
  });

  it('writes the recommendation’s proof sentence', () => {
    TestBed.configureTestingModule({});
    const i18n = TestBed.inject(I18n);
    i18n.setLanguage('en');
    const proof: RecommendationProofView = {
      proofId: 7,
      recommendationId: 1,
      weeks: 13,
      from: '2026-10-31',
      to: '2026-11-27',
      periodUnit: 'day',
      periods: 28,
      target: 0.95,
      skipReason: null,
      served: side(0.931, 20.44),
      naive: side(0.9, 40),
    };
    expect(proofSentence(proof, i18n)).toBe(
      'On this item’s last 13 weeks this policy would have delivered 93.1% fill with 20.4 average on hand (naive-fed: 90% fill, 40 on hand).',
    );
    expect(
      proofSentence(
        { ...proof, skipReason: 'short-series', served: null },
        i18n,
      ),
    ).toBe(
      'Not proven on this item’s history: Less than two seasons of sales before the replayed weeks.',
    );
    expect(proofSentence(null, i18n)).toContain('No policy proof covers');
  });
});
