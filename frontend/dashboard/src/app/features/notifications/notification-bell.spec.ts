import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { NotificationItem } from '@shelfcast/contracts';
import { AuthTokenStore } from '../../core/http/auth-token.store';
import { NotificationBell } from './notification-bell';

const FAILED: NotificationItem = {
  id: 7,
  type: 'run_failed',
  severity: 'critical',
  title: 'Training run failed (cron)',
  body: 'Out of memory',
  link: '/models?run=r1',
  storeId: null,
  createdAt: '2026-12-07T06:00:00.000Z',
  readAt: null,
};

describe('NotificationBell', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('waits for an access token before asking for the unread count', async () => {
    const fixture = TestBed.createComponent(NotificationBell);
    await fixture.whenStable();
    http.expectNone('/api/notifications/unread-count');
    TestBed.inject(AuthTokenStore).set('token');
    await fixture.whenStable();
    http.expectOne('/api/notifications/unread-count').flush({ unread: 0 });
  });

  it('shows the unread count, lists notifications and marks one read when opened', async () => {
    TestBed.inject(AuthTokenStore).set('token');
    const fixture = TestBed.createComponent(NotificationBell);
    await fixture.whenStable();
    http.expectOne('/api/notifications/unread-count').flush({ unread: 1 });
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(
      host.querySelector('[data-testid="notification-count"]')?.textContent,
    ).toContain('1');

    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigateByUrl')
      .mockResolvedValue(true);
    (
      host.querySelector(
        '[data-testid="notification-bell"]',
      ) as HTMLButtonElement
    ).click();
    http.expectOne((r) => r.url === '/api/notifications').flush([FAILED]);
    http.expectOne('/api/notifications/unread-count').flush({ unread: 1 });
    await fixture.whenStable();
    const item = document.querySelector('.bell__item') as HTMLButtonElement;
    expect(item.textContent).toContain('Training run failed (cron)');
    item.click();
    const read = http.expectOne('/api/notifications/7/read');
    expect(read.request.method).toBe('POST');
    read.flush(null);
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/models?run=r1');
    expect(host.querySelector('[data-testid="notification-count"]')).toBeNull();
  });
});
