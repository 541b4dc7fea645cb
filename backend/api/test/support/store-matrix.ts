import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

/** The store manager's store and the other one (both in the good import fixtures). */
export const OWN = 'S001';
export const OTHER = 'S002';
export type StoreCode = typeof OWN | typeof OTHER;

/** Per store: a recommendation line and a training run of that store alone. */
export interface StoreObjects {
  line: Record<StoreCode, number>;
  run: Record<StoreCode, string>;
}

/** A request addressing one store's data on a route. */
export interface StoreRequest {
  path: string;
  body?: unknown;
}

/**
 * How a route addresses one store's data. `strict`: the other store's request must be refused
 * (403) for a store manager; otherwise (list filters) it may answer, but with nothing of the other
 * store in the body.
 */
export interface StoreTarget {
  strict: boolean;
  request(code: StoreCode, o: StoreObjects): StoreRequest;
}

/**
 * Every route that takes a store (or an object of one store) as input. A route that is neither
 * here nor in {@link STORE_NEUTRAL} fails the matrix until someone says which it is.
 */
export const STORE_TARGETS: Record<string, StoreTarget> = {
  'GET /api/overview': {
    strict: true,
    request: (c) => ({ path: `/api/overview?scope=store&key=${c}` }),
  },
  'GET /api/forecasts/series': {
    strict: true,
    request: (c) => ({ path: `/api/forecasts/series?store=${c}&sku=P001` }),
  },
  'GET /api/forecasts/levels': {
    strict: true,
    request: (c) => ({ path: `/api/forecasts/levels?level=store&key=${c}` }),
  },
  'GET /api/accuracy/realized/issued': {
    strict: true,
    request: (c) => ({
      path: `/api/accuracy/realized/issued?store=${c}&sku=P001`,
    }),
  },
  'GET /api/affinity/stores/:code/gaps': {
    strict: true,
    request: (c) => ({ path: `/api/affinity/stores/${c}/gaps` }),
  },
  'GET /api/reports/:id': {
    strict: true,
    request: (c) => ({ path: `/api/reports/accuracy?format=csv&stores=${c}` }),
  },
  'GET /api/training/runs/:id': {
    strict: true,
    request: (c, o) => ({ path: `/api/training/runs/${o.run[c]}` }),
  },
  'GET /api/training/runs/:id/metrics': {
    strict: true,
    request: (c, o) => ({ path: `/api/training/runs/${o.run[c]}/metrics` }),
  },
  'POST /api/overrides': {
    strict: true,
    request: (c) => ({
      path: '/api/overrides',
      body: {
        store: c,
        sku: 'P001',
        startDate: '2026-01-04',
        endDate: '2026-01-05',
        mode: 'total',
        value: 10,
        reason: 'matrix',
      },
    }),
  },
  'GET /api/overrides': {
    strict: false,
    request: (c) => ({ path: `/api/overrides?store=${c}` }),
  },
  'GET /api/recommendations': {
    strict: false,
    request: (c) => ({ path: `/api/recommendations?store=${c}` }),
  },
  'POST /api/recommendations/bulk-approve': {
    strict: false,
    request: (c) => ({
      path: '/api/recommendations/bulk-approve',
      body: { filters: { store: c } },
    }),
  },
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['GET', '/what-if'],
      ['GET', '/history'],
      ['POST', '/approve'],
      ['POST', '/reject'],
      ['POST', '/second-approval'],
    ].map(([method, suffix]) => [
      `${method} /api/recommendations/:id${suffix}`,
      {
        strict: true,
        request: (c: StoreCode, o: StoreObjects) => ({
          path: `/api/recommendations/${o.line[c]}${suffix}`,
          body: method === 'POST' ? {} : undefined,
        }),
      },
    ]),
  ),
  // Planners only: a store manager is refused by role before the store matters.
  'PATCH /api/stores/:code': {
    strict: true,
    request: (c) => ({
      path: `/api/stores/${c}`,
      body: { unmetDemand: 'lost-sales' },
    }),
  },
  // One line's proof: the line's store must be the reader's (404 until a proof covers it).
  'GET /api/policy-proof/recommendations/:id': {
    strict: true,
    request: (c, o) => ({
      path: `/api/policy-proof/recommendations/${o.line[c]}`,
    }),
  },
  'POST /api/recommendations/:id/adjust': {
    strict: true,
    request: (c, o) => ({
      path: `/api/recommendations/${o.line[c]}/adjust`,
      body: { quantity: 0, reason: 'matrix' },
    }),
  },
};

/**
 * Routes without store input: chain master data, the reader's own account, planner-only chain
 * actions, and lists that are store-scoped by the reader alone (checked by the leak test).
 */
