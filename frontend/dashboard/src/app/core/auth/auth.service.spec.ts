import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthTokenStore } from '../http/auth-token.store';
import { authInterceptor } from '../http/auth.interceptor';
import { AuthService, SESSION_STORAGE_KEY } from './auth.service';
import { refreshInterceptor } from './refresh.interceptor';
import { tokens } from './testing';

describe('AuthService', () => {
  let http: HttpTestingController;
  let auth: AuthService;
  let store: AuthTokenStore;

  function setup(): void {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(
          withInterceptors([refreshInterceptor, authInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    store = TestBed.inject(AuthTokenStore);
  }

  beforeEach(() => {
    localStorage.clear();
    setup();
  });

  afterEach(() => http.verify());

  it('logs in, keeps the access token in memory and only the user for reloads', () => {
    let role: string | undefined;
    auth
      .login('planner@demo.shelfcast', 'pw')
      .subscribe((u) => (role = u.role));
    const req = http.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({
      email: 'planner@demo.shelfcast',
      password: 'pw',
    });
    // The server answers with the refresh token as an HttpOnly cookie.
    expect(req.request.withCredentials).toBe(true);
    const { refreshToken: _cookie, ...body } = tokens();
    req.flush(body);
    expect(role).toBe('planner');
    expect(store.token()).toBe('access-1');
    expect(auth.isSignedIn()).toBe(true);
    const saved = localStorage.getItem(SESSION_STORAGE_KEY) ?? '';
    expect(JSON.parse(saved)).toEqual({ user: tokens().user });
    expect(saved).not.toContain('access-1');
  });

  it('derives what the role may do', () => {
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens('viewer'));
    expect(auth.can('import')).toBe(false);
    expect(auth.can('approve')).toBe(false);
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens('store_manager', 2));
    expect(auth.can('approve')).toBe(true);
    expect(auth.can('import')).toBe(false);
    expect(auth.can('manageUsers')).toBe(false);
  });

  it('refreshes once on a 401 and repeats the request with the new token', () => {
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens());
    const client = TestBed.inject(HttpClient);
    let body: unknown;
    client.get('/api/stores').subscribe((b) => (body = b));
    client.get('/api/products').subscribe();
    http
      .expectOne('/api/stores')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    http
      .expectOne('/api/products')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    // One refresh for both.
    const refresh = http.expectOne('/api/auth/refresh');
    // The refresh token travels as the cookie, not in the body.
    expect(refresh.request.body).toEqual({});
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(tokens('planner', 2));
    const retried = http.expectOne('/api/stores');
    expect(retried.request.headers.get('Authorization')).toBe(
      'Bearer access-2',
    );
    retried.flush([{ code: 'S001' }]);
    http.expectOne('/api/products').flush({});
    expect(body).toEqual([{ code: 'S001' }]);
  });

  it('ends the session when the refresh is refused', () => {
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens());
    let failed = false;
    TestBed.inject(HttpClient)
      .get('/api/stores')
      .subscribe({ error: () => (failed = true) });
    http
      .expectOne('/api/stores')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    http
      .expectOne('/api/auth/refresh')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(failed).toBe(true);
    expect(auth.isSignedIn()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('does not retry a failed login', () => {
    let status = 0;
    auth.login('x', 'bad').subscribe({
      error: (e: { status: number }) => (status = e.status),
    });
    http
      .expectOne('/api/auth/login')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(status).toBe(401);
  });

  it('logs out on the server and forgets the session', () => {
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens());
    auth.logout().subscribe();
    const req = http.expectOne('/api/auth/logout');
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isSignedIn()).toBe(false);
    expect(store.token()).toBeNull();
  });

  it('restores the user after a reload (the token comes from a refresh)', () => {
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens('viewer'));
    TestBed.resetTestingModule();
    setup();
    expect(auth.user()?.role).toBe('viewer');
    expect(store.token()).toBeNull();
  });

  it('drops a refresh token an older version left in storage', () => {
    const legacy = tokens('planner');
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: legacy.refreshToken, user: legacy.user }),
    );
    TestBed.resetTestingModule();
    setup();
    expect(auth.user()?.role).toBe('planner');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).not.toContain(
      legacy.refreshToken,
    );
  });

  it('after a reload, signs out on the server through one refresh', () => {
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens());
    TestBed.resetTestingModule();
    setup();
    auth.logout().subscribe();
    http.expectOne('/api/auth/refresh').flush(tokens('planner', 2));
    const out = http.expectOne('/api/auth/logout');
    expect(out.request.headers.get('Authorization')).toBe('Bearer access-2');
    out.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isSignedIn()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
