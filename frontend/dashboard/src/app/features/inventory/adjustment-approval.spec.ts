import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type {
  DecisionHistoryEntry,
  RecommendationLine,
  Role,
} from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n } from '../../core/i18n/i18n';
import { AdjustmentApprovalComponent } from './adjustment-approval';

/** Only the fields the component reads matter; the rest keep the type whole. */
function held(overrides: Partial<RecommendationLine> = {}): RecommendationLine {
  return {
    id: 7,
    status: 'pending_approval',
    recommendedQty: 24,
    finalQty: 1_800_000,
    decidedBy: 'store_manager@demo.shelfcast',
    decidedAt: '2026-11-28T09:00:00Z',
    reason: 'store opening',
    approvedBy: null,
    approvedAt: null,
    ...overrides,
  } as RecommendationLine;
}

describe('AdjustmentApprovalComponent', () => {
  let controller: HttpTestingController;

  function render(role: Role, line: RecommendationLine) {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AdjustmentApprovalComponent);
    fixture.componentRef.setInput('line', line);
    fixture.detectChanges();
    return fixture;
  }

  afterEach(() => {
    controller.verify();
    localStorage.clear();
  });

  it('shows the waiting adjustment and lets another planner approve it', () => {
    const fixture = render('planner', held());
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Needs a second approval');
    expect(el.textContent).toContain('store opening');
    const emitted: RecommendationLine[] = [];
    fixture.componentInstance.changed.subscribe((l) => emitted.push(l));
    const button = el.querySelector<HTMLButtonElement>('button');
    expect(button?.textContent).toContain('Give second approval');
    button?.click();
    const req = controller.expectOne('/api/recommendations/7/second-approval');
    expect(req.request.method).toBe('POST');
    req.flush(
      held({ status: 'adjusted', approvedBy: 'planner@demo.shelfcast' }),
    );
    expect(emitted.map((l) => l.status)).toEqual(['adjusted']);
  });

  it('offers no approval to the planner who made the adjustment, nor to a store manager', () => {
    const own = render('planner', held({ decidedBy: 'planner@demo.shelfcast' }))
      .nativeElement as HTMLElement;
    expect(own.querySelector('button')).toBeNull();
    expect(own.textContent).toContain('another planner must approve it');
    TestBed.resetTestingModule();
    localStorage.clear();
    const manager = render('store_manager', held())
      .nativeElement as HTMLElement;
    expect(manager.querySelector('button')).toBeNull();
    expect(manager.textContent).toContain('A planner must approve');
  });

  it('loads the decision history when opened', () => {
    const fixture = render('viewer', held());
    const el = fixture.nativeElement as HTMLElement;
    const details = el.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    fixture.detectChanges();
    const entries: DecisionHistoryEntry[] = [
      {
        id: 1,
        action: 'adjust',
        fromStatus: 'pending',
        toStatus: 'pending_approval',
        fromQty: 24,
        toQty: 1_800_000,
        actor: 'store_manager@demo.shelfcast',
        at: '2026-11-28T09:00:00Z',
        reason: 'store opening',
      },
    ];
    controller.expectOne('/api/recommendations/7/history').flush(entries);
    fixture.detectChanges();
    const item = el.querySelector('details li')?.textContent ?? '';
    expect(item).toContain('store_manager@demo.shelfcast');
    expect(item).toContain('adjusted');
    expect(item).toContain('Needs second approval');
    expect(item).toContain('store opening');
  });
});
