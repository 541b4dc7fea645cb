import { request } from 'node:http';
import { createTestApp, TestApp } from '../support/test-app';
import { seedPanel } from '../support/training-fixtures';

/**
 * Fault: a client sends half of a large sales CSV and disappears. Afterwards the server is
 * alive, ready, holds no partial rows, and the next import of the same kind succeeds.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedPanel(t.db.dataSource, { stores: 1, products: 2, days: 10 });
});
afterAll(async () => {
  await t.close();
});

async function salesRows(): Promise<number> {
  const [row] = await t.query<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM sales',
  );
  return Number(row.n);
}

/** Sends the header and `rows` rows of a never-finished upload, then destroys the socket. */
async function abortedUpload(rows: number): Promise<void> {
  const url = new URL(`${t.url}/api/imports/sales`);
  const headers = await t.as('planner');
  await new Promise<void>((done) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'text/csv',
        'transfer-encoding': 'chunked',
      },
    });
    req.on('error', () => done());
    req.on('response', () => done());
    req.write('store,sku,date,units\n');
    let body = '';
    for (let i = 0; i < rows; i++)
      body += `S001,P000${1 + (i % 2)},2025-01-${String(1 + (i % 28)).padStart(2, '0')},1\n`;
    req.write(body, () => setTimeout(() => req.destroy(), 200));
  });
}

describe('an upload aborted mid-way', () => {
  it('leaves the server alive and ready, writes nothing, and the next import succeeds', async () => {
    const before = await salesRows();
    await abortedUpload(50_000);

    const ready = await fetch(`${t.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await salesRows()).toBe(before);

    // The same kind of import goes through afterwards (allowing the aborted one to wind down).
    // Dates are in the past: the importer refuses sales dated after today.
    let status = 0;
    for (let i = 0; i < 30 && status !== 201; i++) {
      const res = await fetch(`${t.url}/api/imports/sales`, {
        method: 'POST',
        headers: { ...(await t.as('planner')), 'content-type': 'text/csv' },
        body: 'store,sku,date,units\nS001,P0001,2025-02-01,3\n',
      });
      status = res.status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(201);
    expect(await salesRows()).toBe(before + 1);
  });
});
