import type {
  DataFreshness,
  HealthReport,
  ImportProgress,
  ImportReport,
  Page,
  ProductDto,
} from '@shelfcast/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, GOOD_FILES } from './factories/import-files';
import { createTestApp, TestApp } from './support/test-app';

/** The HTTP surface: uploads (multipart and raw), SSE progress, reads, errors, OpenAPI. */
describe('HTTP API (integration)', () => {
  let t: TestApp;

  const upload = async (
    kind: string,
    folder: 'good' | 'bad',
    file: string,
    ref?: string,
  ) => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([readFileSync(join(FIXTURES, folder, file))], {
        type: 'text/csv',
      }),
      file,
    );
    const res = await fetch(
      `${t.url}/api/imports/${kind}${ref ? `?ref=${ref}` : ''}`,
      { method: 'POST', body: form, headers: await t.as('planner') },
    );
    return { status: res.status, body: (await res.json()) as ImportReport };
  };

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('reports health with the database type', async () => {
    const { status, body } = await t.get<HealthReport>('/api/health', null);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database.ok).toBe(true);
    expect(body.database.type).toBe(t.db.config.type);
  });

  it('imports multipart uploads with 201 and refuses bad files with 422 and the report', async () => {
    for (const [kind, file] of GOOD_FILES) {
      const { status, body } = await upload(kind, 'good', file);
      expect({ file, status }).toEqual({ file, status: 201 });
      expect(body.status).toBe('succeeded');
      expect(body.userName).toBe('planner@test.shelfcast');
    }
    const bad = await upload('sales', 'bad', 'sales-negative-units.csv');
    expect(bad.status).toBe(422);
    expect(bad.body.status).toBe('rejected');
    expect(bad.body.errors[0]).toMatchObject({
      row: 2,
      column: 'units',
      reason: 'negative_value',
    });
  });

  it('takes a raw text/csv body too', async () => {
    const res = await fetch(`${t.url}/api/imports/inventory`, {
      method: 'POST',
      headers: {
        ...(await t.as('planner')),
        'content-type': 'text/csv',
        'x-file-name': 'raw.csv',
      },
      body: 'store,sku,date,on_hand\nS002,P001,2026-01-03,5\n',
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as ImportReport).fileName).toBe('raw.csv');
  });

  it('refuses an unknown kind and a request without a file with 400 in the one error shape', async () => {
    const res = await fetch(`${t.url}/api/imports/widgets`, {
      method: 'POST',
      headers: await t.as('admin'),
      body: new FormData(),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 400, error: 'ImportsException' });
    expect(body.message).toMatch(/widgets/);
    expect(body.stack).toBeUndefined();
    const anonymous = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      body: new FormData(),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      statusCode: 401,
      error: 'AuthException',
      message: 'Sign in first: no bearer token',
    });
    const none = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      headers: await t.as('admin'),
      body: new FormData(),
    });
    expect(none.status).toBe(400);
  });

  it('streams progress over SSE, tagged with the client ref', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/api/imports/events`, {
      headers: await t.as('viewer'),
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const events: ImportProgress[] = [];
    const reading = (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
        for (const m of text.matchAll(/^data: (.*)$/gm))
          events.push(JSON.parse(m[1]) as ImportProgress);
        text = text.slice(text.lastIndexOf('\n') + 1);
        if (events.some((e) => e.ref === 'r1' && e.status !== 'running')) break;
      }
    })();
    await upload('inventory', 'good', 'inventory.csv', 'r1');
    await reading;
    controller.abort();
    expect(events.filter((e) => e.ref === 'r1').pop()).toMatchObject({
      kind: 'inventory',
      status: 'succeeded',
      rows: 2,
    });
  });

  it('serves freshness from a cache that every finished import refreshes', async () => {
    const read = async () =>
      (await t.get<DataFreshness[]>('/api/data/freshness', 'planner')).body;
    const before = (await read()).find((f) => f.kind === 'inventory');
    expect(await read()).toEqual(await read());
    const res = await fetch(`${t.url}/api/imports/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(await t.as('planner')) },
      body: 'store,sku,date,on_hand\nS001,P002,2026-01-09,3\n',
    });
    expect(res.status).toBe(201);
    const after = (await read()).find((f) => f.kind === 'inventory');
    expect(after?.rows).toBe((before?.rows ?? 0) + 1);
    expect(after?.lastDate).toBe('2026-01-09');
  });

  it('lists history, one import, freshness and the catalog', async () => {
    const get = <T>(path: string) => t.get<T>(path, 'viewer');
    const history = (await get<ImportReport[]>(`/api/imports?limit=5`)).body;
    expect(history.length).toBe(5);
    const one = await get(`/api/imports/${history[0].id}`);
    expect(one.status).toBe(200);
    expect(
      (await get(`/api/imports/00000000-0000-4000-8000-000000000000`)).status,
    ).toBe(404);
    const freshness = (await get<DataFreshness[]>(`/api/data/freshness`)).body;
    expect(freshness.find((f) => f.kind === 'sales')).toMatchObject({
      rows: 7,
      lastDate: '2026-01-12',
    });
    expect(
      freshness.find((f) => f.kind === 'stores')?.lastImportAt,
    ).not.toBeNull();
    const page = (await get<Page<ProductDto>>(`/api/products?search=juice`))
      .body;
    expect(page.items.map((p) => p.sku)).toEqual(['P001']);
    const byCategory = (
      await get<Page<ProductDto>>(`/api/products?category=beverages`)
    ).body;
    expect(byCategory.total).toBe(1);
    expect((await get(`/api/products?limit=9999`)).status).toBe(400);
    expect((await get(`/api/products?colour=red`)).status).toBe(400);
  });

  it('serves OpenAPI at /api/docs with security headers', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const spec = await t.get<{ paths: Record<string, unknown> }>(
      '/api/docs-json',
      null,
    );
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/imports/{kind}', '/api/health']),
    );
  });
});
