import type {
  DecisionHistoryEntry,
  Page,
  RecommendationLine,
  Role,
} from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { serveFlatForecast } from '../../test/factories/runs';
import { seedPanel } from '../../test/support/training-fixtures';
import { AuthService } from '../auth/auth.service';
import { UsersService } from '../users/users.service';
import { RecommendationGeneration } from './recommendation-generation.service';

/** Plausibility guard, second approval by another planner, decision history, PO file. */
describe('adjustment approvals (integration)', () => {
  let t: TestApp;
  let secondPlanner: Record<string, string>;
  const db = (s: string, params: unknown[] = []) => t.query(s, params);

  const call = async <T>(
    who: Role | Record<string, string>,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; text: string }> => {
    const res = await fetch(`${t.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(typeof who === 'string' ? await t.as(who) : who),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, text };
  };
  const lineOf = async (store: string, sku = 'P0001') => {
    const page = (
      await call<Page<RecommendationLine>>(
        'planner',
        `/api/recommendations?limit=50&store=${store}`,
      )
    ).body;
    const line = page.items.find((l) => l.sku === sku);
    if (!line) throw new Error(`no line ${store}/${sku}`);
    return line;
  };
  const poFile = async () =>
    (
      await call<null>(
        'planner',
        '/api/recommendations/export/purchase-orders.csv',
      )
    ).text;

  beforeAll(async () => {
    t = await createTestApp();
    await seedPanel(t.db.dataSource, { stores: 2, products: 2, days: 60 });
    await db(
      "UPDATE products SET case_pack = 12, moq = 24, unit_cost = 1.85 WHERE sku = 'P0001'",
    );
    await serveFlatForecast(t, { onHand: 8 });
    await t.assignStores(['S001']);
    const users = t.app.get(UsersService);
    const second = await users.create(
      {
        email: 'planner2@test.shelfcast',
        password: 'test-password-123',
        role: 'planner',
      },
      null,
    );
    const user = await users.findById(second.id);
    if (!user) throw new Error('no second planner');
    secondPlanner = {
      authorization: `Bearer ${await t.app.get(AuthService).signAccessToken(user)}`,
    };
    expect(
      (await call('planner', '/api/recommendations/regenerate', {})).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.close();
  });

  it('refuses 1,800,000 units without a reason, holds them with one until another planner approves, and keeps the history', async () => {
    const line = await lineOf('S001');
    expect(line.recommendedQty).toBeLessThan(1000);
    const huge = 1_800_000;

    // No reason: refused, and the line is untouched.
    for (const reason of [undefined, '   ']) {
      const res = await call<{ details?: Record<string, unknown> }>(
        'store_manager',
        `/api/recommendations/${line.id}/adjust`,
        { quantity: huge, ...(reason === undefined ? {} : { reason }) },
      );
      expect(res.status).toBe(400);
    }
    const blank = await call<{ details: Record<string, unknown> }>(
      'store_manager',
      `/api/recommendations/${line.id}/adjust`,
      { quantity: huge, reason: '   ' },
    );
    expect(blank.body.details).toMatchObject({
      code: 'reason_required',
      because: ['multiple', 'value'],
      maxMultiple: 3,
      maxOrderValue: 50_000,
      orderValue: 3_330_000,
    });
    expect((await lineOf('S001')).status).toBe('pending');

    // With a reason: pending approval, not in the purchase-order file.
    const held = await call<RecommendationLine>(
      'store_manager',
      `/api/recommendations/${line.id}/adjust`,
      { quantity: huge, reason: 'store opening promotion' },
    );
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      status: 'pending_approval',
      finalQty: huge,
      reason: 'store opening promotion',
      approvedBy: null,
    });
    expect(await poFile()).not.toContain(String(huge));
    const filtered = await call<Page<RecommendationLine>>(
      'planner',
      '/api/recommendations?status=pending_approval',
    );
    expect(filtered.body.items.map((l) => l.id)).toEqual([line.id]);

    // Bulk approval leaves it alone; the manager and a viewer cannot give the second approval.
    await call('planner', '/api/recommendations/bulk-approve', {
      filters: { store: 'S001' },
    });
    expect((await lineOf('S001')).status).toBe('pending_approval');
    const other = await lineOf('S001', 'P0002');
    expect(other.status).toBe('approved');
    const bulk = await call<DecisionHistoryEntry[]>(
      'viewer',
      `/api/recommendations/${other.id}/history`,
    );
    expect(bulk.body.map((h) => [h.action, h.toStatus, h.actor])).toEqual([
      ['bulk_approve', 'approved', 'planner@test.shelfcast'],
    ]);
    for (const role of ['store_manager', 'viewer'] as const)
      expect(
        (
          await call(
            role,
            `/api/recommendations/${line.id}/second-approval`,
            {},
          )
        ).status,
      ).toBe(403);

    // The planner who adjusted cannot approve their own adjustment.
    const own = await call<RecommendationLine>(
      'planner',
      `/api/recommendations/${line.id}/adjust`,
      { quantity: huge, reason: 'planner re-enters it' },
    );
    expect(own.body.status).toBe('pending_approval');
    expect(
      (
        await call(
          'planner',
          `/api/recommendations/${line.id}/second-approval`,
          {},
        )
      ).status,
    ).toBe(403);

    // Another planner approves: it counts as approved and goes into the file.
    const approved = await call<RecommendationLine>(
      secondPlanner,
      `/api/recommendations/${line.id}/second-approval`,
      { reason: 'confirmed with the regional manager' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'adjusted',
      finalQty: huge,
      approvedBy: 'planner2@test.shelfcast',
    });
    expect(approved.body.approvedAt).not.toBeNull();
    const po = (await poFile()).split('\r\n');
    const ordered = po.find(
      (r) => r.includes(',S001,') && r.includes(`,${huge},`),
    );
    // The file names the second approver, not the planner who entered the quantity.
    expect(ordered).toContain(',planner2@test.shelfcast,');
    // Approving again is a conflict, not a second entry.
    expect(
      (
        await call(
          secondPlanner,
          `/api/recommendations/${line.id}/second-approval`,
          {},
        )
      ).status,
    ).toBe(409);

    // The history lists each change with actor, time and reason, oldest first.
    const history = await call<DecisionHistoryEntry[]>(
      'store_manager',
      `/api/recommendations/${line.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(
      history.body.map((h) => [
        h.action,
        h.fromStatus,
        h.toStatus,
        h.toQty,
        h.actor,
        h.reason,
      ]),
    ).toEqual([
      [
        'adjust',
        'pending',
        'pending_approval',
        huge,
        'store_manager@test.shelfcast',
        'store opening promotion',
      ],
      [
        'adjust',
        'pending_approval',
        'pending_approval',
        huge,
        'planner@test.shelfcast',
        'planner re-enters it',
      ],
      [
        'second_approval',
        'pending_approval',
        'adjusted',
        huge,
        'planner2@test.shelfcast',
        'confirmed with the regional manager',
      ],
    ]);
    const times = history.body.map((h) => Date.parse(h.at));
    expect(times.every((x) => Number.isFinite(x))).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.body[0].fromQty).toBe(line.finalQty);
  });

  it('lets ordinary adjustments through and scopes the history to the reader’s stores', async () => {
    const line = await lineOf('S002');
    const res = await call<RecommendationLine>(
      'planner',
      `/api/recommendations/${line.id}/adjust`,
      { quantity: 48, reason: 'promo next week' },
    );
    expect(res.body).toMatchObject({ status: 'adjusted', finalQty: 48 });
    await call('planner', `/api/recommendations/${line.id}/approve`, {});
    const history = await call<DecisionHistoryEntry[]>(
      'planner',
      `/api/recommendations/${line.id}/history`,
    );
    expect(history.body.map((h) => [h.action, h.toStatus])).toEqual([
      ['adjust', 'adjusted'],
      ['approve', 'approved'],
    ]);
    // Another store's history is not the manager's to read.
    expect(
      (await call('store_manager', `/api/recommendations/${line.id}/history`))
        .status,
    ).toBe(403);
  });
});
