import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthTokenStore } from './auth-token.store';
import { authInterceptor, isApiUrl } from './auth.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;
  let store: AuthTokenStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuthTokenStore);
  });

  afterEach(() => controller.verify());

  it('sends API calls without Authorization while there is no token', () => {
    http.get('/api/health').subscribe();
    expect(
      controller.expectOne('/api/health').request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('adds the bearer token to API calls once a token is set', () => {
    store.set('abc.def');
    http.get('/api/imports').subscribe();
    expect(
      controller.expectOne('/api/imports').request.headers.get('Authorization'),
    ).toBe('Bearer abc.def');
  });

  it('never sends the token to other origins or paths', () => {
    store.set('abc.def');
    http.get('https://example.com/api/x').subscribe();
    http.get('/apis/x').subscribe();
    expect(
      controller
        .expectOne('https://example.com/api/x')
        .request.headers.has('Authorization'),
    ).toBe(false);
    expect(
      controller.expectOne('/apis/x').request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('stops sending it after clear, and ignores blank tokens', () => {
    store.set('abc');
    store.clear();
    expect(store.isAuthenticated()).toBe(false);
    store.set('   ');
    expect(store.token()).toBeNull();
  });

  it('recognises API URLs', () => {
    expect(isApiUrl('/api')).toBe(true);
    expect(isApiUrl('/api/imports/sales')).toBe(true);
    expect(isApiUrl('/apiary')).toBe(false);
  });
});
