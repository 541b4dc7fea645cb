import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, PageWatch } from './browser';

/**
 * Signs `user` in through the login form on a new page of `context`, waits for the first page's
 * heading and runs `body`; a failure keeps a full-page screenshot `failure-<name>`. The context is
 * closed afterwards either way.
 */
export async function withSignedInPage(
  context: BrowserContext,
  name: string,
  baseUrl: string,
  user: { email: string; password: string },
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  const page = await context.newPage();
  const watch = new PageWatch(page);
  try {
    await page.goto(`${baseUrl}/login`);
    await page.locator('input[type="email"]').fill(user.email);
    await page.locator('input[type="password"]').fill(user.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.locator('main h1').first().waitFor();
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
