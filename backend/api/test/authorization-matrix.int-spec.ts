import { ROLES, type Role } from '@shelfcast/contracts';
import { AccessRules, type RouteRule } from '../src/auth/access-rules';
import { AuthService } from '../src/auth/auth.service';
import { ImportsService } from '../src/imports/imports.service';
import { UsersService } from '../src/users/users.service';
import { fixtureSource, GOOD_FILES } from './factories/import-files';
import {
  liveRoutes,
  type LiveRoute,
  routeKey as key,
  samplePath,
} from './support/live-routes';
import {
  OTHER,
  OWN,
  seedStoreObjects,
  STORE_NEUTRAL,
  STORE_TARGETS,
  type StoreObjects,
} from './support/store-matrix';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every route of the running application, as every role, unauthenticated, with an expired token and
 * with a tampered token. The route list comes from the live Express router, the rules from the
 * `@Public` / `@Roles` metadata: a new route without a rule fails here (and is refused at runtime).
 */

/** Routes Nest does not own: the OpenAPI document and its UI, deliberately public. */
const NON_NEST_PUBLIC = /^\/api\/docs(-json|-yaml|\/.*)?$/;

type Caller = Role | 'anonymous' | 'expired' | 'tampered';
const CALLERS: readonly Caller[] = [
  'anonymous',
  'expired',
  'tampered',
  ...ROLES,
];

