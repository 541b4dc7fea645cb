/**
 * End-to-end test of the Policy proof view on the demo data: the guided empty state before any
 * proof, then — after one training run, whose promotion runs the proof — target against achieved
 * fill rate per store as the API computed it, the skipped lines, an export, a proof started from
 * the page, and a store manager kept to their stores. Same set-up as workflow.e2e.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { login } from './support/api';
import { type PageWatch, screenshot } from './support/browser';
import {
  api,
  demoUser,
  server,
  startSession,
  stopSession,
  trainFirstModel,
  withUserPage,
} from './support/session';

const WIDE = { width: 1440, height: 900 } as const;

interface GroupDto {
  key: string;
  lines: number;
  target: number | null;
  served: { fillRate: number | null };
}
interface ProofDto {
  id: number;
  status: string;
  from: string | null;
  to: string | null;
  byStore: GroupDto[];
  page: { items: { store: string; skipReason: string | null }[] };
}

/** GET as a demo user, tolerating 404 (no proof yet): the status and the body. */
async function getAs<T>(
  role: string,
  path: string,
): Promise<{ status: number; body: T | null }> {
  const { accessToken } = await login(server.baseUrl, demoUser(role));
  const res = await fetch(`${server.baseUrl}/api${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return {
    status: res.status,
    body: res.ok ? ((await res.json()) as T) : null,
  };
}

async function withPage(
  name: string,
  role: string,
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  await withUserPage(name, { viewport: WIDE, role }, body);
}

/** The percentage the page prints for a fraction (en-US, one decimal). */
const percent = (v: number | null) =>
  v === null
    ? '–'
    : new Intl.NumberFormat('en-US', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(v);

describe('policy proof e2e', () => {
  before(startSession);

  after(stopSession);

  test('before any proof, the view explains what a proof is and offers to run one', () =>
    withPage('proof-empty', 'planner', async (page, watch) => {
      await page.getByRole('link', { name: 'Policy proof' }).click();
      await page.waitForURL(/\/policy-proof$/);
      const empty = page.getByTestId('proof-empty');
      await empty.getByText('No policy proof yet').waitFor();
      await empty.getByRole('button', { name: 'Run proof now' }).waitFor();
      // A 404 is the empty state here, not a failure.
      assert.deepEqual(
        watch.problems([
          { method: 'GET', path: /^\/api\/policy-proof$/, status: 404 },
        ]),
        [],
      );
    }));

  describe('after a promoted training run', () => {
    let proof: ProofDto;

    before(async () => {
      const deadline = Date.now() + 240_000;
      await trainFirstModel(240_000);
      // The promotion generates the recommendations, then proves them.
      for (;;) {
        const res = await getAs<ProofDto>('planner', '/policy-proof');
        if (res.body) {
          proof = res.body;
          break;
        }
        assert.ok(Date.now() < deadline + 60_000, 'a proof finished');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });

    test('shows target against achieved fill rate for every store', () =>
      withPage('proof-stores', 'planner', async (page, watch) => {
        await page.goto(`${server.baseUrl}/policy-proof`);
        const byStore = page.getByTestId('proof-by-store');
        await byStore.locator('tbody tr').first().waitFor();
        const stores = await api.get<{ code: string }[]>('/stores');
        assert.deepEqual(
          proof.byStore.map((g) => g.key).sort(),
          stores.map((s) => s.code).sort(),
        );
        assert.ok(
          proof.byStore.some((g) => g.lines > 0),
          'the demo data replays lines',
        );
        for (const g of proof.byStore) {
          const row = byStore.locator(`tr[data-key="${g.key}"]`);
          assert.equal(
            (await row.locator('[data-col="target"]').innerText()).trim(),
            percent(g.target),
          );
          assert.equal(
            (await row.locator('[data-col="achieved"]').innerText()).trim(),
            percent(g.served.fillRate),
          );
        }
        await byStore.locator('sc-bar-chart canvas').waitFor();
        const period = await page.getByTestId('proof-period').innerText();
        assert.ok(proof.from && period.includes(proof.from), period);
        assert.match(
          await page.getByTestId('proof-assumptions').innerText(),
          /lower bound/,
        );
        const skipped = proof.page.items.filter((l) => l.skipReason).length;
        assert.equal(
          await page.getByTestId('proof-skipped').locator('tbody tr').count(),
          skipped,
        );
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('proof-export-xlsx').click(),
        ]);
        assert.equal(download.suggestedFilename(), 'policy-proof.xlsx');
        await screenshot(page, 'policy-proof-en-1440-light');
        assert.deepEqual(watch.problems([]), []);
      }));

    test('a planner runs a new proof from the page', () =>
      withPage('proof-run', 'planner', async (page) => {
        await page.goto(`${server.baseUrl}/policy-proof`);
        const run = page.getByTestId('proof-run');
        await run.waitFor();
        await run.click();
        await page
          .getByTestId('proof-run')
          .filter({ hasText: 'Run proof now' })
          .waitFor({ timeout: 60_000 });
        const latest = await getAs<ProofDto>('planner', '/policy-proof');
        assert.ok(
          latest.body && latest.body.id > proof.id,
          'a newer proof finished',
        );
      }));

    test('a store manager sees their stores only', () =>
      withPage('proof-manager', 'store_manager', async (page) => {
        const own = demoUser('store_manager').storeCodes;
        await page.goto(`${server.baseUrl}/policy-proof`);
        const rows = page.getByTestId('proof-by-store').locator('tbody tr');
        await rows.first().waitFor();
        const keys = await rows.evaluateAll((trs) =>
          trs.map((tr) => tr.getAttribute('data-key')),
        );
        assert.deepEqual(keys.sort(), [...own].sort());
        assert.equal(await page.getByTestId('proof-run').count(), 0);
      }));
  });
});