export const STORE_NEUTRAL = new Set([
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/sse-ticket',
  'GET /api/auth/me',
  'GET /api/users',
  'GET /api/users/:id',
  'POST /api/users',
  'PATCH /api/users/:id',
  'DELETE /api/users/:id',
  'GET /api/audit',
  'GET /api/stores',
  'GET /api/products',
  'GET /api/categories',
  'GET /api/data/freshness',
  'GET /api/imports',
  'GET /api/imports/:id',
  'POST /api/imports/:kind',
  'GET /api/imports/events',
  'GET /api/training/schedule',
  'GET /api/training/events',
  'GET /api/training/runs',
  'POST /api/training/runs',
  'POST /api/training/runs/:id/cancel',
  'GET /api/forecasts/accuracy',
  'GET /api/overrides/value-added',
  'GET /api/reports',
  'GET /api/reports/schedules',
  'POST /api/reports/schedules',
  'DELETE /api/reports/schedules/:id',
  'GET /api/reports/files',
  'GET /api/reports/files/:id',
  'GET /api/affinity/products/:sku',
  'POST /api/affinity/recompute',
  'POST /api/recommendations/regenerate',
  'GET /api/recommendations/export/purchase-orders.csv',
  'GET /api/audit/actions',
  'GET /api/audit/export.csv',
  'GET /api/settings/public',
  // The reader's own notifications, settings and webhooks (scoping: notifications.int-spec).
  'GET /api/notifications',
  'GET /api/notifications/unread-count',
  'POST /api/notifications/read-all',
  'POST /api/notifications/:id/read',
  'GET /api/notifications/settings',
  'PUT /api/notifications/settings',
  'GET /api/notifications/webhooks',
  'POST /api/notifications/webhooks',
  'DELETE /api/notifications/webhooks/:id',
  'GET /api/notifications/deliveries',
  // Realized accuracy is filtered to the reader's stores (realized.int-spec checks a manager).
  'GET /api/accuracy/realized',
  'GET /api/accuracy/drift',
  'POST /api/accuracy/realized/score',
  // The level export lists the reader's stores only (forecast-levels.int-spec checks a manager).
  'GET /api/forecasts/levels/export.csv',
  // Accuracy per level over the reader's nodes (store levels only for a manager; forecast-levels.int-spec).
  'GET /api/forecasts/levels/accuracy',
  // The policy proof is filtered to the reader's stores (policy-proof.int-spec checks a manager).
  'GET /api/policy-proof',
  'GET /api/policy-proof/export.csv',
  'GET /api/policy-proof/export.xlsx',
  'GET /api/policy-proof/export.pdf',
  'POST /api/policy-proof/run',
]);

/**
 * A serving run with forecasts for both stores (so recommendations exist per store), the lines
 * generated from it, and a finished training run of each store alone with a scored series.
 */
export async function seedStoreObjects(t: TestApp): Promise<StoreObjects> {
  const serving = randomUUID();
  const at = '2026-01-03 01:00:00';
  await t.query(
    "INSERT INTO forecast_runs (id, status, trigger_type, scope_type, scope_key, created_at, data_end) VALUES (?, 'promoted', 'manual', 'all', '', ?, '2026-01-02')",
    [serving, at],
  );
  for (const code of [OWN, OTHER])
    for (let d = 0; d < 28; d++)
      await t.query(
        `INSERT INTO forecast_values (run_id, store_id, product_id, date, p10, p50, p90, model)
         SELECT ?, s.id, p.id, ?, 4, 6, 9, 'test' FROM stores s, products p WHERE s.code = ? AND p.sku = 'P001'`,
        [
          serving,
          new Date(Date.parse('2026-01-03T00:00:00Z') + d * 86_400_000)
            .toISOString()
            .slice(0, 10),
          code,
        ],
      );
  await t.query('UPDATE serving SET run_id = ?, promoted_at = ? WHERE id = 1', [
    serving,
    at,
  ]);
  const res = await fetch(`${t.url}/api/recommendations/regenerate`, {
    method: 'POST',
    headers: await t.as('planner'),
  });
  if (res.status !== 200)
    throw new Error(`regenerate: ${res.status} ${await res.text()}`);
  const line = {} as Record<StoreCode, number>;
  const run = {} as Record<StoreCode, string>;
  for (const code of [OWN, OTHER] as const) {
    const [l] = (await t.query(
      'SELECT r.id FROM recommendations r JOIN stores s ON s.id = r.store_id WHERE s.code = ? ORDER BY r.id',
      [code],
    )) as unknown as { id: number | string }[];
    line[code] = Number(l.id);
    run[code] = randomUUID();
    await t.query(
      "INSERT INTO forecast_runs (id, status, trigger_type, scope_type, scope_key, created_at, wape) VALUES (?, 'rejected', 'manual', 'store', ?, ?, 0.5)",
      [run[code], code, at],
    );
    await t.query(
      `INSERT INTO forecast_run_series (run_id, store_id, product_id, model, kind, wape, volume)
       SELECT ?, s.id, p.id, 'test', 'baseline', ?, 10 FROM stores s, products p WHERE s.code = ? AND p.sku = 'P001'`,
      [run[code], code === OWN ? 0.2 : 0.8, code],
    );
  }
  return { line, run };
}
