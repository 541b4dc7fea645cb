import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RunDetail, RunSummary, Role } from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { I18n, type Language } from '../../core/i18n/i18n';
import { RunAlerts } from './run-alerts';
import { runSummary as run } from './testing';

const FAILED = run({
  id: 'bbbbbbbb-0000-4000-8000-000000000002',
  status: 'failed',
});

describe('RunAlerts', () => {
  let controller: HttpTestingController;

  afterEach(() => {
    controller.verify();
    localStorage.clear();
    jest.restoreAllMocks();
  });

  function render(role: Role, runs: RunSummary[], language: Language = 'en') {
    const t = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).setLanguage(language);
    controller = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RunAlerts);
    fixture.componentRef.setInput('runs', runs);
    fixture.detectChanges();
    TestBed.tick();
    return fixture;
  }

  it('names the cause when the newest finished run failed, until dismissed', () => {
    const fixture = render('viewer', [FAILED, run()]);
    controller.expectOne(`/api/training/runs/${FAILED.id}`).flush({
      ...FAILED,
      message: 'Database is locked',
      errors: [],
    } as Partial<RunDetail>);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const banner = el.querySelector('[role="alert"]');
    expect(banner?.textContent).toContain('The nightly training run of');
    expect(banner?.textContent).toContain('failed: Database is locked');
    expect(banner?.textContent).toContain('The previous model keeps serving');
    // Viewers cannot cancel (and nothing runs).
    expect(el.querySelector('button.cancel-run')).toBeNull();
    const dismiss = Array.from(el.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Dismiss'),
    );
    dismiss?.click();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('says a rejected run was rejected, in Chinese', () => {
    const rejected = run({
      id: FAILED.id,
      status: 'rejected',
      trigger: 'manual',
    });
    const fixture = render('planner', [rejected], 'zh-CN');
    controller.expectOne(`/api/training/runs/${FAILED.id}`).flush({
      ...rejected,
      message: 'WAPE 0.41 is worse than the champion (0.30)',
      errors: [],
    } as Partial<RunDetail>);
    fixture.detectChanges();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain(
      '手动训练运行被拒绝：WAPE 0.41 is worse than the champion (0.30)',
    );
  });

  it('shows no banner when the newest finished run was promoted or cancelled', () => {
    const fixture = render('planner', [run({ status: 'cancelled' }), FAILED]);
    controller.expectNone(() => true);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]'),
    ).toBeNull();
  });

  it('cancels the active run after confirmation, for planners', () => {
    const active = run({ status: 'training', finishedAt: null });
    const fixture = render('planner', [active]);
    const el = fixture.nativeElement as HTMLElement;
    const changed = jest.fn();
    fixture.componentInstance.changed.subscribe(changed);
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false);
    const button = () =>
      el.querySelector<HTMLButtonElement>('button.cancel-run');
    button()?.click();
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('aaaaaaaa'));
    controller.expectNone(`/api/training/runs/${active.id}/cancel`);
    confirm.mockReturnValueOnce(true);
    button()?.click();
    const req = controller.expectOne(`/api/training/runs/${active.id}/cancel`);
    expect(req.request.method).toBe('POST');
    req.flush({ ...active, status: 'cancelled' });
    fixture.detectChanges();
    expect(changed).toHaveBeenCalled();
    expect(el.textContent).toContain('Run aaaaaaaa was cancelled');
  });
});
