import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { StoreDto, UserDto } from '@shelfcast/contracts';
import { SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { tokens } from '../../../core/auth/testing';
import { I18n, type Language } from '../../../core/i18n/i18n';
import { UsersPage } from './users.page';

const user = (id: number, patch: Partial<UserDto> = {}): UserDto => ({
  id,
  email: `user${id}@demo.shelfcast`,
  displayName: `User ${id}`,
  role: 'planner',
  active: true,
  storeCodes: [],
  createdAt: '2026-11-01T00:00:00Z',
  lastLoginAt: null,
  ...patch,
});

const USERS: UserDto[] = [
  user(1, { email: 'admin@demo.shelfcast', role: 'admin' }),
  user(2, { role: 'store_manager', storeCodes: ['S001'] }),
  user(3),
];

const STORES: StoreDto[] = [
  {
    id: 1,
    code: 'S001',
    name: 'North 1',
    region: 'north',
    timezone: 'UTC',
    unmetDemand: 'lost-sales',
  },
  {
    id: 2,
    code: 'S002',
    name: 'South 2',
    region: 'south',
    timezone: 'UTC',
    unmetDemand: 'lost-sales',
  },
];

describe('UsersPage', () => {
  let controller: HttpTestingController;

  afterEach(() => {
    controller.verify();
    localStorage.clear();
    jest.restoreAllMocks();
  });

  async function open(language: Language = 'en'): Promise<HTMLElement> {
    const t = tokens('admin');
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: t.refreshToken, user: t.user }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'admin/users', component: UsersPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage(language);
    controller = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/users', UsersPage);
    controller.expectOne('/api/users').flush(USERS);
    controller.expectOne('/api/stores').flush(STORES);
    TestBed.tick();
    return harness.routeNativeElement as HTMLElement;
  }

  const type = (el: HTMLElement, name: string, value: string) => {
    const input = el.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!input) throw new Error(`no input ${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    TestBed.tick();
  };

  it('lists users with role, stores and status, and marks the signed-in admin', async () => {
    const el = await open();
    const rows = Array.from(el.querySelectorAll('tr[data-user]'));
    expect(rows.map((r) => r.getAttribute('data-user'))).toEqual([
      'admin@demo.shelfcast',
      'user2@demo.shelfcast',
      'user3@demo.shelfcast',
    ]);
    expect(rows[0].textContent).toContain('(you)');
    expect(rows[2].textContent).toContain('All stores');
    expect(rows[1].textContent).toContain('Active');
    // An admin cannot disable themself.
    expect(
      rows[0].querySelector<HTMLButtonElement>('.toggle-active')?.disabled,
    ).toBe(true);
  });

  it('creates a store manager with stores and reports it', async () => {
    const el = await open();
    type(el, 'email', ' new@demo.shelfcast ');
    type(el, 'password', 'short');
    const create = el.querySelector<HTMLButtonElement>('button.create');
    expect(create?.disabled).toBe(true);
    type(el, 'password', 'a-long-enough-password');
    expect(create?.disabled).toBe(false);
    create?.click();
    const req = controller.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/users',
    );
    expect(req.request.body).toEqual({
      email: 'new@demo.shelfcast',
      password: 'a-long-enough-password',
      role: 'store_manager',
      storeCodes: [],
    });
    req.flush(user(4, { email: 'new@demo.shelfcast', role: 'store_manager' }));
    controller.expectOne('/api/users').flush(USERS);
    TestBed.tick();
    expect(el.querySelector('.notice')?.textContent).toContain(
      'Created: new@demo.shelfcast',
    );
  });

  it('disables a user only after confirmation, and shows the server refusal', async () => {
    const el = await open();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false);
    const toggle = () =>
      el
        .querySelector<HTMLButtonElement>(
          'tr[data-user="user3@demo.shelfcast"] .toggle-active',
        )
        ?.click();
    toggle();
    expect(confirm).toHaveBeenCalledWith(
      expect.stringContaining('Disable user3@demo.shelfcast?'),
    );
    controller.expectNone((r) => r.method === 'PATCH');
    confirm.mockReturnValueOnce(true);
    toggle();
    const req = controller.expectOne('/api/users/3');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ active: false });
    req.flush(
      { message: 'The last admin cannot be disabled' },
      { status: 409, statusText: 'Conflict' },
    );
    TestBed.tick();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain(
      'The last admin cannot be disabled',
    );
  });

  it('resets a password in Chinese', async () => {
    const el = await open('zh-CN');
    expect(el.querySelector('h1')?.textContent).toContain('用户');
    el.querySelector<HTMLButtonElement>(
      'tr[data-user="user3@demo.shelfcast"] .reset-password',
    )?.click();
    TestBed.tick();
    expect(el.querySelector('#reset-title')?.textContent).toContain(
      'user3@demo.shelfcast 的新密码',
    );
    type(el, 'newPassword', 'another-long-password');
    el.querySelector<HTMLButtonElement>('button.save-password')?.click();
    const req = controller.expectOne('/api/users/3');
    expect(req.request.body).toEqual({ password: 'another-long-password' });
    req.flush(user(3));
    controller.expectOne('/api/users').flush(USERS);
    TestBed.tick();
    expect(el.querySelector('.notice')?.textContent).toContain('密码已更改');
    expect(el.querySelector('#reset-title')).toBeNull();
  });
});
