import type { AuditEntryDto, Page, UserDto } from '@shelfcast/contracts';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { AuditEntry } from './entities/audit-entry.entity';

describe('audit log: filters and CSV export (integration)', () => {
  let t: TestApp;
  let created: UserDto;

  const get = async (path: string, role: 'admin' | 'planner' = 'admin') =>
    fetch(`${t.url}${path}`, { headers: await t.as(role) });
  const page = async (query: string) =>
    (await (await get(`/api/audit?${query}`)).json()) as Page<AuditEntryDto>;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await t.as('admin')) },
      body: JSON.stringify({
        email: 'new.manager@test.shelfcast',
        password: 'a-long-enough-password',
        role: 'planner',
      }),
    });
    expect(res.status).toBe(201);
    created = (await res.json()) as UserDto;
    // An old entry, to be outside a date range.
    await t.db.dataSource.getRepository(AuditEntry).save({
      at: new Date('2025-01-15T10:00:00Z'),
      actorId: null,
      actorEmail: null,
      action: 'demo.seed',
      entity: 'demo',
      entityId: null,
      before: null,
      after: null,
      reason: null,
    });
  });

  afterAll(() => t.close());

  it('filters by user, action and days', async () => {
    const adminId = t.userId('admin');
    const byAdmin = await page(`actorId=${adminId}&action=user.create`);
    expect(byAdmin.total).toBe(1);
    expect(byAdmin.items[0]).toMatchObject({
      action: 'user.create',
      actorId: adminId,
      entityId: String(created.id),
    });
    const old = await page('from=2025-01-15&to=2025-01-15');
    expect(old.items.map((e) => e.action)).toEqual(['demo.seed']);
    const today = new Date().toISOString().slice(0, 10);
    const recent = await page(`from=${today}`);
    expect(recent.items.map((e) => e.action)).not.toContain('demo.seed');
    expect(recent.items.map((e) => e.action)).toContain('user.create');
    expect((await page('to=2024-12-31')).total).toBe(0);
    const actions = (await (
      await get('/api/audit/actions')
    ).json()) as string[];
    expect(actions).toEqual(
      expect.arrayContaining(['demo.seed', 'user.create']),
    );
  });

  it('refuses a malformed date, naming the field', async () => {
    const res = await get('/api/audit?from=15.01.2025');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('from must be a date');
  });

  it('exports the filtered entries as CSV, for admins only', async () => {
    const res = await get(
      `/api/audit/export.csv?action=user.create&actorId=${t.userId('admin')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    expect(text).toContain(
      `# Filters: actorId=${t.userId('admin')}; action=user.create`,
    );
    const rows = parse(text, { comment: '#', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(1);
    expect(rows[0]['action']).toBe('user.create');
    expect(rows[0]['user_email']).toBe('admin@test.shelfcast');
    expect(rows[0]['after_json']).toContain('new.manager@test.shelfcast');
    expect((await get('/api/audit/export.csv', 'planner')).status).toBe(403);
  });
});
