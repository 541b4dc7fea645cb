/**
 * End-to-end test of the reconciled forecasts by level on the demo data, after one promoted
 * training run: picking a level and a node in the forecasts explorer changes the chart to that
 * node, the accuracy at the level is shown beside the picker as the API computed it, and the
 * numbers add up (the node's P50 is the sum of its children's, in the API answer and in the CSV the
 * page downloads). Same set-up as policy-proof.e2e.ts.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type PageWatch, screenshot } from './support/browser';
import { pickLevel } from './support/forecast-levels';
import {
  api,
  server,
  startSession,
  stopSession,
  trainFirstModel,
  withUserPage,
} from './support/session';

const WIDE = { width: 1440, height: 900 } as const;

/** GET /api/forecasts/levels (the fields asserted on). */
interface LevelDto {
  level: string;
  key: string;
  nodes: { key: string; label: string }[];
  childLevel: string | null;
  children: { key: string; p50: number[] }[];
  forecast: { date: string; p50: number }[];
  accuracy: {
    mase: number | null;
    baseMase: number | null;
    coverage: number | null;
  } | null;
}

async function withPage(
  name: string,
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  await withUserPage(name, { viewport: WIDE, timeoutMs: 30_000 }, body);
}

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** en-US with the given fraction digits, as the page's scNumber pipe prints it. */
const num = (v: number, digits: number) =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits });

describe('forecast levels e2e', () => {
  before(async () => {
    await startSession();
    // Generous: the shared machine is loaded, and the run backtests every demo series.
    await trainFirstModel(900_000);
  });

  after(stopSession);

  test('the level selector changes the chart, shows the accuracy, and the numbers add up', () =>
    withPage('levels-category-store', async (page, watch) => {
      await page.goto(`${server.baseUrl}/forecasts`);
      const card = page.getByTestId('forecast-levels');
      const chart = card.locator('sc-forecast-chart [role="img"]');
      await card.locator('sc-forecast-chart canvas').waitFor();
      const chainLabel = await chart.getAttribute('aria-label');

      // Category × store: the chart switches to the level's first node.
      await pickLevel(page, card, 'Category × store', chainLabel);
      const nodes = (
        await api.get<LevelDto>('/forecasts/levels?level=categoryStore')
      ).nodes;
      assert.ok(nodes.length > 1, 'the demo data has category × store nodes');
      assert.match((await chart.getAttribute('aria-label')) ?? '', /·/);

      // Pick the second node: the chart and the total follow it.
      const target = nodes[1];
      await card.getByTestId('hierarchy-node').click();
      await page
        .getByRole('option', { name: `${target.label} (${target.key})` })
        .click();
      await page.waitForFunction(
        (key) =>
          document
            .querySelector(
              '[data-testid="forecast-levels"] sc-forecast-chart [role="img"]',
            )
            ?.getAttribute('aria-label')
            ?.includes(key) ?? false,
        target.key,
      );
      const node = await api.get<LevelDto>(
        `/forecasts/levels?level=categoryStore&key=${encodeURIComponent(target.key)}`,
      );
      const total = node.forecast.reduce((s, f) => s + f.p50, 0);
      const kpi = (id: string) =>
        card.locator(`[data-testid="${id}"] .kpi__value`).innerText();
      assert.equal((await kpi('level-total')).trim(), num(total, 0));
      assert.equal((await kpi('level-children-total')).trim(), num(total, 0));

      // Its children (product × store) add up to it, date by date, in the API answer…
      assert.equal(node.childLevel, 'productStore');
      assert.ok(node.children.length > 0);
      node.forecast.forEach((f, t) =>
        assert.ok(
          close(
            f.p50,
            node.children.reduce((s, c) => s + c.p50[t], 0),
          ),
          `${f.date}: ${f.p50} = sum of its products`,
        ),
      );
      for (const c of node.children) {
        const child = await api.get<LevelDto>(
          `/forecasts/levels?level=productStore&key=${encodeURIComponent(c.key)}`,
        );
        assert.deepEqual(
          child.forecast.map((f) => f.p50),
          c.p50,
        );
      }

      // … the accuracy at this level is shown as the API serves it …
      const acc = node.accuracy;
      assert.ok(acc && acc.mase !== null && acc.baseMase !== null);
      assert.equal(
        (await card.getByTestId('level-accuracy').innerText()).trim(),
        `Accuracy at this level: MASE ${num(acc.mase, 2)} (base ${num(acc.baseMase, 2)}), P10–P90 coverage ${num((acc.coverage ?? 0) * 100, 0)}%`,
      );

      // … and in the level's CSV the page downloads, its store's categories add up to the store.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByTestId('download-level-csv').click(),
      ]);
      assert.equal(
        download.suggestedFilename(),
        'forecast-level-categoryStore.csv',
      );
      const csv = await readFile(await download.path(), 'utf8');
      const [header, ...lines] = csv.trim().split(/\r?\n/);
      assert.equal(header, 'level,key,label,date,p10,p50,p90');
      const storeCode = target.key.slice(0, target.key.lastIndexOf('|'));
      const perDate = new Map<string, number>();
      for (const line of lines) {
        const f = line.split(',');
        if (!f[1].startsWith(`${storeCode}|`)) continue;
        perDate.set(f[3], (perDate.get(f[3]) ?? 0) + Number(f[5]));
      }
      const store = await api.get<LevelDto>(
        `/forecasts/levels?level=store&key=${encodeURIComponent(storeCode)}`,
      );
      assert.equal(store.childLevel, 'categoryStore');
      for (const f of store.forecast)
        assert.ok(
          close(f.p50, perDate.get(f.date) ?? NaN),
          `${storeCode} ${f.date}: ${f.p50} = its categories in the CSV`,
        );
      await screenshot(page, 'levels-category-store-en-1440-light');
      assert.deepEqual(watch.problems([]), []);
    }));
});
