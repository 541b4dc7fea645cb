import { EventEmitter2 } from '@nestjs/event-emitter';
import { loadConfig } from '../config/app-config';
import { createTestApp, testEmail, TestApp } from '../../test/support/test-app';
import {
  eventually,
  startHookReceiver,
  startSmtpReceiver,
} from '../../test/support/alert-receivers';
import { TRAINING_RUN_FINISHED } from '../common/training-events';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { AlertDelivery } from './alert-delivery.service';
import { AlertSources } from './alert-sources';
import type {
  DeliveryLogItem,
  NotificationItem,
  NotificationSettingItem,
  WebhookEndpointItem,
} from './dto/notification.dto';
import { AlertEvent, NotificationDelivery, WebhookEndpoint } from './entities';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature';

describe('notifications (integration)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  const secret = 'a-test-secret-of-sufficient-length';

  const api = async <T>(
    role: 'admin' | 'planner' | 'store_manager' | 'viewer',
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${t.url}/api${path}`, {
      method,
      headers: {
        ...(await t.as(role)),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    // /ok answers 200; /down always 500; /flaky 503 the first time, then 200; /resumed 200.
    hooks = await startHookReceiver((path, n) =>
      path === '/ok' || path === '/resumed'
        ? 200
        : path === '/flaky'
          ? n === 1
            ? 503
            : 200
          : 500,
    );
    const defaults = loadConfig({ NODE_ENV: 'test' }).alerts;
    t = await createTestApp({
      alerts: {
        ...defaults,
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          user: null,
          password: null,
          from: 'alerts@shelfcast.test',
        },
        webhookMaxAttempts: 3,
        webhookBackoffMs: 20,
        webhookSweepMs: 25,
      },
    });
    await t.query(
      "INSERT INTO stores (code, name, region) VALUES ('S1', 'S1', 'north'), ('S2', 'S2', 'south')",
    );
    await t.assignStores(['S1']);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    await hooks.close();
  });

  it('documents the notification, settings and realized-accuracy routes in OpenAPI', async () => {
    const spec = (await (await fetch(`${t.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const paths = Object.keys(spec.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/notifications',
        '/api/notifications/unread-count',
        '/api/notifications/{id}/read',
        '/api/notifications/settings',
        '/api/notifications/deliveries',
        '/api/accuracy/realized',
        '/api/accuracy/drift',
      ]),
    );
    expect(Object.keys(spec.paths['/api/notifications/settings'])).toEqual(
      expect.arrayContaining(['get', 'put']),
    );
  });

  it('lists every alert type with in-app on by default and refuses an unknown one', async () => {
    const got = await api<NotificationSettingItem[]>(
      'viewer',
      'GET',
      '/notifications/settings',
    );
    expect(got.status).toBe(200);
    expect(got.json.map((s) => s.event)).toContain('run_failed');
    expect(got.json.every((s) => s.inApp && !s.email && !s.webhook)).toBe(true);
    const bad = await api('viewer', 'PUT', '/notifications/settings', {
      settings: [
        { event: 'no_such_event', inApp: true, email: false, webhook: false },
      ],
    });
    expect(bad.status).toBe(400);
  });

  it('delivers a failed run by e-mail and signed webhook, retries a failing endpoint and logs every attempt', async () => {
    const put = await api<NotificationSettingItem[]>(
      'planner',
      'PUT',
      '/notifications/settings',
      {
        settings: [
          { event: 'run_failed', inApp: true, email: true, webhook: true },
        ],
      },
    );
    expect(put.json.find((s) => s.event === 'run_failed')).toEqual({
      event: 'run_failed',
      inApp: true,
      email: true,
      webhook: true,
    });
    const ok = await api<WebhookEndpointItem>(
      'planner',
      'POST',
      '/notifications/webhooks',
      {
        name: 'ops',
        url: `${hooks.url}/ok`,
        secret,
      },
    );
    expect(ok.status).toBe(201);
    expect(ok.json.secret).toBe(secret);
    await api('planner', 'POST', '/notifications/webhooks', {
      name: 'broken',
      url: `${hooks.url}/down`,
      secret,
    });

    await t.app.get(EventEmitter2).emitAsync(TRAINING_RUN_FINISHED, {
      runId: 'run-that-failed',
      status: 'failed',
      trigger: 'cron',
    });

    const log = await eventually(async () => {
      const got = await api<DeliveryLogItem[]>(
        'admin',
        'GET',
        '/notifications/deliveries',
      );
      const done = got.json.filter(
        (d) => d.status === 'delivered' || d.status === 'failed',
      );
      return done.length === 3 ? got.json : undefined;
    });
    const mail = log.find((d) => d.channel === 'email');
    expect(mail).toMatchObject({
      status: 'delivered',
      attempts: 1,
      target: testEmail('planner'),
    });
    const good = log.find((d) => d.target.endsWith('/ok'));
    expect(good).toMatchObject({ status: 'delivered', attempts: 1 });
    const broken = log.find((d) => d.target.endsWith('/down'));
    expect(broken).toMatchObject({ status: 'failed', attempts: 3 });
    expect(broken?.log.map((a) => [a.ok, a.code])).toEqual([
      [false, 500],
      [false, 500],
      [false, 500],
    ]);

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual([testEmail('planner')]);
    expect(smtp.mails[0].raw).toContain(
      'Subject: [Shelfcast] Training run failed (cron)',
    );

    const received = hooks.hooks.filter((h) => h.path === '/ok');
    expect(received).toHaveLength(1);
    const header = received[0].headers[
      SIGNATURE_HEADER.toLowerCase()
    ] as string;
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, received[0].body, header)).toBe(true);
    expect(
      verifyWebhookSignature(
        'another-secret-entirely',
        received[0].body,
        header,
      ),
    ).toBe(false);
    expect(JSON.parse(received[0].body)).toMatchObject({
      type: 'run_failed',
      link: '/models?run=run-that-failed',
    });
    expect(hooks.hooks.filter((h) => h.path === '/down')).toHaveLength(3);

    // Only admins read the delivery log.
    expect(
      (await api('planner', 'GET', '/notifications/deliveries')).status,
    ).toBe(403);
  });

  it('retries a receiver that fails once and resumes the retry a stopped process left, from the stored retry time', async () => {
    const endpoint = async (name: string, path: string) =>
      (
        await api<WebhookEndpointItem>(
          'admin',
          'POST',
          '/notifications/webhooks',
          { name, url: `${hooks.url}${path}`, secret },
        )
      ).json;
    const flaky = await endpoint('flaky', '/flaky');
    const resumed = await endpoint('resumed', '/resumed');
    const event = await t.app
      .get(DataSource)
      .getRepository(AlertEvent)
      .save(
        Object.assign(new AlertEvent(), {
          type: 'run_failed',
          dedupeKey: 'retry-spec',
          storeId: null,
          severity: 'error',
          title: 'Training run failed (retry spec)',
          body: 'body',
          link: null,
          data: null,
          createdAt: new Date(),
        }),
      );
    const deliveries = t.app
      .get(DataSource)
      .getRepository(NotificationDelivery);
    // A delivery as a process that stopped after its first attempt leaves it: retry due, no timer.
    const left = await deliveries.save(
      Object.assign(new NotificationDelivery(), {
        eventId: event.id,
        channel: 'webhook',
        userId: null,
        endpointId: resumed.id,
        target: resumed.url,
        status: 'retrying',
        attempts: 1,
        log: [
          {
            at: new Date().toISOString(),
            ok: false,
            code: 503,
            error: 'HTTP 503',
          },
        ],
        nextAttemptAt: new Date(Date.now() - 1000),
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    );
    const live = await t.app.get(AlertDelivery).start(event, 'webhook', {
      userId: t.userId('admin'),
      endpoint: await t.app
        .get(DataSource)
        .getRepository(WebhookEndpoint)
        .findOneByOrFail({ id: flaky.id }),
    });
    const log = await eventually(async () => {
      const got = await api<DeliveryLogItem[]>(
        'admin',
        'GET',
        '/notifications/deliveries',
      );
      const ours = got.json.filter((d) => [left.id, live.id].includes(d.id));
      return ours.every((d) => d.status === 'delivered') ? ours : undefined;
    });
    const attempts = (id: number) =>
      log.find((d) => d.id === id)?.log.map((a) => [a.ok, a.code]);
    expect(log.find((d) => d.id === live.id)).toMatchObject({ attempts: 2 });
    expect(attempts(live.id)).toEqual([
      [false, 503],
      [true, 200],
    ]);
    expect(log.find((d) => d.id === left.id)).toMatchObject({ attempts: 2 });
    expect(attempts(left.id)).toEqual([
      [false, 503],
      [true, 200],
    ]);
    expect(hooks.hooks.filter((h) => h.path === '/flaky')).toHaveLength(2);
    expect(hooks.hooks.filter((h) => h.path === '/resumed')).toHaveLength(1);
    // Nothing is due any more: a sweep claims nothing.
    expect(
      await deliveries.countBy({
        id: In([left.id, live.id]),
        nextAttemptAt: Not(IsNull()),
      }),
    ).toBe(0);
    expect(
      await t.app.get(AlertDelivery).sweep(new Date(Date.now() + 3_600_000)),
    ).toBe(0);
  });

  it('shows the chain-level failure in everyone’s bell and marks it read', async () => {
    for (const role of ['viewer', 'store_manager'] as const) {
      const count = await api<{ unread: number }>(
        role,
        'GET',
        '/notifications/unread-count',
      );
      expect(count.json.unread).toBe(1);
    }
    const list = await api<NotificationItem[]>(
      'viewer',
      'GET',
      '/notifications',
    );
    expect(list.json).toHaveLength(1);
    expect(list.json[0]).toMatchObject({
      type: 'run_failed',
      severity: 'critical',
      readAt: null,
    });
    // Someone else's notification is not found.
    expect(
      (await api('planner', 'POST', `/notifications/${list.json[0].id}/read`))
        .status,
    ).toBe(404);
    expect(
      (await api('viewer', 'POST', `/notifications/${list.json[0].id}/read`))
        .status,
    ).toBe(204);
    const after = await api<{ unread: number }>(
      'viewer',
      'GET',
      '/notifications/unread-count',
    );
    expect(after.json.unread).toBe(0);
    const marked = await api<{ marked: number }>(
      'store_manager',
      'POST',
      '/notifications/read-all',
    );
    expect(marked.json.marked).toBe(1);
  });

  it('tells store managers about their stores only, and raises a stale store once per day', async () => {
    await t.query(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('P1', 'P1', 'dairy', 2, 1)",
    );
    await t.query(
      `INSERT INTO sales (store_id, product_id, date, units, revenue)
       SELECT s.id, p.id, '2026-11-20', 1, 2 FROM stores s, products p`,
    );
    const sources = t.app.get(AlertSources);
    expect(await sources.checkStaleData('2026-11-30', 2)).toBe(2);
    expect(await sources.checkStaleData('2026-11-30', 2)).toBe(0);

    const manager = await api<NotificationItem[]>(
      'store_manager',
      'GET',
      '/notifications?unread=true',
    );
    const storeIds = (
      await t.query("SELECT id FROM stores WHERE code = 'S1'")
    ).map((r) => Number(r['id']));
    expect(manager.json.map((n) => [n.type, n.storeId])).toEqual([
      ['data_stale', storeIds[0]],
    ]);
    expect(manager.json[0].title).toBe(
      'No sales from store S1 since 2026-11-20',
    );

    const planner = await api<NotificationItem[]>(
      'planner',
      'GET',
      '/notifications?unread=true',
    );
    expect(planner.json.filter((n) => n.type === 'data_stale')).toHaveLength(2);

    // A user who turns an alert type off in-app stops receiving it.
    await api('viewer', 'PUT', '/notifications/settings', {
      settings: [
        { event: 'data_stale', inApp: false, email: false, webhook: false },
      ],
    });
    expect(await sources.checkStaleData('2026-12-01', 2)).toBe(2);
    const viewer = await api<NotificationItem[]>(
      'viewer',
      'GET',
      '/notifications?unread=true',
    );
    expect(viewer.json.filter((n) => n.type === 'data_stale')).toHaveLength(2);
  });

  it('raises the A-class lines the inventory list flags "stock-out risk", per store', async () => {
    await t.query(
      "INSERT INTO products (sku, name, category_path, regular_price, unit_cost) VALUES ('P2', 'P2', 'dairy', 2, 1), ('P3', 'P3', 'dairy', 2, 1), ('P4', 'P4', 'dairy', 2, 1)",
    );
    const id = async (sql: string) => Number((await t.query(sql))[0]['id']);
    const s1 = await id("SELECT id FROM stores WHERE code = 'S1'");
    const s2 = await id("SELECT id FROM stores WHERE code = 'S2'");
    const product = (sku: string) =>
      id(`SELECT id FROM products WHERE sku = '${sku}'`);
    // [store, product, abc, P50 stock-out without the order, stored flag, reason]
    const lines: [
      number,
      number,
      string,
      string | null,
      number | null,
      string | null,
    ][] = [
      [s1, await product('P1'), 'A', '2026-12-04', 1, 'lead-time'], // flagged
      // Runs out without the order, but the order covers it: not flagged, so no alert (the
      // former rule, P50 stock-out before the lead time, alerted on it).
      [s1, await product('P2'), 'A', '2026-12-03', 0, null],
      [s1, await product('P3'), 'C', '2026-12-02', 1, 'lead-time'], // not A-class
      [s2, await product('P2'), 'A', '2026-12-20', 1, 'short-order'], // flagged, late stock-out
      [s2, await product('P3'), 'A', null, 0, null], // no stock-out expected
      [s2, await product('P4'), 'A', '2026-12-05', null, null], // generated before the flag
    ];
    for (const [store, prod, abc, out, flag, reason] of lines)
      await t.query(
        `INSERT INTO recommendations (run_id, store_id, product_id, generated_at, as_of, status, recommended_qty,
           final_qty, safety_stock, reorder_point, order_up_to, inventory_position, on_hand, inbound, demand_mean,
           demand_sd, protection_periods, service_kind, service_level, abc, xyz, excess_value, explanation,
           explanation_json, stockout_date_p50, stockout_risk, risk_reason)
         VALUES ('run-r', ?, ?, '2026-12-01 03:00:00', '2026-12-01', 'pending', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
           'fill-rate', 0.95, ?, 'X', 0, 'test', '{}', ?, ?, ?)`,
        [store, prod, abc, out, flag, reason],
      );
    expect(await t.app.get(AlertSources).checkStockoutRisk('2026-12-01')).toBe(
      2,
    );
    const manager = await api<NotificationItem[]>(
      'store_manager',
      'GET',
      '/notifications?unread=true',
    );
    const risk = manager.json.filter((n) => n.type === 'stockout_risk');
    expect(risk.map((n) => n.title)).toEqual([
      '1 A-class item at store S1 may run out before the next delivery',
    ]);
    expect(risk[0].body).toContain('P1 (out 2026-12-04; lead-time)');
    expect(risk[0].body).not.toContain('P2');
    // The alert names exactly the A-class lines the list shows flagged for that store.
    const flagged = await api<{ items: { sku: string; abc: string }[] }>(
      'planner',
      'GET',
      '/recommendations?store=S2&risk=stockout&limit=50',
    );
    const planner = await api<NotificationItem[]>(
      'planner',
      'GET',
      '/notifications?unread=true',
    );
    const s2Alert = planner.json.find(
      (n) => n.type === 'stockout_risk' && n.title.includes('store S2'),
    );
    expect(s2Alert?.title).toBe(
      '2 A-class items at store S2 may run out before the next delivery',
    );
    const listed = flagged.json.items
      .filter((l) => l.abc === 'A')
      .map((l) => l.sku)
      .sort();
    expect(listed).toEqual(['P2', 'P4']);
    for (const sku of listed) expect(s2Alert?.body).toContain(sku);
  });
});
