/** The main pages with the demo data before any run (light theme, desktop), and theme and language. Registered by dashboard.e2e.ts in its run order. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import {
  api,
  withPage,
  openApp,
  settle,
  assertClean,
  texts,
  kpiValue,
  number,
  units,
} from '../support/dashboard-session';
import type {
  FreshnessDto,
  ProductDto,
  PageDto,
  StoreDto,
  OverviewDto,
} from './dtos';

interface PageSpec {
  path: string;
  nav: string;
  /** Checks the page's real content, or its documented empty state. */
  check(page: Page): Promise<void>;
}

async function emptyState(
  page: Page,
  title: string,
  action: string,
  href = '/data',
): Promise<void> {
  const empty = page.locator('main sc-empty-state');
  assert.equal(await empty.locator('h2').innerText(), title);
  const link = empty.getByRole('link', { name: action });
  assert.equal(await link.getAttribute('href'), href);
}

const PAGES: readonly PageSpec[] = [
  {
    path: '/overview',
    nav: 'Overview',
    async check(page) {
      const freshness = await api.get<FreshnessDto[]>('/data/freshness');
      const rows = (kind: string): number =>
        freshness.find((f) => f.kind === kind)?.rows ?? 0;
      await page.locator('.kpi__value[data-status="good"]').waitFor();
      assert.equal(await kpiValue(page, 'API status'), 'Healthy');
      assert.equal(await kpiValue(page, 'Stores'), number(rows('stores')));
      assert.equal(await kpiValue(page, 'Products'), number(rows('products')));
      assert.equal(await kpiValue(page, 'Sales rows'), number(rows('sales')));
      assert.ok(rows('sales') > 0, 'the demo data has sales');
      // The scope KPIs: sales of the last 7 and 28 days up to the last sales date in the data.
      const overview = await api.get<OverviewDto>('/overview');
      assert.ok(overview.asOf && overview.sales7 && overview.sales28);
      await page.locator('a[data-kpi="sales7"] .kpi__value').waitFor();
      assert.equal(
        await kpiValue(page, 'Units sold, last 7 days'),
        units(overview.sales7.units),
      );
      assert.equal(
        await kpiValue(page, 'Units sold, last 28 days'),
        units(overview.sales28.units),
      );
      assert.match(
        await page.getByTestId('overview-as-of').innerText(),
        /the last sales date in the data/,
      );
      assert.equal(
        (await page.locator('a[data-kpi] sc-sparkline canvas').count()) > 0,
        true,
        'sales sparklines are drawn',
      );
      // With sales imported, the "get started" prompt is gone.
      assert.equal(
        await page.getByText('Get started: import your sales history').count(),
        0,
      );
    },
  },
  {
    path: '/forecasts',
    nav: 'Forecasts',
    check: (page) =>
      // Sales are in, nothing is trained: the planner's next step is the first model.
      emptyState(page, 'No forecasts yet', 'Train the first model', '/models'),
  },
  {
    path: '/inventory',
    nav: 'Inventory',
    check: (page) =>
      emptyState(
        page,
        'No inventory projections yet',
        'Train the first model',
        '/models',
      ),
  },
  {
    path: '/affinity',
    nav: 'Affinity',
    async check(page) {
      // Every store links to its gaps; the product list links to each product's affinity page.
      const stores = await api.get<StoreDto[]>('/stores');
      await page.getByTestId('affinity-stores').waitFor();
      assert.deepEqual(
        await page
          .locator('[data-testid="affinity-stores"] a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
        stores.map((s) => `/stores/${s.code}/gaps`),
      );
      await page.getByTestId('affinity-products').waitFor();
      const products = await api.get<PageDto<ProductDto>>('/products?limit=50');
      assert.equal(
        await page
          .locator('[data-testid="affinity-products"] tbody tr')
          .count(),
        products.items.length,
      );
    },
  },
  {
    path: '/models',
    nav: 'Models & training',
    async check(page) {
      // A planner's next step before the first run is the run itself (a button, not a link).
      const empty = page.locator('main sc-empty-state');
      assert.equal(
        await empty.locator('h2').innerText(),
        'No models trained yet',
      );
      await page
        .getByRole('button', { name: 'Train the first model now' })
        .waitFor();
    },
  },
  {
    path: '/data',
    nav: 'Data',
    async check(page) {
      const freshness = await api.get<FreshnessDto[]>('/data/freshness');
      // One freshness card per import kind; the sales card shows the API's row count.
      await page.locator('sc-freshness-cards .card').first().waitFor();
      assert.equal(
        await page.locator('sc-freshness-cards .card').count(),
        freshness.length,
      );
      const sales = freshness.find((f) => f.kind === 'sales');
      assert.ok(sales);
      const salesCard = page.locator('sc-freshness-cards .card').filter({
        has: page.getByRole('heading', { name: 'Sales', exact: true }),
      });
      assert.match(
        await salesCard.innerText(),
        new RegExp(`${number(sales.rows)} rows`),
      );
      // The demo seeding went through the import path: one succeeded import per kind it loads
      // (every kind that has rows, basket lines included).
      assert.ok(
        (freshness.find((f) => f.kind === 'transactions')?.rows ?? 0) > 0,
        'the demo has basket lines',
      );
      const statuses = await texts(page, 'sc-import-history tbody .status');
      assert.equal(statuses.length, freshness.filter((f) => f.rows > 0).length);
      assert.ok(statuses.every((s) => s === 'Succeeded'));
      // The expected columns of the default kind (sales).
      const columns = await texts(page, '.import__columns tbody code');
      assert.deepEqual(columns.slice(0, 4), ['store', 'sku', 'date', 'units']);
    },
  },
  {
    path: '/reports',
    nav: 'Reports',
    check: async (page) => {
      // Every report of GET /api/reports, the first selected with its download buttons.
      await page.locator('.report-list button').first().waitFor();
      assert.deepEqual(await texts(page, '.report-list button'), [
        'Forecasts by series and period',
        'Forecast accuracy',
        'Recommendations and purchase orders',
        'Stock-out risk and excess stock',
        'Training-run history',
        'Store management summary',
      ]);
      assert.deepEqual(await texts(page, 'button[data-format]'), [
        'Download CSV',
        'Download XLSX',
      ]);
    },
  },
];

export function pageTests(): void {
  describe('pages (light theme, desktop)', () => {
    for (const spec of PAGES) {
      const name = spec.path.slice(1);
      test(`${spec.path} shows its content or its documented empty state`, () =>
        withPage(name, {}, async (page, watch) => {
          await openApp(page, spec.path);
          assert.equal(
            await page.locator('main h1').innerText(),
            spec.nav,
            'page title',
          );
          assert.equal(await page.title(), `${spec.nav} · Shelfcast`);
          assert.equal(
            await page.locator('nav a[aria-current="page"]').innerText(),
            spec.nav,
            'the current page is marked in the navigation',
          );
          await spec.check(page);
          await settle(page);
          await screenshot(page, `${name}-light`);
          assertClean(watch);
        }));
    }

    test('the sidenav reaches every page without a reload', () =>
      withPage('sidenav', {}, async (page, watch) => {
        await openApp(page, '/overview');
        await page.evaluate(() => {
          (window as Window & { __e2eMarker?: boolean }).__e2eMarker = true;
        });
        for (const spec of PAGES) {
          await page
            .locator('nav')
            .getByRole('link', { name: spec.nav, exact: true })
            .click();
          await page.waitForURL(`**${spec.path}`);
          await page
            .locator('main h1', { hasText: spec.nav })
            .first()
            .waitFor();
        }
        assert.equal(
          await page.evaluate(
            () =>
              (window as Window & { __e2eMarker?: boolean }).__e2eMarker ===
              true,
          ),
          true,
          'client-side navigation (the page was not reloaded)',
        );
        await settle(page);
        assertClean(watch);
      }));
  });

  describe('theme and language', () => {
    test('the theme toggle switches <html> to dark, and the choice survives a reload', () =>
      withPage('theme', {}, async (page, watch) => {
        await openApp(page, '/overview');
        const html = page.locator('html');
        assert.match(
          (await html.getAttribute('class')) ?? '',
          /sc-theme-light/,
        );
        const background = (): Promise<string> =>
          page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const lightBackground = await background();

        await page
          .getByRole('button', { name: 'Switch to dark theme' })
          .click();
        // The theme is applied by an effect after the click's change detection: wait for it.
        await page.waitForFunction(() =>
          document.documentElement.classList.contains('sc-theme-dark'),
        );
        assert.match((await html.getAttribute('class')) ?? '', /sc-theme-dark/);
        assert.equal(
          await page.evaluate(() => document.documentElement.style.colorScheme),
          'dark',
        );
        assert.notEqual(await background(), lightBackground);

        await page.reload();
        await page.locator('main h1').waitFor();
        assert.match((await html.getAttribute('class')) ?? '', /sc-theme-dark/);
        await page
          .getByRole('button', { name: 'Switch to light theme' })
          .waitFor();

        // Every page in dark, for the screenshots a person reviews.
        for (const spec of PAGES) {
          await openApp(page, spec.path);
          await spec.check(page);
          await settle(page);
          await screenshot(page, `${spec.path.slice(1)}-dark`);
        }
        assertClean(watch);
      }));

    test('choosing 简体中文 shows Chinese labels, sets <html lang>, and is remembered', () =>
      withPage('language', {}, async (page, watch) => {
        await openApp(page, '/data');
        await page.getByRole('button', { name: /^Language: English/ }).click();
        await page.getByRole('menuitemradio', { name: '简体中文' }).click();

        await page.locator('main h1', { hasText: '数据' }).waitFor();
        assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
        assert.deepEqual(await texts(page, 'nav a'), [
          '概览',
          '预测',
          '库存',
          '关联分析',
          '准确率',
          '策略验证',
          '模型与训练',
          '数据',
          '报表',
        ]);
        assert.match(await page.title(), /^数据 · /);
        // The expected-columns table describes the CSV columns in Chinese too.
        assert.equal(
          (await texts(page, '.import__columns tbody td:nth-child(3)'))[0],
          '门店代码',
        );
        await settle(page);
        await screenshot(page, 'data-zh');

        await openApp(page, '/overview');
        assert.equal(await page.locator('main h1').innerText(), '概览');
        await settle(page);
        await screenshot(page, 'overview-zh');
        assertClean(watch);
      }));
  });
}
