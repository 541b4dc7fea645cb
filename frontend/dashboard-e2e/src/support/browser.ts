/**
 * Debian's Chromium through playwright-core (no downloaded browser), and a watcher that collects
 * what a person would call a broken page: console errors, uncaught exceptions, failed API calls.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  chromium,
} from 'playwright-core';
import { ARTIFACTS_DIR } from './paths';

export const CHROMIUM_PATH =
  process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** playwright-core gives every launch a fresh temporary profile (user-data-dir) and removes it on close. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export const DESKTOP = { width: 1366, height: 900 } as const;
export const TABLET = { width: 820, height: 1180 } as const;

export function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...options,
  });
}

/** An API response or request failure the test expects (e.g. the 422 of a rejected CSV). */
export interface ExpectedFailure {
  method: string;
  path: RegExp;
  status?: number;
}

interface ApiFailure {
  method: string;
  url: string;
  path: string;
  status: number | null;
  reason: string;
}

/** Collects console errors, page errors and failed `/api` requests of one page. */
export class PageWatch {
  private readonly consoleErrors: { text: string; url: string }[] = [];
  private readonly pageErrors: string[] = [];
  private readonly apiFailures: ApiFailure[] = [];

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        this.consoleErrors.push({
          text: message.text(),
          url: message.location().url,
        });
      }
    });
    page.on('pageerror', (error) => this.pageErrors.push(String(error)));
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/api/') && response.status() >= 400) {
        this.apiFailures.push({
          method: response.request().method(),
          url: response.url(),
          path: url.pathname,
          status: response.status(),
          reason: response.statusText(),
        });
      }
    });
    page.on('requestfailed', (request) => {
      const url = new URL(request.url());
      const reason = request.failure()?.errorText ?? 'failed';
      // Cancelled by the page itself (leaving a page unsubscribes its loads, an event stream is
      // closed): not a failure of the API.
      const aborted = reason.includes('ERR_ABORTED');
      if (url.pathname.startsWith('/api/') && !aborted) {
        this.apiFailures.push({
          method: request.method(),
          url: request.url(),
          path: url.pathname,
          status: null,
          reason,
        });
      }
    });
  }

  /** Everything that went wrong, except the failures the test expects. Empty means clean. */
  problems(expected: readonly ExpectedFailure[] = []): string[] {
    const isExpected = (f: ApiFailure): boolean =>
      expected.some(
        (e) =>
          e.method === f.method &&
          e.path.test(f.path) &&
          (e.status === undefined || e.status === f.status),
      );
    const unexpected = this.apiFailures.filter((f) => !isExpected(f));
    const expectedUrls = new Set(
      this.apiFailures.filter(isExpected).map((f) => f.url),
    );
    return [
      ...this.pageErrors.map((e) => `page error: ${e}`),
      ...this.consoleErrors
        // Chromium logs every 4xx/5xx response as a console error; keep only the unexpected ones.
        .filter(
          (c) =>
            !(
              c.text.startsWith('Failed to load resource') &&
              expectedUrls.has(c.url)
            ),
        )
        .map((c) => `console error: ${c.text}${c.url ? ` (${c.url})` : ''}`),
      ...unexpected.map(
        (f) => `API ${f.method} ${f.path}: ${f.status ?? ''} ${f.reason}`,
      ),
    ];
  }
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${name}.png`);
}

/**
 * Waits until every chart canvas has stopped changing (ECharts animates a (re)drawn chart), so a
 * screenshot never catches a chart half drawn. Gives up quietly after about 5 s.
 */
export async function chartsSettled(page: Page): Promise<void> {
  let previous = '';
  for (let i = 0; i < 25; i++) {
    const current = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas'))
        .map((c) => {
          const data = c.toDataURL();
          let hash = 2_166_136_261;
          for (let k = 0; k < data.length; k++) {
            hash = Math.imul(hash ^ data.charCodeAt(k), 16_777_619);
          }
          return `${data.length}:${hash >>> 0}`;
        })
        .join('|'),
    );
    if (current === previous) {
      return;
    }
    previous = current;
    await page.waitForTimeout(250);
  }
}

/**
 * Full-page screenshot. The app shell is one viewport high and scrolls inside
 * `mat-sidenav-content`, so the viewport is grown to the content's height for the capture.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await chartsSettled(page);
  const viewport = page.viewportSize();
  const needed = await page.evaluate(() => {
    const toolbar = document.querySelector('mat-toolbar');
    const content = document.querySelector('mat-sidenav-content');
    return Math.ceil(
      (toolbar?.getBoundingClientRect().height ?? 0) +
        (content?.scrollHeight ?? 0),
    );
  });
  if (viewport && needed > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: needed });
    await page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => r())),
    );
  }
  await page.screenshot({ path: artifactPath(name), fullPage: true });
  if (viewport && needed > viewport.height) {
    await page.setViewportSize(viewport);
  }
}