describe('authorization matrix (integration)', () => {
  let t: TestApp;
  let rules: RouteRule[];
  let routes: LiveRoute[];
  let objects: StoreObjects;

  const token = async (caller: Caller): Promise<Record<string, string>> => {
    if (caller === 'anonymous') return {};
    if (caller === 'expired' || caller === 'tampered') {
      const user = await t.app.get(UsersService).findById(t.userId('viewer'));
      if (!user) throw new Error('no viewer');
      const auth = t.app.get(AuthService);
      if (caller === 'expired')
        return {
          authorization: `Bearer ${await auth.signAccessToken(user, -60)}`,
        };
      // Same signature, payload changed to claim the admin's id and role.
      const [header, , signature] = (await auth.signAccessToken(user)).split(
        '.',
      );
      const payload = Buffer.from(
        JSON.stringify({
          sub: String(t.userId('admin')),
          ver: 0,
          role: 'admin',
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 600,
          iss: 'shelfcast',
          aud: 'shelfcast-api',
        }),
      ).toString('base64url');
      return { authorization: `Bearer ${header}.${payload}.${signature}` };
    }
    return t.as(caller);
  };

  const call = async (route: LiveRoute, caller: Caller): Promise<number> => {
    const controller = new AbortController();
    const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
    const res = await fetch(`${t.url}${samplePath(route.path)}`, {
      method: route.method,
      headers: {
        ...(await token(caller)),
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      body: hasBody ? '{}' : undefined,
      signal: controller.signal,
    });
    // Server-Sent Events never end: the status is all we need.
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream'))
      controller.abort();
    else await res.text();
    return res.status;
  };

  beforeAll(async () => {
    t = await createTestApp({
      throttle: {
        ttlSeconds: 60,
        limit: 100_000,
        loginTtlSeconds: 60,
        loginLimit: 10_000,
      },
    });
    const imports = t.app.get(ImportsService);
    for (const [kind, file] of GOOD_FILES)
      await imports.importStream(kind, fixtureSource('good', file), {
        userName: 'planner@test.shelfcast',
        userId: t.userId('planner'),
      });
    objects = await seedStoreObjects(t);
    await t.assignStores([OWN]);
    rules = t.app.get(AccessRules).list();
    routes = liveRoutes(t).filter((r) => !NON_NEST_PUBLIC.test(r.path));
  });

  afterAll(async () => {
    await t.close();
  });

  it('finds the routes and a rule for every one of them', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const byKey = new Map(rules.map((r) => [key(r), r]));
    const withoutRule = routes
      .filter((r) => (byKey.get(key(r))?.rule ?? null) === null)
      .map(
        (r) => `${key(r)} (${byKey.get(key(r))?.handler ?? 'unknown handler'})`,
      );
    expect(withoutRule).toEqual([]);
    // And the rules table describes only routes that exist.
    const live = new Set(routes.map(key));
    expect(rules.filter((r) => !live.has(key(r))).map(key)).toEqual([]);
  });

  it('pins the rules of the security-sensitive routes', () => {
    const rule = (k: string) => rules.find((r) => key(r) === k)?.rule;
    expect(rule('GET /api/health')).toBe('public');
    expect(rule('POST /api/auth/login')).toBe('public');
    expect(rule('POST /api/auth/refresh')).toBe('public');
    expect(rule('POST /api/auth/sse-ticket')).toEqual([...ROLES]);
    expect(rule('POST /api/imports/:kind')).toEqual(['admin', 'planner']);
    expect(rule('GET /api/users')).toEqual(['admin']);
    expect(rule('PATCH /api/users/:id')).toEqual(['admin']);
    expect(rule('GET /api/audit')).toEqual(['admin']);
    const deciders = ['admin', 'planner', 'store_manager'];
    expect(rule('POST /api/recommendations/regenerate')).toEqual([
      'admin',
      'planner',
    ]);
    for (const action of ['approve', 'reject', 'adjust'])
      expect(rule(`POST /api/recommendations/:id/${action}`)).toEqual(deciders);
    expect(rule('POST /api/recommendations/bulk-approve')).toEqual(deciders);
    expect(rule('GET /api/recommendations/export/purchase-orders.csv')).toEqual(
      deciders,
    );
    expect(rule('POST /api/overrides')).toEqual(deciders);
    // Reports: anyone downloads (store-scoped); scheduled files hold every store, so no managers.
    expect(rule('GET /api/reports/:id')).toEqual([...ROLES]);
    expect(rule('POST /api/reports/schedules')).toEqual(['admin', 'planner']);
    expect(rule('DELETE /api/reports/schedules/:id')).toEqual([
      'admin',
      'planner',
    ]);
    for (const k of [
      'GET /api/reports/schedules',
      'GET /api/reports/files',
      'GET /api/reports/files/:id',
    ])
      expect(rule(k)).toEqual(['admin', 'planner', 'viewer']);
  });

  it('answers every route as every caller with the status its rule gives', async () => {
    const byKey = new Map(rules.map((r) => [key(r), r.rule]));
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = byKey.get(key(route)) ?? null;
      for (const caller of CALLERS) {
        const status = await call(route, caller);
        const denied = status === 401 || status === 403;
        let expected: string;
        let ok: boolean;
        if (rule === 'public') {
          expected = 'not 401/403';
          ok = !denied;
        } else if (rule === null) {
          expected = '401 or 403 (no rule)';
          ok = denied;
        } else if (
          caller === 'anonymous' ||
          caller === 'expired' ||
          caller === 'tampered'
        ) {
          expected = '401';
          ok = status === 401;
        } else if (rule.includes(caller)) {
          expected = 'not 401/403';
          ok = !denied;
        } else {
          expected = '403';
          ok = status === 403;
        }
        if (!ok)
          wrong.push(
            `${key(route)} as ${caller}: ${status}, expected ${expected}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('knows for every route whether it addresses a store', () => {
    const unclassified = routes
      .map(key)
      .filter((k) => !(k in STORE_TARGETS) && !STORE_NEUTRAL.has(k));
    expect(unclassified).toEqual([]);
    const live = new Set(routes.map(key));
    expect(
      [...Object.keys(STORE_TARGETS), ...STORE_NEUTRAL].filter(
        (k) => !live.has(k),
      ),
    ).toEqual([]);
  });

  it('answers every store-addressed route as every role for the own and the other store', async () => {
    const byKey = new Map(rules.map((r) => [key(r), r.rule]));
    const [{ id: otherId }] = await t.query(
      'SELECT id FROM stores WHERE code = ?',
      [OTHER],
    );
    const leak = new RegExp(
      `"${OTHER}"|"store(Id|_id)"\\s*:\\s*${Number(otherId)}\\b|,${OTHER},`,
    );
    const wrong: string[] = [];
    for (const [route, target] of Object.entries(STORE_TARGETS)) {
      const rule = byKey.get(route);
      const method = route.split(' ')[0];
      for (const role of ROLES)
        for (const code of [OWN, OTHER] as const) {
          const req = target.request(code, objects);
          const res = await fetch(`${t.url}${req.path}`, {
            method,
            headers: {
              ...(await t.as(role)),
              ...(req.body === undefined
                ? {}
                : { 'content-type': 'application/json' }),
            },
            body: req.body === undefined ? undefined : JSON.stringify(req.body),
          });
          const text = await res.text();
          const denied = res.status === 401 || res.status === 403;
          const allowed = Array.isArray(rule) && rule.includes(role);
          let ok: boolean;
          let expected: string;
          if (!allowed) {
            expected = '403 (role)';
            ok = res.status === 403;
          } else if (role === 'store_manager' && code === OTHER) {
            expected = target.strict
              ? '403 (store)'
              : '403, or an answer without the other store';
            ok = target.strict
              ? res.status === 403
              : res.status === 403 || (!denied && !leak.test(text));
          } else {
            expected = 'not 401/403';
            ok = !denied;
          }
          if (!ok)
            wrong.push(
              `${route} as ${role} for ${code === OWN ? 'own' : 'other'} store: ${res.status} ${text.slice(0, 120)}, expected ${expected}`,
            );
        }
    }
    expect(wrong).toEqual([]);
  });

  it("never gives a store manager another store's rows from any readable route", async () => {
    const [{ id: otherId }] = await t.db.dataSource.query(
      "SELECT id FROM stores WHERE code = 'S002'",
    );
    const leak = new RegExp(
      `"S002"|"store(Id|_id)"\\s*:\\s*${Number(otherId)}\\b`,
    );
    const byKey = new Map(rules.map((r) => [key(r), r.rule]));
    const readable = routes.filter((r) => {
      const rule = byKey.get(key(r));
      return (
        r.method === 'GET' &&
        Array.isArray(rule) &&
        rule.includes('store_manager')
      );
    });
    expect(readable.length).toBeGreaterThan(0);
    const headers = await t.as('store_manager');
    const leaks: string[] = [];
    for (const route of readable) {
      const controller = new AbortController();
      const res = await fetch(`${t.url}${samplePath(route.path)}`, {
        headers,
        signal: controller.signal,
      });
      if (
        (res.headers.get('content-type') ?? '').includes('text/event-stream')
      ) {
        controller.abort();
        continue;
      }
      const text = await res.text();
      if (leak.test(text)) leaks.push(`${key(route)}: ${text.slice(0, 200)}`);
    }
    expect(leaks).toEqual([]);

    // The concrete reads: own stores only, per-store counts over own stores only.
    const stores = (await (
      await fetch(`${t.url}/api/stores`, { headers })
    ).json()) as { code: string }[];
    expect(stores.map((s) => s.code)).toEqual(['S001']);
    const freshness = (await (
      await fetch(`${t.url}/api/data/freshness`, { headers })
    ).json()) as { kind: string; rows: number }[];
    const count = async (sql: string) =>
      Number((await t.db.dataSource.query(sql))[0].n);
    const own = async (table: string) =>
      count(
        `SELECT COUNT(*) AS n FROM ${table} x JOIN stores s ON s.id = x.store_id WHERE s.code = 'S001'`,
      );
    expect(freshness.find((f) => f.kind === 'sales')?.rows).toBe(
      await own('sales'),
    );
    expect(freshness.find((f) => f.kind === 'inventory')?.rows).toBe(
      await own('inventory_snapshots'),
    );
    expect(freshness.find((f) => f.kind === 'stores')?.rows).toBe(1);
    expect(await own('sales')).toBeLessThan(
      await count('SELECT COUNT(*) AS n FROM sales'),
    );
    // Import history: chain-level files, shown only to the user who started them.
    const history = (await (
      await fetch(`${t.url}/api/imports`, { headers })
    ).json()) as unknown[];
    expect(history).toEqual([]);
    const planner = (await (
      await fetch(`${t.url}/api/imports`, { headers: await t.as('planner') })
    ).json()) as unknown[];
    expect(planner.length).toBe(GOOD_FILES.length);
  });
});
