/**
 * The built dashboard served over plain HTTP under a host name other than localhost, as on a
 * company network (http://shelfcast.test:<port>; Chromium resolves the name to 127.0.0.1). Helmet's
 * defaults (HSTS, CSP upgrade-insecure-requests) made the browser fetch every script over https
 * there: a white page. Run: `node -r ./backend/tools/register.js --test-reporter=spec
 * frontend/dashboard-e2e/src/plain-http.e2e.ts` with dist/ built (the e2e target runs it too).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  PageWatch,
  artifactPath,
  newContext,
} from './support/browser';
import { type ApiServer, startApi } from './support/server';

const HOST = 'shelfcast.test';

let server: ApiServer;
let browser: Browser;

before(async () => {
  server = await startApi({ stores: 2, products: 5, days: 60 });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      // Chromium's own "HTTPS-Upgrades" tries https first for typed navigations to any host and
      // falls back; off, so that every https request this test sees would come from the app.
      '--disable-features=HttpsUpgrades',
    ],
    headless: true,
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the login page loads over plain HTTP from a non-localhost host name, and signing in works', async () => {
  const base = `http://${HOST}:${new URL(server.baseUrl).port}`;
  const context = await newContext(browser);
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const watch = new PageWatch(page);
  const https: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith('https:')) https.push(request.url());
  });
  try {
    const response = await page.goto(`${base}/overview`);
    assert.ok(response, 'the dashboard answered');
    assert.equal(response.status(), 200);
    const headers = response.headers();
    assert.equal(headers['strict-transport-security'], undefined);
    assert.doesNotMatch(
      headers['content-security-policy'] ?? '',
      /upgrade-insecure-requests/,
    );

    // Not signed in: the app's scripts ran and sent us to the login form.
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email').waitFor({ state: 'visible' });
    assert.ok(await page.getByLabel('Password').isVisible());
    assert.ok(await page.getByRole('button', { name: 'Sign in' }).isVisible());

    // The refresh cookie is not Secure on plain HTTP, so a reload keeps the session.
    const planner = server.demoUsers().find((u) => u.role === 'planner');
    assert.ok(planner, 'the API printed a demo planner');
    await page.getByLabel('Email').fill(planner.email);
    await page.getByLabel('Password').fill(planner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/overview');
    await page.locator('main h1').first().waitFor();
    await page.reload();
    await page.locator('main h1').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/overview');

    assert.deepEqual(https, []);
    assert.deepEqual(watch.problems(), []);
  } catch (error) {
    await page
      .screenshot({ path: artifactPath('failure-plain-http'), fullPage: true })
      .catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});
