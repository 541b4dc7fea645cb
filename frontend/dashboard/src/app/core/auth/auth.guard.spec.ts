import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authGuard } from './auth.guard';
import { AuthService, SESSION_STORAGE_KEY } from './auth.service';
import { tokens } from './testing';

@Component({ template: 'page' })
class PageStub {}

@Component({ template: 'login' })
class LoginStub {}

const tick = () => new Promise((resolve) => setTimeout(resolve));

describe('authGuard', () => {
  let http: HttpTestingController;

  async function setup(): Promise<RouterTestingHarness> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginStub },
          { path: 'data', component: PageStub, canActivate: [authGuard] },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    return RouterTestingHarness.create();
  }

  beforeEach(() => localStorage.clear());

  it('sends visitors without a session to /login with the return URL', async () => {
    const harness = await setup();
    await harness.navigateByUrl('/data?kind=sales');
    expect(TestBed.inject(Router).url).toBe(
      '/login?returnUrl=%2Fdata%3Fkind%3Dsales',
    );
  });

  it('lets a signed-in user through', async () => {
    const harness = await setup();
    const auth = TestBed.inject(AuthService);
    auth.login('x', 'y').subscribe();
    http.expectOne('/api/auth/login').flush(tokens());
    await harness.navigateByUrl('/data');
    expect(TestBed.inject(Router).url).toBe('/data');
  });

  it('refreshes first after a reload, and goes to /login when that fails', async () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: 'r', user: tokens().user }),
    );
    const harness = await setup();
    const navigation = harness.navigateByUrl('/data');
    await tick();
    http.expectOne('/api/auth/refresh').flush(tokens('planner', 2));
    await navigation;
    expect(TestBed.inject(Router).url).toBe('/data');

    TestBed.inject(AuthService).clear();
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ refreshToken: 'old', user: tokens().user }),
    );
    TestBed.resetTestingModule();
    const again = await setup();
    const refused = again.navigateByUrl('/data');
    await tick();
    http
      .expectOne('/api/auth/refresh')
      .flush({}, { status: 401, statusText: 'Unauthorized' });
    await refused;
    expect(TestBed.inject(Router).url).toMatch(/^\/login/);
  });
});
