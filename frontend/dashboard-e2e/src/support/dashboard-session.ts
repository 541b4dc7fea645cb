/**
 * The state and helpers the dashboard e2e topics share: one API server (fresh SQLite, small demo
 * data) and one browser for the whole run, started by dashboard.e2e.ts.
 */
import assert from 'node:assert/strict';
import type { BrowserContextOptions, Page } from 'playwright-core';
import {
  type ExpectedFailure,
  PageWatch,
  artifactPath,
  newContext,
} from './browser';
import type { DemoUser } from './server';
import {
  api,
  browser,
  demoUser,
  server,
  startSession as startServerAndBrowser,
} from './session';
import type { PageDto, ProductDto } from '../dashboard/dtos';

export { api, browser, demoUser, server, stopSession } from './session';
/** The API refuses data calls without a token: every page needs a signed-in user. */
export let authOn = false;

export async function startSession(): Promise<void> {
  await startServerAndBrowser();
  const probe = await fetch(`${server.baseUrl}/api/data/freshness`);
  authOn = probe.status === 401;
}

/** Signs in on the login page and waits for the page it leads to. */
export async function signIn(
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
export async function withPage(
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
export async function openApp(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
}

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

export function assertClean(
  watch: PageWatch,
  expected: readonly ExpectedFailure[] = [],
): void {
  assert.deepEqual(watch.problems(expected), []);
}

export async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((t) => t.trim());
}

/** The KPI card with this label, e.g. "Stores". */
export function kpiValue(page: Page, label: string): Promise<string> {
  return page
    .locator(`sc-kpi-card section[aria-label="${label}"] .kpi__value`)
    .innerText();
}

export const number = (n: number): string => n.toLocaleString('en-US');
/** As the dashboard's scNumber pipe formats with a maximum of `digits` fraction digits. */
export const fixed = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits });
export const units = (n: number): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: 0 });

let skuCache: string | null = null;
export async function someSku(): Promise<string> {
  if (!skuCache) {
    const products = await api.get<PageDto<ProductDto>>('/products?limit=1');
    assert.ok(products.items.length, 'the demo data has products');
    skuCache = products.items[0].sku;
  }
  return skuCache;
}

/** Drops a file on `selector` the way a browser does: dragenter, dragover, drop with a DataTransfer. */
export async function dropFile(
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
