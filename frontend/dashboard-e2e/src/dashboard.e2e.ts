/**
 * End-to-end tests of the built dashboard, served by the real built API (fresh SQLite, small demo
 * data), in Debian's headless Chromium. Run: `npx nx e2e dashboard-e2e` (builds api and dashboard
 * first). Screenshots go to test-artifacts/e2e/.
 *
 * Layout: one `describe` per feature area. A feature that has not landed yet is a `test.todo`
 * in its own block; replace it with a test when the feature exists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ApiClient, login } from './support/api';
import {
  type ExpectedFailure,
  PageWatch,
  TABLET,
  artifactPath,
  launchBrowser,
  newContext,
  screenshot,
} from './support/browser';
import { type ApiServer, type DemoUser, startApi } from './support/server';

/** GET /api/forecasts/levels (the fields asserted on). */
interface LevelForecastDto {
  nodes: { key: string; label: string }[];
  forecast: { date: string; p50: number }[];
}

interface FreshnessDto {
  kind: string;
  rows: number;
  lastDate: string | null;
}
interface ProductDto {
  sku: string;
}
interface PageDto<T> {
  items: T[];
  total: number;
}
interface StoreDto {
  code: string;
}
interface BoughtTogetherDto {
  sku: string;
  name: string;
  baskets: number;
  support: number;
  confidence: number;
  lift: number;
  cosine: number;
}
interface ProductAffinityDto {
  run: { computedAt: string | null; baskets: number };
  boughtTogether: BoughtTogetherDto[];
  similar: { sku: string }[];
}
interface StoreGapsDto {
  gaps: {
    sku: string;
    name: string;
    expectedShare: number;
    expectedUnits: number;
    similarStoresSelling: number;
    similarStoresCompared: number;
    meanShareWhereSold: number;
  }[];
}
interface RecommendationDto {
  id: string | number;
  status: string;
}
interface RunDto {
  id: string;
  status: string;
}
interface OverviewDto {
  asOf: string | null;
  sales7: { units: number } | null;
  sales28: { units: number } | null;
  forecast7: { units: number; coveredDays: number } | null;
  accuracy: { source: string; wape: number | null };
  inventory: { stockoutRisk: number; pendingApprovals: number };
}
const TERMINAL_RUN_STATUSES = ['promoted', 'rejected', 'failed', 'cancelled'];

let server: ApiServer;
let browser: Browser;
let api: ApiClient;
/** The API refuses data calls without a token: every page needs a signed-in user. */
let authOn = false;

function demoUser(role: string): DemoUser {
  const user = server.demoUsers().find((u) => u.role === role);
  assert.ok(user, `the API printed a demo ${role}`);
  return user;
}

/** Signs in on the login page and waits for the page it leads to. */
async function signIn(
  page: Page,
  user: DemoUser,
  path = '/login',
): Promise<void> {
  if (!page.url().includes('/login')) {
    await page.goto(`${server.baseUrl}${path}`);
  }
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('main h1').first().waitFor();
}

/** Opens a page in its own browser context, runs `body`, and on failure keeps a screenshot. */
async function withPage(
  name: string,
  options: BrowserContextOptions & {
    /** Who signs in first when auth is on (default: the demo planner); null: nobody. */
    as?: string | null;
  },
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  const { as = 'planner', ...contextOptions } = options;
  const context = await newContext(browser, contextOptions);
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const watch = new PageWatch(page);
  try {
    if (authOn && as) {
      await signIn(page, demoUser(as));
    }
    await body(page, watch);
  } catch (error) {
    await page
      .screenshot({ path: artifactPath(`failure-${name}`), fullPage: true })
      .catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/** Loads a route of the dashboard and waits until its page header is shown. */
async function openApp(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

function assertClean(
  watch: PageWatch,
  expected: readonly ExpectedFailure[] = [],
): void {
  assert.deepEqual(watch.problems(expected), []);
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((t) => t.trim());
}

/** The KPI card with this label, e.g. "Stores". */
function kpiValue(page: Page, label: string): Promise<string> {
  return page
    .locator(`sc-kpi-card section[aria-label="${label}"] .kpi__value`)
    .innerText();
}

const number = (n: number): string => n.toLocaleString('en-US');
/** As the dashboard's scNumber pipe formats with a maximum of `digits` fraction digits. */
const fixed = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits });
const units = (n: number): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: 0 });

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

