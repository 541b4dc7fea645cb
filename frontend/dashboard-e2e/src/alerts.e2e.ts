/**
 * Alerts and realized accuracy in the built dashboard: a failed training run shows in the bell,
 * and after a promoted run and one day of sales the Accuracy page shows realized beside backtest
 * WAPE. Run with the build in dist/ (see README):
 * `node -r ./backend/tools/register.js --test-reporter=spec frontend/dashboard-e2e/src/alerts.e2e.ts`
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type {
  IssuedForecast,
  Page as Paged,
  ProductDto,
  RealizedAccuracyRow,
  RunDetail as RunDto,
  StoreDto,
} from '@shelfcast/contracts';
import { login } from './support/api';
import { type PageWatch, newContext } from './support/browser';
import {
  api,
  browser,
  demoUser,
  server,
  startSession,
  stopSession,
  waitForRun as waitForRunEnd,
} from './support/session';
import { withSignedInPage } from './support/signed-in-page';

/** How long a training run may take (E2E_RUN_WAIT_MS: longer on a busy shared machine). */
const RUN_WAIT_MS = Number(process.env['E2E_RUN_WAIT_MS'] ?? 180_000);

const waitForRun = (id: string): Promise<RunDto> =>
  waitForRunEnd<RunDto>(id, RUN_WAIT_MS);

/** Imports a CSV through the API as the demo admin. */
async function importCsv(kind: string, csv: string): Promise<void> {
  const admin = server.demoUsers().find((u) => u.role === 'admin');
  assert.ok(admin, 'a demo admin');
  const { accessToken } = await login(server.baseUrl, admin);
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), `${kind}.csv`);
  const res = await fetch(`${server.baseUrl}/api/imports/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  assert.ok(res.ok, `import ${kind}: ${res.status} ${await res.text()}`);
}

async function asPlanner(
  name: string,
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  const context = await newContext(browser, {});
  context.setDefaultTimeout(20_000);
  await withSignedInPage(
    context,
    name,
    server.baseUrl,
    demoUser('planner'),
    async (page, watch) => {
      await body(page, watch);
      assert.deepEqual(watch.problems([]), []);
    },
  );
}

describe('alerts and realized accuracy e2e', () => {
  before(startSession);

  after(stopSession);

  test('the bell shows a failed training run', async () => {
    // A store without sales: a run scoped to it has no series and fails.
    await importCsv('stores', 'code,name,region\nE2E-EMPTY,Empty store,R0\n');
    const run = await api.post<RunDto>('/training/runs', {
      scope: 'store',
      key: 'E2E-EMPTY',
    });
    assert.equal((await waitForRun(run.id)).status, 'failed');
    await asPlanner('bell', async (page) => {
      const count = page.getByTestId('notification-count');
      await count.waitFor();
      assert.equal((await count.innerText()).trim(), '1');
      await page.getByTestId('notification-bell').click();
      const item = page.locator('.bell__item').first();
      await item.waitFor();
      assert.match(await item.innerText(), /Training run failed \(manual\)/);
      await item.click();
      await page.waitForURL((url) => url.pathname === '/models');
      assert.equal(await count.count(), 0, 'read: the badge is gone');
    });
  });

  test('the accuracy page shows realized beside backtest WAPE', async () => {
    const run = await api.post<RunDto>('/training/runs', {});
    const done = await waitForRun(run.id);
    assert.equal(done.status, 'promoted');
    assert.ok(done.dataEnd, 'the run has a data end');
    const day = new Date(Date.parse(`${done.dataEnd}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const stores = await api.get<StoreDto[] | Paged<StoreDto>>('/stores');
    const products = await api.get<ProductDto[] | Paged<ProductDto>>(
      '/products?limit=200',
    );
    const list = <T>(v: T[] | Paged<T>) => (Array.isArray(v) ? v : v.items);
    const lines = list(stores)
      .filter((s) => s.code !== 'E2E-EMPTY')
      .flatMap((s) =>
        list(products).map(
          (p, i) => `${s.code},${p.sku},${day},${i % 5},${(i % 5) * 2},2,0,0`,
        ),
      );
    await importCsv(
      'sales',
      `store,sku,date,units,revenue,price,promo,stockout\n${lines.join('\n')}\n`,
    );
    const scored = await api.post<{ points: number }>(
      '/accuracy/realized/score',
      {
        from: day,
        to: day,
      },
    );
    assert.ok(scored.points > 0, 'points scored');
    const rows = await api.get<RealizedAccuracyRow[]>(
      '/accuracy/realized?level=chain',
    );
    assert.equal(rows.length, 1);

    await asPlanner('accuracy', async (page) => {
      await page.goto(`${server.baseUrl}/accuracy`);
      const table = page.getByTestId('realized-accuracy').locator('tbody tr');
      await table.first().waitFor();
      const cells = await table.first().locator('td').allInnerTexts();
      assert.equal(cells[0], rows[0].week);
      assert.match(cells[1], /^\d+\.\d %$/, 'realized WAPE');
      assert.match(cells[2], /^\d+\.\d %$/, 'backtest WAPE');
      await page
        .getByRole('radio', { name: 'Store' })
        .or(page.getByRole('button', { name: 'Store', exact: true }))
        .first()
        .click();
      await page.waitForURL((url) => url.searchParams.get('level') === 'store');
      await table.first().waitFor();
      assert.ok((await table.count()) >= 3, 'one row per demo store');
    });
  });

  test('the forecast chart lays the issued forecast over what sold', async () => {
    // The run promoted by the previous test was frozen as issued at its data end.
    const stores = await api.get<StoreDto[] | Paged<StoreDto>>('/stores');
    const products = await api.get<ProductDto[] | Paged<ProductDto>>(
      '/products?limit=20',
    );
    const list = <T>(v: T[] | Paged<T>) => (Array.isArray(v) ? v : v.items);
    const store = list(stores).find((s) => s.code !== 'E2E-EMPTY');
    assert.ok(store, 'a demo store');
    let sku: string | null = null;
    let issued: IssuedForecast[] = [];
    for (const p of list(products)) {
      issued = await api.get<IssuedForecast[]>(
        `/accuracy/realized/issued?store=${store.code}&sku=${encodeURIComponent(p.sku)}`,
      );
      if (issued.length && issued[0].points.length) {
        sku = p.sku;
        break;
      }
    }
    assert.ok(sku, 'a series with an issued forecast');

    await asPlanner('past-forecasts', async (page) => {
      await page.goto(
        `${server.baseUrl}/forecasts?level=series&store=${store.code}&sku=${encodeURIComponent(sku)}`,
      );
      const chart = page.locator('sc-forecast-chart canvas').first();
      await chart.waitFor();
      // Let the first render (and its animation) settle before the picture is taken.
      await page.waitForTimeout(1500);
      const before = await chart.screenshot();
      await page.getByTestId('past-forecasts-toggle').locator('button').click();
      const origins = page.getByTestId('past-forecasts-origins');
      await origins.waitFor();
      const [y, m, d] = issued[0].origin.split('-').map(Number);
      const shown = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(
        'en-US',
        { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' },
      );
      assert.match(await origins.innerText(), new RegExp(shown));
      await page.waitForTimeout(1500);
      const after = await chart.screenshot();
      assert.ok(!before.equals(after), 'the overlay changed the chart');
    });
  });
});
