import { loadConfig } from '../config/app-config';
import {
  createTestApp,
  TEST_PASSWORD,
  TestApp,
  testEmail,
} from '../../test/support/test-app';

const login = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      email: testEmail('viewer'),
      password: TEST_PASSWORD,
    }),
  });

describe('security headers on plain HTTP and HTTPS (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('sends neither HSTS nor upgrade-insecure-requests over plain HTTP', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
    // The rest of helmet's protection stays.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await login(t.url)).headers.get('set-cookie')).not.toMatch(
      /Secure/,
    );
  });

  it('returns the request id the caller sent, or a new one (request logging)', async () => {
    const given = await fetch(`${t.url}/api/stores`, {
      headers: { ...(await t.as('viewer')), 'x-request-id': 'req-42' },
    });
    expect(given.headers.get('x-request-id')).toBe('req-42');
    const made = await fetch(`${t.url}/api/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends both, and Secure cookies, behind a trusted proxy that says https', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const res = await fetch(`${t.url}/api/health`, { headers: https });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain(
      'upgrade-insecure-requests',
    );
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect((await login(t.url, https)).headers.get('set-cookie')).toMatch(
      /; Secure(;|$)/,
    );
  });
});

describe('security headers with SECURITY_FORCE_HTTPS (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    const defaults = loadConfig({});
    t = await createTestApp({
      security: { ...defaults.security, forceHttps: true },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('sends HSTS and Secure cookies even on a plain-HTTP hop', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect((await login(t.url)).headers.get('set-cookie')).toMatch(
      /; Secure(;|$)/,
    );
  });

  it('reads the flag from the environment, and refuses a bad value', () => {
    expect(
      loadConfig({ SECURITY_FORCE_HTTPS: 'true' }).security.forceHttps,
    ).toBe(true);
    expect(loadConfig({}).security.forceHttps).toBe(false);
    expect(() => loadConfig({ SECURITY_FORCE_HTTPS: 'maybe' })).toThrow(
      /SECURITY_FORCE_HTTPS/,
    );
  });
});
