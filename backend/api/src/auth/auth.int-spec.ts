import type {
  AuditEntryDto,
  AuthTokens,
  CurrentUserDto,
  Page,
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

describe('auth, users and audit (integration)', () => {
  let t: TestApp;
  const login = (email: string, password: string) =>
    fetch(`${t.url}/api/auth/login`, json({ email, password }));
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const audit = async (action: string) =>
    (
      (await (
        await fetch(`${t.url}/api/audit?action=${action}`, {
          headers: await t.as('admin'),
        })
      ).json()) as Page<AuditEntryDto>
    ).items;

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
    const tokens = (await res.json()) as AuthTokens;
    expect(tokens.user).toMatchObject({ role: 'planner', storeCodes: null });
    expect(tokens.expiresIn).toBe(900);
    const me = await fetch(`${t.url}/api/auth/me`, {
      headers: bearer(tokens.accessToken),
    });
    expect(((await me.json()) as CurrentUserDto).email).toBe(
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
    expect(await wrong.json()).toEqual(await unknown.json());
    expect((await audit('auth.login_failed')).length).toBe(2);
  });

  it('rotates refresh tokens and ends the session when an old one is reused', async () => {
    const first = (await (
      await login(testEmail('viewer'), TEST_PASSWORD)
    ).json()) as AuthTokens;
    const refresh = (token: string) =>
      fetch(`${t.url}/api/auth/refresh`, json({ refreshToken: token }));
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    const pair = (await second.json()) as AuthTokens;
    expect(pair.refreshToken).not.toBe(first.refreshToken);
    expect((await refresh(first.refreshToken)).status).toBe(401);
    // Reuse revoked the whole family: the new pair is dead too.
    expect((await refresh(pair.refreshToken)).status).toBe(401);
    expect(
      (
        await fetch(`${t.url}/api/auth/me`, {
          headers: bearer(pair.accessToken),
        })
      ).status,
    ).toBe(401);
    expect((await refresh('not.a-token-at-all')).status).toBe(401);
  });

  it('logs out: access and refresh tokens stop working', async () => {
    const tokens = (await (
      await login(testEmail('store_manager'), TEST_PASSWORD)
    ).json()) as AuthTokens;
    const out = await fetch(`${t.url}/api/auth/logout`, {
      method: 'POST',
      headers: bearer(tokens.accessToken),
    });
    expect(out.status).toBe(204);
    expect(
      (
        await fetch(`${t.url}/api/auth/me`, {
          headers: bearer(tokens.accessToken),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(
          `${t.url}/api/auth/refresh`,
          json({ refreshToken: tokens.refreshToken }),
        )
      ).status,
    ).toBe(401);
    expect((await audit('auth.logout')).length).toBe(1);
  });

  it("lets admins manage users; a role change is audited and ends the user's sessions", async () => {
    const admin = await t.as('admin');
    const created = await fetch(
      `${t.url}/api/users`,
      json(
        {
          email: 'New.Viewer@Test.Shelfcast',
          password: 'long-password-1',
          role: 'viewer',
        },
        admin,
      ),
    );
    expect(created.status).toBe(201);
    const user = (await created.json()) as UserDto;
    expect(user).toMatchObject({
      email: 'new.viewer@test.shelfcast',
      active: true,
    });
    expect(JSON.stringify(user)).not.toMatch(/password|argon/i);
    const duplicate = await fetch(
      `${t.url}/api/users`,
      json(
        { email: user.email, password: 'long-password-1', role: 'viewer' },
        admin,
      ),
    );
    expect(duplicate.status).toBe(409);
    const tooShort = await fetch(
      `${t.url}/api/users`,
      json(
        {
          email: 'x@test.shelfcast',
          password: 'short',
          role: 'viewer',
          extra: 1,
        },
        admin,
      ),
    );
    expect(tooShort.status).toBe(400);

    const session = (await (
      await login(user.email, 'long-password-1')
    ).json()) as AuthTokens;
    const patch = await fetch(`${t.url}/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'store_manager', storeCodes: ['NOPE'] }),
    });
    expect(patch.status).toBe(400);
    const promoted = await fetch(`${t.url}/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'planner' }),
    });
    expect(promoted.status).toBe(200);
    expect(
      (
        await fetch(`${t.url}/api/auth/me`, {
          headers: bearer(session.accessToken),
        })
      ).status,
    ).toBe(401);
    expect((await audit('user.role_change'))[0]).toMatchObject({
      entityId: String(user.id),
      before: { role: 'viewer' },
      after: { role: 'planner' },
    });

    const lastAdmin = await fetch(`${t.url}/api/users/${t.userId('admin')}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(lastAdmin.status).toBe(409);
    const removed = await fetch(`${t.url}/api/users/${user.id}`, {
      method: 'DELETE',
      headers: admin,
    });
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
    const broken = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { stack?: string }).stack).toBeUndefined();
  });

  it('takes ?access_token= only on the Server-Sent Events route', async () => {
    const token = (await t.as('viewer')).authorization.slice('Bearer '.length);
    const controller = new AbortController();
    const sse = await fetch(
      `${t.url}/api/imports/events?access_token=${token}`,
      {
        signal: controller.signal,
      },
    );
    expect(sse.status).toBe(200);
    controller.abort();
    expect(
      (await fetch(`${t.url}/api/auth/me?access_token=${token}`)).status,
    ).toBe(401);
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
      fetch(
        `${t.url}/api/auth/login`,
        json({ email: 'first@test.shelfcast', password }),
      );
    const ok = await attempt('first-admin-password');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as AuthTokens).user.role).toBe('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await attempt(`guess-${i}`)).status);
    // Default limit: 5 attempts a minute per client, the successful one included.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const blocked = await attempt('first-admin-password');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({
      statusCode: 429,
      error: 'ThrottlerException',
    });
    // Other routes are not affected by the login limit.
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });
});
