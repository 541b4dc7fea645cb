/**
 * The set-up every e2e file shares: one API server (fresh SQLite, small demo data), one browser
 * and an API client for the whole file. Each file runs in its own process, so the state here is
 * that file's. Import `server`, `browser` and `api` as they are: they are set by `startSession`.
 */
import assert from 'node:assert/strict';
import type { Browser, Page, ViewportSize } from 'playwright-core';
import { ApiClient } from './api';
import { type PageWatch, launchBrowser, newContext } from './browser';
import { type ApiServer, type DemoUser, startApi } from './server';
import { withSignedInPage } from './signed-in-page';

export let server: ApiServer;
export let browser: Browser;
export let api: ApiClient;

/** The statuses a training run ends in. */
export const RUN_ENDED: readonly string[] = [
  'promoted',
  'rejected',
  'failed',
  'cancelled',
];

export async function startSession(): Promise<void> {
  [server, browser] = await Promise.all([startApi(), launchBrowser()]);
  api = new ApiClient(server);
}

export async function stopSession(): Promise<void> {
  await browser?.close();
  await server?.stop();
}

/** The demo user of this role the API printed at start-up. */
export function demoUser(role: string): DemoUser {
  const user = server.demoUsers().find((u) => u.role === role);
  assert.ok(user, `the API printed a demo ${role}`);
  return user;
}

/**
 * A page in its own browser context (downloads allowed), signed in as the demo user of `role`
 * (default the planner); `storage` is put in localStorage before the dashboard loads (its
 * language and theme). See withSignedInPage.
 */
export async function withUserPage(
  name: string,
  o: {
    viewport: ViewportSize;
    role?: string;
    /** The context's default timeout (default 20 s). */
    timeoutMs?: number;
    storage?: Record<string, string>;
  },
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  const context = await newContext(browser, {
    viewport: o.viewport,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(o.timeoutMs ?? 20_000);
  if (o.storage)
    await context.addInitScript((items) => {
      for (const [key, value] of Object.entries(items))
        localStorage.setItem(key, value);
    }, o.storage);
  await withSignedInPage(
    context,
    name,
    server.baseUrl,
    demoUser(o.role ?? 'planner'),
    body,
  );
}

/** Polls a training run until it ends; fails when it is still going after `timeoutMs`. */
export async function waitForRun<T extends { status: string }>(
  id: string,
  timeoutMs: number,
  pollMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api.get<T>(`/training/runs/${id}`);
    if (RUN_ENDED.includes(run.status)) return run;
    assert.ok(Date.now() < deadline, `training run still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Starts a training run on the demo data and waits for it to end promoted (the first run is). */
export async function trainFirstModel<T extends { id: string; status: string }>(
  timeoutMs: number,
  pollMs = 1000,
): Promise<T> {
  const started = await api.post<T>('/training/runs', {});
  const run = await waitForRun<T>(started.id, timeoutMs, pollMs);
  assert.equal(run.status, 'promoted', 'the first run is promoted');
  return run;
}

/** Waits until the promotion has generated recommendations (a pending line exists). */
export async function waitForRecommendations(
  timeoutMs = 60_000,
  pollMs = 1000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (
    !(
      await api.get<{ items: unknown[] }>(
        '/recommendations?status=pending&limit=1',
      )
    ).items.length
  ) {
    assert.ok(Date.now() < until, 'recommendations were generated');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
