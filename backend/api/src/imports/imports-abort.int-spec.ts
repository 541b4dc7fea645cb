import type { ImportProgress, ImportReport } from '@shelfcast/contracts';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { fixtureSource } from '../../test/factories/import-files';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { ALL_STORES } from '../common/identity/store-scope';
import { PurchaseOrderExport } from '../recommendations/purchase-order-export.service';
import { ImportProgressService } from './import-progress.service';
import { ImportsService } from './imports.service';

/** Polls until `check` holds; fails after `ms` (a bound on how long the server may take, not a timing). */
async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  ms = 2000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Valid sales rows for six series, one row per series and day from `from` (days after 1995-01-01). */
function salesRows(from: number, days: number): string {
  let out = '';
  const start = Date.UTC(1995, 0, 1);
  for (let d = from; d < from + days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (const store of ['S001', 'S002'])
      for (const sku of ['P001', 'P002', 'P003'])
        out += `${store},${sku},${date},1\n`;
  }
  return out;
}

describe('client aborts (integration)', () => {
  let t: TestApp;

  const salesCount = async () =>
    Number((await t.query('SELECT COUNT(*) AS n FROM sales'))[0]['n']);
  const importStatus = async (id: string) =>
    String(
      (await t.query('SELECT status FROM import_runs WHERE id = ?', [id]))[0]?.[
        'status'
      ],
    );

  /**
   * Opens an upload and trickles valid rows until the server reports imported rows, without ever
   * ending the body (the way a slow client's upload looks when it is cut off).
   */
  const startUpload = async (
    headers: Record<string, string>,
    preamble: string,
  ): Promise<{ req: ClientRequest; progress: ImportProgress }> => {
    const seen: { progress: ImportProgress | null } = { progress: null };
    const sub = t.app.get(ImportProgressService).events.subscribe((p) => {
      if (p.status === 'running' && p.rows > 0) seen.progress = p;
    });
    const url = new URL(`${t.url}/api/imports/sales`);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        ...(await t.as('planner')),
        ...headers,
        // Announces far more than is sent: the server keeps waiting for the rest.
        'content-length': String(40 * 1024 * 1024),
      },
    });
    req.on('error', () => undefined);
    req.write(`${preamble}store,sku,date,units\n`);
    for (let day = 0; seen.progress === null; day += 20) {
      req.write(salesRows(day, 20));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    sub.unsubscribe();
    return { req, progress: seen.progress };
  };

  const oneRowImport = async () => {
    const res = await fetch(`${t.url}/api/imports/sales`, {
      method: 'POST',
      headers: { ...(await t.as('planner')), 'content-type': 'text/csv' },
      body: 'store,sku,date,units\nS001,P001,2024-02-01,3\n',
    });
    return { status: res.status, body: (await res.json()) as ImportReport };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const imports = t.app.get(ImportsService);
    for (const kind of ['stores', 'suppliers', 'products'] as const)
      await imports.importStream(kind, fixtureSource('good', `${kind}.csv`), {
        userName: 'test',
      });
  });

  afterAll(async () => {
    await t.close();
  });

  it('an upload cut off mid-body is rolled back, recorded as aborted, and the next import succeeds', async () => {
    const before = await salesCount();
    const { req, progress } = await startUpload(
      { 'content-type': 'text/csv' },
      '',
    );
    expect(await importStatus(progress.id)).toBe('running');
    req.destroy();
    await eventually(
      () => importStatus(progress.id),
      (s) => s === 'aborted',
    );
    expect(await salesCount()).toBe(before);
    const next = await oneRowImport();
    expect(next.status).toBe(201);
    expect(next.body.rowsImported).toBe(1);
    expect(await salesCount()).toBe(before + 1);
  });

  it('a multipart upload cut off mid-body is aborted as well', async () => {
    const before = await salesCount();
    const boundary = 'shelfcast-abort-test';
    const { req, progress } = await startUpload(
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    req.destroy();
    const report = await eventually(
      () => t.app.get(ImportsService).history(5, ALL_STORES),
      (h) => h.find((r) => r.id === progress.id)?.status === 'aborted',
    );
    expect(report.find((r) => r.id === progress.id)?.rowsImported).toBe(0);
    expect(await salesCount()).toBe(before);
    expect((await oneRowImport()).status).toBe(201);
  });

  it('a purchase-order download the client abandons stops its generator, and the next download works', async () => {
    const exporter = t.app.get(PurchaseOrderExport);
    const original = exporter.exportCsv.bind(exporter);
    let produced = 0;
    let closed = false;
    // An endless export: only the client going away can end it.
    const spy = jest
      .spyOn(exporter, 'exportCsv')
      .mockImplementation(async function* () {
        try {
          yield 'supplier_code,quantity\r\n';
          for (;;) {
            produced++;
            yield `${'SUP1,12\r\n'.repeat(8000)}`;
          }
        } finally {
          closed = true;
        }
      });
    const headers = await t.as('planner');
    const url = new URL(
      `${t.url}/api/recommendations/export/purchase-orders.csv`,
    );
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, headers },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.statusCode).toBe(200);
    // Read a little, then hang up.
    await new Promise<void>((resolve) => res.once('data', () => resolve()));
    res.destroy();
    await eventually(
      () => closed,
      (c) => c,
    );
    const stoppedAt = produced;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(produced).toBe(stoppedAt);
    spy.mockImplementation(original);
    const next = await fetch(url, { headers });
    expect(next.status).toBe(200);
    expect((await next.text()).split('\r\n')[0]).toContain('supplier_code');
  });
});
