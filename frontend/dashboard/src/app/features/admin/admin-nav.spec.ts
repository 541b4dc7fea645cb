import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, TitleStrategy, provideRouter } from '@angular/router';
import { provideChartsForTesting } from '@shelfcast/charts';
import type { Role } from '@shelfcast/contracts';
import { App } from '../../app';
import { appRoutes } from '../../app.routes';
import { SESSION_STORAGE_KEY } from '../../core/auth/auth.service';
import { tokens } from '../../core/auth/testing';
import { AuthTokenStore } from '../../core/http/auth-token.store';
import { I18n } from '../../core/i18n/i18n';
import { TranslatedTitleStrategy } from '../../core/i18n/title-strategy';

describe('admin pages in the shell', () => {
  afterEach(() => localStorage.clear());

  async function render(role: Role) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
        provideChartsForTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    const session = tokens(role);
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        refreshToken: session.refreshToken,
        user: session.user,
      }),
    );
    TestBed.inject(AuthTokenStore).set(session.accessToken);
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const links = (el: HTMLElement) =>
    Array.from(el.querySelectorAll('nav a')).map((a) => a.getAttribute('href'));

  it('shows Users and Audit log to admins only', async () => {
    expect(links(await render('admin'))).toEqual(
      expect.arrayContaining(['/admin/users', '/admin/audit']),
    );
    TestBed.resetTestingModule();
    const planner = links(await render('planner'));
    expect(planner).not.toContain('/admin/users');
    expect(planner).not.toContain('/admin/audit');
  });

  it('sends other roles from an admin page to the overview', async () => {
    await render('planner');
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/admin/audit');
    expect(router.url).toBe('/overview');
  });
});