describe('Shelfcast dashboard e2e', () => {
  before(async () => {
    [server, browser] = await Promise.all([startApi(), launchBrowser()]);
    api = new ApiClient(server);
    const probe = await fetch(`${server.baseUrl}/api/data/freshness`);
    authOn = probe.status === 401;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

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

  describe('data page', () => {
    test('filters live in the URL and survive a reload', () =>
      withPage('filters', {}, async (page, watch) => {
        await openApp(page, '/data');
        await page.locator('sc-import-history tbody tr').first().waitFor();

        await page
          .getByRole('combobox', { name: 'Status', exact: true })
          .click();
        await page
          .getByRole('option', { name: 'Succeeded', exact: true })
          .click();
        await page.waitForURL(
          (url) => url.searchParams.get('hstatus') === 'succeeded',
        );
        const statuses = await texts(page, 'sc-import-history tbody .status');
        assert.ok(statuses.length > 0);
        assert.ok(statuses.every((s) => s === 'Succeeded'));

        await page
          .getByRole('combobox', { name: 'Status', exact: true })
          .click();
        await page
          .getByRole('option', { name: 'Rejected', exact: true })
          .click();
        await page.waitForURL(
          (url) => url.searchParams.get('hstatus') === 'rejected',
        );
        await page.getByText('No imports match these filters.').waitFor();

        await page.getByRole('combobox', { name: 'Kind of data' }).click();
        await page.getByRole('option', { name: 'Stores', exact: true }).click();
        await page.waitForURL(
          (url) => url.searchParams.get('kind') === 'stores',
        );
        await page
          .getByRole('heading', { name: 'Expected columns for Stores' })
          .waitFor();

        await page.reload();
        await page.getByText('No imports match these filters.').waitFor();
        assert.equal(
          await page
            .getByRole('combobox', { name: 'Status', exact: true })
            .innerText(),
          'Rejected',
        );
        await page
          .getByRole('heading', { name: 'Expected columns for Stores' })
          .waitFor();
        await settle(page);
        assertClean(watch);
      }));

    test('a bad CSV dropped on the page is rejected with a row / column / reason table', () =>
      withPage('bad-csv', {}, async (page, watch) => {
        const sku = await someSku();
        const csv = [
          'store,sku,date,units',
          `S001,${sku},2026-11-20,3`,
          `S999,${sku},2026-11-20,2`,
          `S001,${sku},2026-13-45,1`,
          `S001,${sku},2026-11-21,abc`,
        ].join('\n');
        await openApp(page, '/data');
        await dropFile(page, '.drop', 'bad-sales.csv', csv);
        await page.getByText('Selected: bad-sales.csv').waitFor();
        await page.getByRole('button', { name: 'Import', exact: true }).click();

        const banner = page.locator('sc-import-result [role="alert"]');
        await banner.waitFor();
        assert.match(
          await banner.innerText(),
          /bad-sales\.csv was rejected: 3 errors\. Nothing was imported\./,
        );
        const rows = await page
          .locator('sc-import-result table.errors tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) =>
              Array.from(tr.querySelectorAll('td')).map((td) =>
                (td.textContent ?? '').trim(),
              ),
            ),
          );
        const byValue = new Map(rows.map((r) => [r[2], r]));
        assert.deepEqual(byValue.get('S999')?.slice(0, 4), [
          '3',
          'store',
          'S999',
          'Unknown store',
        ]);
        assert.deepEqual(byValue.get('2026-13-45')?.slice(0, 4), [
          '4',
          'date',
          '2026-13-45',
          'Unreadable date',
        ]);
        assert.deepEqual(byValue.get('abc')?.slice(0, 4), [
          '5',
          'units',
          'abc',
          'Invalid number',
        ]);
        // The history lists the rejected file.
        const history = page
          .locator('sc-import-history tbody tr')
          .filter({ hasText: 'bad-sales.csv' });
        await history.waitFor();
        assert.equal(await history.locator('.status').innerText(), 'Rejected');
        await settle(page);
        await screenshot(page, 'data-rejected');
        assertClean(watch, [
          { method: 'POST', path: /^\/api\/imports\/sales$/, status: 422 },
        ]);
      }));

    test('a good CSV chosen with the file button is imported and the page updates', () =>
      withPage('good-csv', {}, async (page, watch) => {
        const sku = await someSku();
        const before = await api.get<FreshnessDto[]>('/data/freshness');
        const salesBefore = before.find((f) => f.kind === 'sales')?.rows ?? 0;
        const csv = [
          'store,sku,date,units,promo',
          `S001,${sku},2026-11-28,4,0`,
          `S002,${sku},2026-11-28,5,1`,
        ].join('\n');
        await openApp(page, '/data');
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Choose a file' }).click();
        await (
          await chooser
        ).setFiles({
          name: 'good-sales.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv),
        });
        await page.getByText('Selected: good-sales.csv').waitFor();
        await page.getByRole('button', { name: 'Import', exact: true }).click();

        const banner = page.locator('sc-import-result [role="status"]');
        await banner.waitFor();
        assert.match(
          await banner.innerText(),
          /Imported 2 of 2 rows from good-sales\.csv in /,
        );
        const history = page
          .locator('sc-import-history tbody tr')
          .filter({ hasText: 'good-sales.csv' });
        await history.waitFor();
        assert.equal(await history.locator('.status').innerText(), 'Succeeded');
        // Freshness reloads: the sales card counts the new rows.
        const salesCard = page.locator('sc-freshness-cards .card').filter({
          has: page.getByRole('heading', { name: 'Sales', exact: true }),
        });
        await salesCard.getByText(`${number(salesBefore + 2)} rows`).waitFor();
        await settle(page);
        await screenshot(page, 'data-imported');
        assertClean(watch);
      }));
  });

  describe('tablet width (820 px)', () => {
    test('the navigation becomes a drawer that closes after choosing a page', () =>
      withPage('tablet', { viewport: TABLET }, async (page, watch) => {
        await openApp(page, '/data');
        const drawer = page.locator('mat-sidenav');
        const menu = page.getByRole('button', { name: 'Open navigation' });
        await menu.waitFor();
        assert.equal(await drawer.isVisible(), false, 'drawer closed at first');
        await settle(page);
        await screenshot(page, 'data-tablet');

        await menu.click();
        await drawer.waitFor({ state: 'visible' });
        await page
          .locator('nav')
          .getByRole('link', { name: 'Overview', exact: true })
          .click();
        await page.waitForURL('**/overview');
        await drawer.waitFor({ state: 'hidden' });
        await page.locator('main h1', { hasText: 'Overview' }).waitFor();

        // Nothing sticks out sideways at this width.
        const overflow = await page.evaluate(() => {
          const content = document.querySelector('mat-sidenav-content');
          return content ? content.scrollWidth - content.clientWidth : 0;
        });
        assert.equal(overflow, 0, 'no horizontal overflow');
        await settle(page);
        await screenshot(page, 'overview-tablet');
        assertClean(watch);
      }));
  });

  describe('auth', () => {
    test('the demo planner signs in on /login, lands on the page asked for, and signs out', (t) =>
      authOn
        ? withPage('login', { as: null }, async (page, watch) => {
            const planner = demoUser('planner');
            await page.goto(`${server.baseUrl}/data`);
            await page.waitForURL(
              (url) =>
                url.pathname === '/login' &&
                url.searchParams.get('returnUrl') === '/data',
            );
            await page
              .getByRole('heading', { name: 'Sign in to Shelfcast' })
              .waitFor();
            await settle(page);
            await screenshot(page, 'login-light');

            await page.getByLabel('Email').fill(planner.email);
            await page.getByLabel('Password').fill('not-the-password');
            await page.getByRole('button', { name: 'Sign in' }).click();
            await page
              .getByRole('alert')
              .filter({ hasText: 'Wrong email or password.' })
              .waitFor();

            await signIn(page, planner);
            await page.waitForURL('**/data');
            assert.equal(await page.locator('main h1').innerText(), 'Data');
            const account = page.locator('button.account');
            assert.match(await account.innerText(), /Planner/);
            await page
              .getByRole('heading', { name: 'Import a CSV file' })
              .waitFor();
            await settle(page);

            await account.click();
            await page.getByRole('menuitem', { name: 'Sign out' }).click();
            await page.waitForURL((url) => url.pathname === '/login');
            assertClean(watch, [
              { method: 'POST', path: /^\/api\/auth\/login$/, status: 401 },
            ]);
          })
        : t.skip('auth is not in this build'));

    test('a store manager sees only their assigned stores', (t) =>
      authOn
        ? withPage('manager', { as: 'store_manager' }, async (page, watch) => {
            const manager = demoUser('store_manager');
            const all = await api.get<FreshnessDto[]>('/data/freshness');
            const allStores = all.find((f) => f.kind === 'stores')?.rows ?? 0;
            assert.ok(manager.storeCodes.length > 0);
            assert.ok(manager.storeCodes.length < allStores);

            // What the API gives the manager: their stores, nothing else.
            const token = (await login(server.baseUrl, manager)).accessToken;
            const response = await fetch(`${server.baseUrl}/api/stores`, {
              headers: { authorization: `Bearer ${token}` },
            });
            const stores = (await response.json()) as { code: string }[];
            assert.deepEqual(
              stores.map((s) => s.code).sort(),
              [...manager.storeCodes].sort(),
            );

            await openApp(page, '/overview');
            await page.locator('.kpi__value[data-status="good"]').waitFor();
            assert.equal(
              await kpiValue(page, 'Stores'),
              number(manager.storeCodes.length),
            );
            const account = page.locator('button.account');
            assert.match(await account.innerText(), /Store manager/);
            await account.click();
            await page
              .getByText(`Stores: ${manager.storeCodes.join(', ')}`)
              .waitFor();
            await page.keyboard.press('Escape');
            await settle(page);
            await screenshot(page, 'overview-manager');

            // A manager reads data but does not import it.
            await openApp(page, '/data');
            await page.locator('sc-freshness-cards .card').first().waitFor();
            assert.equal(
              await page
                .getByRole('heading', { name: 'Import a CSV file' })
                .count(),
              0,
            );
            const storesCard = page.locator('sc-freshness-cards .card').filter({
              has: page.getByRole('heading', { name: 'Stores', exact: true }),
            });
            assert.match(
              await storesCard.innerText(),
              new RegExp(`${manager.storeCodes.length} rows`),
            );
            await settle(page);
            assertClean(watch);
          })
        : t.skip('auth is not in this build'));
  });

  describe('product affinity on the demo baskets (before any training run)', () => {
    test("a product's page lists what is bought with it, with the API's support, confidence and lift", () =>
      withPage('affinity-product', {}, async (page, watch) => {
        // The seeder recomputed affinity after importing. The product whose first "bought
        // together" pair has the highest lift: a pair the demo baskets plant.
        const products =
          await api.get<PageDto<ProductDto>>('/products?limit=50');
        let sku = '';
        let expected: ProductAffinityDto | null = null;
        for (const p of products.items) {
          const a = await api.get<ProductAffinityDto>(
            `/affinity/products/${p.sku}`,
          );
          const top = a.boughtTogether[0]?.lift ?? 0;
          if (top > (expected?.boughtTogether[0]?.lift ?? 0)) {
            sku = p.sku;
            expected = a;
          }
        }
        assert.ok(expected, 'a demo product has "bought together" pairs');
        assert.ok(expected.run.computedAt, 'computed without a training run');
        assert.ok(
          expected.boughtTogether[0].lift > 1.5,
          `the strongest pair is bought together well above chance (lift ${expected.boughtTogether[0].lift})`,
        );

        // Reached from the navigation: Affinity → the product's link.
        await openApp(page, '/affinity');
        await page
          .locator('[data-testid="affinity-products"] tr', { hasText: sku })
          .getByRole('link')
          .click();
        await page.waitForURL(`**/products/${sku}`);
        const table = page.getByTestId('bought-together');
        await table.waitFor();
        const rows = table.locator('tbody tr');
        assert.equal(await rows.count(), expected.boughtTogether.length);
        for (let i = 0; i < expected.boughtTogether.length; i++) {
          const r: BoughtTogetherDto = expected.boughtTogether[i];
          const cells = await rows.nth(i).locator('td').allInnerTexts();
          assert.match(cells[0], new RegExp(r.sku));
          assert.deepEqual(
            cells.slice(1).map((c) => c.trim()),
            [
              number(r.baskets),
              `${fixed(r.support * 100, 2)}%`,
              `${fixed(r.confidence * 100, 1)}%`,
              fixed(r.lift, 2),
              fixed(r.cosine, 3),
            ],
            `row ${i + 1} (${r.sku})`,
          );
        }
        assert.equal(
          await page.locator('[data-testid="similar"] tbody tr').count(),
          expected.similar.length,
        );
        await settle(page);
        await screenshot(page, 'affinity-product-light');
        assertClean(watch);
      }));

    test('a store gaps page lists the products similar stores sell, with their numbers', () =>
      withPage('affinity-gaps', {}, async (page, watch) => {
        const stores = await api.get<StoreDto[]>('/stores');
        let code = '';
        let expected: StoreGapsDto | null = null;
        for (const s of stores) {
          const g = await api.get<StoreGapsDto>(
            `/affinity/stores/${s.code}/gaps`,
          );
          if (g.gaps.length > 0) {
            code = s.code;
            expected = g;
            break;
          }
        }
        assert.ok(
          expected,
          'a demo store does not carry a product that similar stores sell',
        );
        await openApp(page, '/affinity');
        await page
          .locator('[data-testid="affinity-stores"] tr', { hasText: code })
          .getByRole('link')
          .click();
        await page.waitForURL(`**/stores/${code}/gaps`);
        const rows = page.locator('[data-testid="gaps"] tbody tr');
        await rows.first().waitFor();
        assert.equal(await rows.count(), expected.gaps.length);
        for (let i = 0; i < expected.gaps.length; i++) {
          const g: StoreGapsDto['gaps'][number] = expected.gaps[i];
          const cells = await rows.nth(i).locator('td').allInnerTexts();
          assert.match(cells[0], new RegExp(g.sku));
          assert.deepEqual(
            cells.slice(1).map((c) => c.trim()),
            [
              `${fixed(g.expectedShare * 100, 2)}%`,
              fixed(g.expectedUnits, 0),
              `${g.similarStoresSelling} / ${g.similarStoresCompared}`,
              `${fixed(g.meanShareWhereSold * 100, 2)}%`,
            ],
            `gap ${i + 1} (${g.sku})`,
          );
        }
        await settle(page);
        await screenshot(page, 'affinity-gaps-light');
        assertClean(watch);
      }));
  });

  describe('after a training run', () => {
    let trained = false;

    before(async () => {
      // Only where the training API exists (it answers 404 before).
      const probe = await fetch(`${server.baseUrl}/api/training/runs`);
      if (probe.status === 404) {
        return;
      }
      const run = await api.post<RunDto>('/training/runs', {});
      const deadline = Date.now() + 180_000;
      let status = run.status;
      while (!TERMINAL_RUN_STATUSES.includes(status)) {
        assert.ok(Date.now() < deadline, `training run still ${status}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        status = (await api.get<RunDto>(`/training/runs/${run.id}`)).status;
      }
      assert.equal(status, 'promoted', 'the first run is promoted');
      trained = true;
    });

    test('the chain forecast chart renders; store and level are kept in the URL', (t) =>
      trained
        ? withPage('forecasts-trained', {}, async (page, watch) => {
            await openApp(page, '/forecasts');
            const chart = page.locator('sc-forecast-chart canvas').first();
            await chart.waitFor();
            const box = await chart.boundingBox();
            assert.ok(box && box.width > 300 && box.height > 200, 'chart size');
            assert.notEqual(
              (await kpiValue(page, 'Model')).trim(),
              '–',
              'the model that made the forecast is named',
            );
            await settle(page);
            await screenshot(page, 'forecasts-trained-light');

            await page
              .getByRole('combobox', { name: 'Store', exact: true })
              .click();
            await page.getByRole('option', { name: /\(S001\)$/ }).click();
            await page.waitForURL(
              (url) => url.searchParams.get('store') === 'S001',
            );
            await page
              .getByRole('radio', { name: 'Store (all products)' })
              .or(page.getByRole('button', { name: 'Store (all products)' }))
              .first()
              .click();
            await page.waitForURL(
              (url) => url.searchParams.get('level') === 'store',
            );
            await chart.waitFor();

            await page.reload();
            await page.locator('sc-forecast-chart canvas').first().waitFor();
            assert.match(
              await page
                .getByRole('combobox', { name: 'Store', exact: true })
                .innerText(),
              /\(S001\)/,
            );

            await page
              .getByRole('button', { name: 'Switch to dark theme' })
              .click();
            await settle(page);
            await screenshot(page, 'forecasts-trained-dark');
            assertClean(watch);
          })
        : t.skip('no training API in this build'));

    test('the hierarchy level selector changes the chart; the chain total equals the sum of its stores', (t) =>
      trained
        ? withPage('forecasts-levels', {}, async (page, watch) => {
            await openApp(page, '/forecasts');
            const levels = page.locator('[data-testid="forecast-levels"]');
            const chart = levels.locator('sc-forecast-chart [role="img"]');
            await levels.locator('sc-forecast-chart canvas').waitFor();
            const kpi = (id: string) =>
              levels.locator(`[data-testid="${id}"] .kpi__value`).innerText();
            const chainLabel = await chart.getAttribute('aria-label');
            const chainTotal = (await kpi('level-total')).trim();
            // The chain's card lists the sum of its stores next to its own total: equal.
            assert.equal(
              (await kpi('level-children-total')).trim(),
              chainTotal,
            );

            // The same from the API: the chain's P50 is the sum of every store's P50.
            const p50Total = (r: LevelForecastDto) =>
              r.forecast.reduce((s, f) => s + f.p50, 0);
            const chain = await api.get<LevelForecastDto>(
              '/forecasts/levels?level=chain',
            );
            const storeNodes = (
              await api.get<LevelForecastDto>('/forecasts/levels?level=store')
            ).nodes;
            let storeSum = 0;
            for (const n of storeNodes)
              storeSum += p50Total(
                await api.get<LevelForecastDto>(
                  `/forecasts/levels?level=store&key=${encodeURIComponent(n.key)}`,
                ),
              );
            assert.ok(
              Math.abs(p50Total(chain) - storeSum) <= 1e-9 * p50Total(chain),
              `chain ${p50Total(chain)} = stores ${storeSum}`,
            );
            assert.equal(chainTotal, units(p50Total(chain)));

            await levels
              .getByRole('radio', { name: 'Store', exact: true })
              .or(levels.getByRole('button', { name: 'Store', exact: true }))
              .first()
              .click();
            await page.waitForFunction(
              (label) =>
                document
                  .querySelector(
                    '[data-testid="forecast-levels"] sc-forecast-chart [role="img"]',
                  )
                  ?.getAttribute('aria-label') !== label,
              chainLabel,
            );
            const first = await api.get<LevelForecastDto>(
              `/forecasts/levels?level=store&key=${encodeURIComponent(storeNodes[0].key)}`,
            );
            assert.match(
              (await chart.getAttribute('aria-label')) ?? '',
              new RegExp(storeNodes[0].key),
            );
            assert.equal(
              (await kpi('level-total')).trim(),
              units(p50Total(first)),
            );
            assert.notEqual((await kpi('level-total')).trim(), chainTotal);
            assertClean(watch);
          })
        : t.skip('no training API in this build'));

    test('the models page names the champion and lists the promoted run', async (t) => {
      if (!trained) {
        t.skip('no training API in this build');
        return;
      }
      await withPage('models-trained', {}, async (page, watch) => {
        await openApp(page, '/models');
        const champion = page.getByRole('heading', {
          name: 'Serving model (champion)',
        });
        if ((await page.locator('main sc-empty-state').count()) > 0) {
          t.skip('this build has no models page yet (empty state)');
          return;
        }
        await champion.waitFor();
        const runs = page.locator('table.runs tbody tr');
        await runs.first().waitFor();
        assert.match(await runs.first().innerText(), /Promoted/);
        await settle(page);
        await screenshot(page, 'models-trained-light');
        assertClean(watch);
      });
    });

    test('a planner approves a replenishment recommendation on the inventory page', async (t) => {
      const probe = trained
        ? await fetch(`${server.baseUrl}/api/recommendations?limit=1`)
        : null;
      if (!probe || probe.status === 404) {
        t.skip('no training or recommendations API in this build');
        return;
      }
      // Recommendations are generated in the background after the run is promoted.
      const deadline = Date.now() + 60_000;
      while (
        !(
          await api.get<PageDto<RecommendationDto>>(
            '/recommendations?status=pending&limit=1',
          )
        ).items.length
      ) {
        assert.ok(Date.now() < deadline, 'recommendations were generated');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }

      let noUi = false;
      await withPage('approve', {}, async (page, watch) => {
        await openApp(page, '/inventory');
        const approve = page
          .getByRole('button', { name: /^Approve \S+ at \S+$/ })
          .first();
        await approve.or(page.locator('main sc-empty-state')).first().waitFor();
        if (!(await approve.count())) {
          noUi = true;
          return;
        }
        const approvedBefore = (
          await api.get<PageDto<RecommendationDto>>(
            '/recommendations?status=approved&limit=1',
          )
        ).total;
        await approve.click();
        await page.locator('.pill[data-status="approved"]').first().waitFor();
        const approvedAfter = (
          await api.get<PageDto<RecommendationDto>>(
            '/recommendations?status=approved&limit=1',
          )
        ).total;
        assert.equal(approvedAfter, approvedBefore + 1, 'one line approved');
        await settle(page);
        await screenshot(page, 'inventory-approved-light');
        assertClean(watch);
      });
      if (noUi) {
        t.skip('this build has no recommendations UI on the inventory page');
      }
    });

    test('the overview shows forecast, accuracy and inventory KPIs that link to their pages', async (t) => {
      if (!trained) {
        t.skip('no training API in this build');
        return;
      }
      const overview = await api.get<OverviewDto>('/overview');
      assert.ok(overview.forecast7 && overview.forecast7.coveredDays > 0);
      assert.notEqual(overview.accuracy.wape, null, 'the champion has a WAPE');
      await withPage('overview-trained', {}, async (page, watch) => {
        await openApp(page, '/overview');
        await page.locator('a[data-kpi="forecast7"] .kpi__value').waitFor();
        assert.equal(
          await kpiValue(page, 'Forecast units, next 7 days'),
          units(overview.forecast7?.units ?? 0),
        );
        assert.match(
          await kpiValue(page, 'Forecast error (WAPE), last 4 weeks'),
          /^\d+(\.\d)?%$/,
        );
        // Demo data: every run ends with the data, so the accuracy is the champion's backtest.
        assert.match(
          await page.locator('a[data-kpi="accuracy"]').innerText(),
          overview.accuracy.source === 'served'
            ? /forecasts served then/
            : /backtest/,
        );
        assert.equal(
          await kpiValue(page, 'Items at stock-out risk'),
          number(overview.inventory.stockoutRisk),
        );
        assert.equal(
          await kpiValue(page, 'Pending approvals'),
          number(overview.inventory.pendingApprovals),
        );
        await settle(page);
        await screenshot(page, 'overview-trained-light');

        // A store's figures come from the URL, and its KPIs open the page filtered to it.
        await openApp(page, '/overview?scope=store&key=S001');
        await page.locator('a[data-kpi="pending"] .kpi__value').waitFor();
        await page.locator('a[data-kpi="pending"]').click();
        await page.waitForURL(
          (url) =>
            url.pathname === '/inventory' &&
            url.searchParams.get('status') === 'pending' &&
            url.searchParams.get('store') === 'S001',
        );
        assertClean(watch);
      });
    });
  });
});

let skuCache: string | null = null;
async function someSku(): Promise<string> {
  if (!skuCache) {
    const products = await api.get<PageDto<ProductDto>>('/products?limit=1');
    assert.ok(products.items.length, 'the demo data has products');
    skuCache = products.items[0].sku;
  }
  return skuCache;
}

/** Drops a file on `selector` the way a browser does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(
  page: Page,
  selector: string,
  name: string,
  content: string,
): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'text/csv' }));
      return transfer;
    },
    { name, content },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, type, { dataTransfer });
  }
}
