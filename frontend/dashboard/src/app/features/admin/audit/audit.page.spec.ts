import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditEntryDto, Page } from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { tokens } from '../../../core/auth/testing';
import { I18n, type Language } from '../../../core/i18n/i18n';
import { auditParams } from './audit-admin.service';
import { AuditPage } from './audit.page';

const entry = (
  id: number,
  patch: Partial<AuditEntryDto> = {},
): AuditEntryDto => ({
  id,
  at: '2026-11-28T10:00:00.000Z',
  actorId: 1,
  actorEmail: 'admin@demo.shelfcast',
  action: 'user.create',
  entity: 'user',
  entityId: String(id),
  before: null,
  after: { email: `u${id}@demo.shelfcast` },
  reason: null,
  ...patch,
});

const page = (
  items: AuditEntryDto[],
  total: number,
  offset = 0,
): Page<AuditEntryDto> => ({ items, total, offset, limit: 100 });

describe('auditParams', () => {
  it('drops empty filters from the query', () => {
    expect(
      auditParams({
        actorId: null,
        action: 'user.create',
        from: '',
        to: '2026-11-30',
      }),
    ).toEqual({ action: 'user.create', to: '2026-11-30' });
  });
});

describe('AuditPage', () => {
  let controller: HttpTestingController;
  let saved: string[];
  const originalCreate = URL.createObjectURL;
  const originalRevoke = URL.revokeObjectURL;

  beforeEach(() => {
    saved = [];
    URL.createObjectURL = () => 'blob:audit';
    URL.revokeObjectURL = () => undefined;
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        saved.push(this.download);
      });
  });

  afterEach(() => {
    controller.verify();
    localStorage.clear();
    jest.restoreAllMocks();
    URL.createObjectURL = originalCreate;
    URL.revokeObjectURL = originalRevoke;
  });

  async function open(language: Language = 'en'): Promise<HTMLElement> {
    const t = tokens('admin');
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'admin/audit', component: AuditPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage(language);
    controller = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/audit', AuditPage);
    controller.expectOne('/api/users').flush([]);
    controller
      .expectOne('/api/audit/actions')
      .flush(['auth.login', 'user.create']);
    return harness.routeNativeElement as HTMLElement;
  }

  const pageRequest = () => controller.expectOne((r) => r.url === '/api/audit');

  it('shows entries, loads more, and filters by date from the first page again', async () => {
    const el = await open();
    const first = pageRequest();
    expect(first.request.params.get('offset')).toBe('0');
    first.flush(
      page([entry(3), entry(2, { actorEmail: null, actorId: null })], 3),
    );
    TestBed.tick();
    expect(el.querySelector('.count')?.textContent).toContain('2 of 3 entries');
    const rows = el.querySelectorAll('tr[data-action]');
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain('System');
    expect(rows[0].textContent).toContain('u3@demo.shelfcast');

    el.querySelector<HTMLButtonElement>('button.more')?.click();
    const more = pageRequest();
    expect(more.request.params.get('offset')).toBe('2');
    more.flush(page([entry(1)], 3, 2));
    TestBed.tick();
    expect(el.querySelectorAll('tr[data-action]')).toHaveLength(3);
    expect(el.querySelector('button.more')).toBeNull();

    const from = el.querySelector<HTMLInputElement>('input[name="from"]');
    if (!from) throw new Error('no from');
    from.value = '2026-11-28';
    from.dispatchEvent(new Event('input'));
    from.dispatchEvent(new Event('change'));
    const filtered = pageRequest();
    expect(filtered.request.params.get('from')).toBe('2026-11-28');
    expect(filtered.request.params.get('offset')).toBe('0');
    filtered.flush(page([], 0));
    TestBed.tick();
    expect(el.textContent).toContain('No entries match');
    expect(el.querySelector('button.clear')).not.toBeNull();
  });

  it('exports the filtered log as CSV, in Chinese', async () => {
    const el = await open('zh-CN');
    pageRequest().flush(page([entry(1)], 1));
    TestBed.tick();
    expect(el.querySelector('h1')?.textContent).toContain('审计日志');
    const exportButton = el.querySelector<HTMLButtonElement>('button.export');
    expect(exportButton?.textContent).toContain('导出 CSV');
    exportButton?.click();
    const req = controller.expectOne((r) => r.url === '/api/audit/export.csv');
    req.flush(new Blob(['id\r\n']), {
      headers: {
        'content-disposition': 'attachment; filename="audit-2026-11-28.csv"',
      },
    });
    expect(saved).toEqual(['audit-2026-11-28.csv']);
  });
});
