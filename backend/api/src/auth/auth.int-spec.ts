import type {
  AuditEntryDto,
  AuthTokens,
  CurrentUserDto,
  Page,
  SseTicket,
  UserDto,
} from '@shelfcast/contracts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { AppConfig } from '../config/app-config';
import {
  createTestApp,
  TEST_PASSWORD,
  TestApp,
  testEmail,
} from '../../test/support/test-app';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** The refresh cookie a response sets, as `name=value` for a Cookie header ('' when none). */
const refreshCookie = (res: { headers: Headers }) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('shelfcast_refresh='))
    ?.split(';')[0] ?? '';
/** Requests signed with a token of the test's own (not a test user's fresh one). */
const bearer = (token: string) => ({
  headers: { authorization: `Bearer ${token}` },
});

describe('auth, users and audit (integration)', () => {
  let t: TestApp;
  const login = (email: string, password: string) =>
    t.post<AuthTokens>('/api/auth/login', { email, password }, null);
  const refreshWith = (cookie: string) =>
    t.post<AuthTokens>('/api/auth/refresh', undefined, { headers: { cookie } });
  const me = (token: string) =>
    t.get<CurrentUserDto>('/api/auth/me', bearer(token));
  /** Opens a stream and closes it at once: the status is all these tests need. */
  const openStream = async (path: string) => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}${path}`, { signal: controller.signal });
    controller.abort();
    return res.status;
  };
  const audit = async (action: string) =>
    (await t.get<Page<AuditEntryDto>>(`/api/audit?action=${action}`)).body
      .items;

  beforeAll(async () => {
    const defaults = loadConfig({});
    t = await createTestApp({
      throttle: { ...defaults.throttle, loginLimit: 1000 },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('logs in with email and password, case-insensitively, and audits it', async () => {
    const res = await login(testEmail('planner').toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The refresh token is an HttpOnly, SameSite=Strict cookie for the auth routes only, not
    // Secure on plain HTTP (browsers would drop it), and never in the body.
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^shelfcast_refresh=[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/; Path=\/api\/auth(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Strict(;|$)/);
    expect(cookie).not.toMatch(/Secure/);
    const tokens = res.body;
    expect(JSON.stringify(tokens)).not.toContain(
      refreshCookie(res).split('=')[1],
    );
    expect(tokens).not.toHaveProperty('refreshToken');
    expect(tokens.user).toMatchObject({ role: 'planner', storeCodes: null });
    expect(tokens.expiresIn).toBe(900);
    expect((await me(tokens.accessToken)).body.email).toBe(
      testEmail('planner'),
    );
    expect((await audit('auth.login'))[0]).toMatchObject({
      actorEmail: testEmail('planner'),
    });
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await login(testEmail('viewer'), 'not-the-password');
    const unknown = await login('nobody@test.shelfcast', TEST_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    expect(wrong.body).toEqual(unknown.body);
    expect((await audit('auth.login_failed')).length).toBe(2);
  });

  it('rotates refresh cookies and ends the session when an old one is reused', async () => {
    const first = refreshCookie(
      await login(testEmail('viewer'), TEST_PASSWORD),
    );
    const second = await refreshWith(first);
    expect(second.status).toBe(200);
    expect(second.headers.get('cache-control')).toBe('no-store');
    const rotated = refreshCookie(second);
    const pair = second.body;
    expect(rotated).not.toBe(first);
    expect(rotated).not.toBe('');
    const reused = await refreshWith(first);
    expect(reused.status).toBe(401);
    // A refused refresh clears the cookie.
    expect(reused.headers.getSetCookie()[0]).toMatch(
      /^shelfcast_refresh=;.*Expires=Thu, 01 Jan 1970/,
    );
    // Reuse revoked the whole family: the new pair is dead too.
    expect((await refreshWith(rotated)).status).toBe(401);
    expect((await me(pair.accessToken)).status).toBe(401);
    expect(
      (await refreshWith('shelfcast_refresh=not.a-token-at-all')).status,
    ).toBe(401);
    expect((await refreshWith('')).status).toBe(400);
    // A refresh token in the body (the old way) is not read.
    const live = refreshCookie(await login(testEmail('admin'), TEST_PASSWORD));
    const inBody = await t.post<{ message: string }>(
      '/api/auth/refresh',
      { refreshToken: live.split('=')[1] },
      null,
    );
    expect(inBody.status).toBe(400);
    expect(inBody.body.message).toMatch(/No refresh cookie/);
    expect((await refreshWith(live)).status).toBe(200);
  });

  it('logs out: access and refresh tokens stop working, the cookie is cleared', async () => {
    const res = await login(testEmail('store_manager'), TEST_PASSWORD);
    const cookie = refreshCookie(res);
    const tokens = res.body;
    const out = await t.post(
      '/api/auth/logout',
      undefined,
      bearer(tokens.accessToken),
    );
    expect(out.status).toBe(204);
    expect(out.headers.get('cache-control')).toBe('no-store');
    expect(out.headers.getSetCookie()[0]).toMatch(
      /^shelfcast_refresh=;.*Path=\/api\/auth.*Expires=Thu, 01 Jan 1970/,
    );
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect((await refreshWith(cookie)).status).toBe(401);
    expect((await audit('auth.logout')).length).toBe(1);
  });

  it("lets admins manage users; a role change is audited and ends the user's sessions", async () => {
    const created = await t.post<UserDto>('/api/users', {
      email: 'New.Viewer@Test.Shelfcast',
      password: 'long-password-1',
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    const user = created.body;
    expect(user).toMatchObject({
      email: 'new.viewer@test.shelfcast',
      active: true,
    });
    expect(JSON.stringify(user)).not.toMatch(/password|argon/i);
    const duplicate = await t.post('/api/users', {
      email: user.email,
      password: 'long-password-1',
      role: 'viewer',
    });
    expect(duplicate.status).toBe(409);
    const tooShort = await t.post('/api/users', {
      email: 'x@test.shelfcast',
      password: 'short',
      role: 'viewer',
      extra: 1,
    });
    expect(tooShort.status).toBe(400);
    // Length alone is not enough: a common password, the email itself and blanks are refused.
    for (const [password, message] of [
      ['password1234', /too easy to guess/],
      ['weak.one@test.shelfcast', /must not be the email address/],
      [' '.repeat(12), /must not be only spaces/],
    ] as const) {
      const weak = await t.post<{ message: string }>('/api/users', {
        email: 'weak.one@test.shelfcast',
        password,
        role: 'viewer',
      });
      expect(weak.status).toBe(400);
      expect(weak.body.message).toMatch(message);
    }
    const weakChange = await t.patch(`/api/users/${user.id}`, {
      password: user.email,
    });
    expect(weakChange.status).toBe(400);

    const session = (await login(user.email, 'long-password-1')).body;
    const patch = await t.patch(`/api/users/${user.id}`, {
      role: 'store_manager',
      storeCodes: ['NOPE'],
    });
    expect(patch.status).toBe(400);
    const promoted = await t.patch(`/api/users/${user.id}`, {
      role: 'planner',
    });
    expect(promoted.status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await audit('user.role_change'))[0]).toMatchObject({
      entityId: String(user.id),
      before: { role: 'viewer' },
      after: { role: 'planner' },
    });

    const lastAdmin = await t.patch(`/api/users/${t.userId('admin')}`, {
      role: 'viewer',
    });
    expect(lastAdmin.status).toBe(409);
    const removed = await t.del(`/api/users/${user.id}`);
    expect(removed.status).toBe(204);
  });

  it('records who imported, and refuses imports by managers and viewers', async () => {
    const upload = async (role: 'planner' | 'store_manager' | 'viewer') =>
      fetch(`${t.url}/api/imports/stores`, {
        method: 'POST',
        headers: {
          ...(await t.as(role)),
          'content-type': 'text/csv',
          'x-file-name': 'stores.csv',
        },
        body: 'code,name,region,timezone\nS001,Downtown,North,UTC\n',
      });
    expect((await upload('store_manager')).status).toBe(403);
    expect((await upload('viewer')).status).toBe(403);
    const res = await upload('planner');
    expect(res.status).toBe(201);
    const report = (await res.json()) as { id: string; userName: string };
    expect(report.userName).toBe(testEmail('planner'));
    expect((await audit('import.run'))[0]).toMatchObject({
      actorId: t.userId('planner'),
      entityId: report.id,
      after: { kind: 'stores', status: 'succeeded' },
    });
  });

  it('limits JSON bodies and answers in the one error shape', async () => {
    const res = await fetch(
      `${t.url}/api/auth/login`,
      json({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      statusCode: 413,
      error: 'PayloadTooLargeException',
      message: 'The request body is larger than 1mb',
    });
    // Raw requests: a body over the limit and one that is not JSON at all.
    const broken = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { stack?: string }).stack).toBeUndefined();
  });

  it('opens Server-Sent Events with a one-time ticket, never with a token in the URL', async () => {
    const ticketFor = async (role: 'viewer' | 'planner') => {
      const res = await t.post<SseTicket>('/api/auth/sse-ticket', {}, role);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.body;
    };
    const { ticket, expiresAt } = await ticketFor('viewer');
    const ttl = new Date(expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await openStream(`/api/imports/events?ticket=${ticket}`)).toBe(200);
    // Single use: a replayed ticket is refused.
    expect(await openStream(`/api/imports/events?ticket=${ticket}`)).toBe(401);
    expect(await openStream('/api/training/events?ticket=not-a-ticket')).toBe(
      401,
    );
    // Only the event routes take tickets.
    expect(
      await openStream(
        `/api/auth/me?ticket=${(await ticketFor('planner')).ticket}`,
      ),
    ).toBe(401);
    // The access token is not read from the query string anywhere.
    const token = (await t.as('viewer')).authorization.slice('Bearer '.length);
    expect(await openStream(`/api/imports/events?access_token=${token}`)).toBe(
      401,
    );
    expect(await openStream(`/api/training/events?access_token=${token}`)).toBe(
      401,
    );
    expect(await openStream(`/api/auth/me?access_token=${token}`)).toBe(401);
    // Bound to the session it was issued in: a logout (or role change) voids it.
    const planner = await ticketFor('planner');
    await t.post('/api/auth/logout', {}, 'planner');
    expect(
      await openStream(`/api/training/events?ticket=${planner.ticket}`),
    ).toBe(401);
  });

  it('refuses an event-stream ticket after 30 s', async () => {
    const { ticket } = (
      await t.post<SseTicket>('/api/auth/sse-ticket', {}, 'viewer')
    ).body;
    const issuedAt = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(issuedAt + 30_001);
    try {
      expect(await openStream(`/api/training/events?ticket=${ticket}`)).toBe(
        401,
      );
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('generates the JWT secret once and keeps it under DATA_DIR', () => {
    const dataDir = t.app.get(AppConfig).dataDir;
    expect(existsSync(join(dataDir, 'secrets', 'jwt-secret'))).toBe(true);
  });
});

describe('login throttling and the first admin (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    const defaults = loadConfig({});
    t = await createTestApp({
      auth: {
        ...defaults.auth,
        initialAdmin: {
          email: 'first@test.shelfcast',
          password: 'first-admin-password',
        },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates the first admin from config and throttles brute-force login with 429', async () => {
    const attempt = (password: string) =>
      t.post<AuthTokens>(
        '/api/auth/login',
        { email: 'first@test.shelfcast', password },
        null,
      );
    const ok = await attempt('first-admin-password');
    expect(ok.status).toBe(200);
    expect(ok.body.user.role).toBe('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await attempt(`guess-${i}`)).status);
    // Default limit: 5 attempts a minute per client, the successful one included.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const blocked = await attempt('first-admin-password');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({
      statusCode: 429,
      error: 'ThrottlerException',
    });
    // Other routes are not affected by the login limit.
    expect((await t.get('/api/health', null)).status).toBe(200);
  });
});

describe('per-account login back-off (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('locks an account guessed from many addresses; even the right password then waits', async () => {
    const attempt = (email: string, password: string, from: string) =>
      t.post(
        '/api/auth/login',
        { email, password },
        { headers: { 'x-forwarded-for': from } },
      );
    const statuses: number[] = [];
    for (let i = 1; i <= 20; i++)
      statuses.push(
        (await attempt(testEmail('planner'), `guess-${i}`, `203.0.113.${i}`))
          .status,
      );
    // One attempt per address never reaches the per-address limit (5 a minute); the account's
    // limit (10 failures) does, whatever the address.
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill(429)]);
    const right = await attempt(
      testEmail('planner'),
      TEST_PASSWORD,
      '198.51.100.7',
    );
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(right.body).toMatchObject({
      statusCode: 429,
      error: 'AuthException',
    });
    // Other accounts are not affected.
    expect(
      (await attempt(testEmail('viewer'), TEST_PASSWORD, '198.51.100.8'))
        .status,
    ).toBe(200);
    const [entry, ...more] = await t.query<{
      entity_id: number | string;
      after: unknown;
    }>("SELECT entity_id, after FROM audit_log WHERE action = 'auth.lockout'");
    expect(more).toEqual([]);
    expect(String(entry.entity_id)).toBe(String(t.userId('planner')));
    const after = entry.after;
    expect(typeof after === 'string' ? JSON.parse(after) : after).toEqual({
      email: testEmail('planner'),
      failures: 10,
      lockedSeconds: 60,
    });
  });
});
