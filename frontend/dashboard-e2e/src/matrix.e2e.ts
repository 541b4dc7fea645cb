/**
 * The daily workflow in every language × theme × size the issue names (en / zh-CN, light / dark,
 * 1440×900 / 820×1180): each main page fits without sideways scrolling, is in the chosen language
 * (Chinese title, no raw key, no English text that has a translation) and theme (computed
 * background), and the inventory review keeps Approve / Adjust / Reject in view with money in the
 * configured currency. Then, once each: a cancelled run ends "cancelled" while the champion keeps
 * serving, the command palette finds a product, and the CSV export names the currency. One
 * server, one browser and one training run for the whole file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type PageWatch, TABLET } from './support/browser';
import {
  api,
  server,
  startSession,
  stopSession,
  trainFirstModel,
  waitForRecommendations,
  waitForRun as waitForAnyRun,
  withUserPage,
} from './support/session';
import {
  backgroundLuminance,
  i18nKeys,
  inViewport,
  pageWidths,
  translatedEnglishTexts,
} from './support/ui-checks';

const WIDE = { width: 1440, height: 900 } as const;
const PAGES = [
  '/overview',
  '/forecasts',
  '/inventory?status=pending',
  '/affinity',
  '/models',
  '/accuracy',
  '/policy-proof',
  '/data',
  '/reports',
];
const CJK = /[\u3400-\u9fff]/;

interface RunDto {
  id: string;
  status: string;
  serving?: boolean;
}

interface Case {
  zh: boolean;
  dark: boolean;
  viewport: { width: number; height: number };
}
const CASES: Case[] = [];
for (const zh of [false, true])
  for (const dark of [false, true])
    for (const viewport of [WIDE, TABLET]) CASES.push({ zh, dark, viewport });
const label = (c: Case) =>
  `${c.zh ? 'zh-CN' : 'en'}, ${c.dark ? 'dark' : 'light'}, ${c.viewport.width}×${c.viewport.height}`;

/** A signed-in planner page in its own context, in the case's language, theme and size. */
async function withPage(
  name: string,
  c: Case,
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  await withUserPage(
    name,
    {
      viewport: c.viewport,
      storage: {
        'shelfcast.language': c.zh ? 'zh-CN' : 'en',
        'shelfcast.theme': c.dark ? 'dark' : 'light',
      },
    },
    body,
  );
}

/** Waits for the page's heading and for its data calls to finish (at most 5 s). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
  await page
    .waitForLoadState('networkidle', { timeout: 5_000 })
    .catch(() => undefined);
}

const waitForRun = (id: string, timeoutMs: number): Promise<RunDto> =>
  waitForAnyRun<RunDto>(id, timeoutMs, 500);

describe('language × theme × size matrix e2e', () => {
  let champion: RunDto;
  const keys = i18nKeys();
  const english = translatedEnglishTexts();

  before(async () => {
    await startSession();
    champion = await trainFirstModel<RunDto>(600_000, 500);
    await waitForRecommendations(60_000, 500);
  });

  after(stopSession);

  for (const c of CASES)
    test(`every main page fits, speaks the language and wears the theme (${label(c)})`, () =>
      withPage(`matrix-${label(c).replace(/\W+/g, '-')}`, c, async (page) => {
        for (const path of PAGES) {
          await open(page, path);
          const where = `${path} (${label(c)})`;
          const widths = await pageWidths(page);
          assert.ok(
            widths.document <= widths.viewport && widths.content <= 1,
            `${where} scrolls sideways: ${JSON.stringify(widths)}`,
          );
          const luminance = await backgroundLuminance(page);
          assert.ok(
            c.dark ? luminance < 0.2 : luminance > 0.7,
            `${where} background luminance ${luminance.toFixed(2)}`,
          );
          const title = await page.locator('main h1').first().innerText();
          assert.equal(CJK.test(title), c.zh, `${where} title "${title}"`);
          const text = await page.locator('body').innerText();
          const raw = text.match(/\b[a-z][a-zA-Z]+(?:\.[a-zA-Z0-9-]+)+\b/g);
          assert.deepEqual(
            (raw ?? []).filter((w) => keys.has(w)),
            [],
            `${where} shows raw i18n keys`,
          );
          if (c.zh) {
            assert.equal(
              await page.evaluate(() => document.documentElement.lang),
              'zh-CN',
            );
            assert.deepEqual(
              english.filter((s) => text.includes(s)),
              [],
              `${where} shows English texts that have a translation`,
            );
          }
        }
        // The page left open is the inventory review's last check: decisions and money.
        await open(page, '/inventory?status=pending');
        const row = page.locator('tbody tr').first();
        await row.locator('td.mat-column-actions button').first().waitFor();
        for (const [en, zh] of [
          ['Approve', '批准'],
          ['Adjust', '调整'],
          ['Reject', '拒绝'],
        ]) {
          const button = row.locator('td.mat-column-actions button', {
            hasText: c.zh ? zh : en,
          });
          assert.ok(
            await inViewport(page, button),
            `${en} is in view without scrolling (${label(c)})`,
          );
        }
        const money = ['valueAtRisk', 'orderValue', 'excessValue'];
        let shown = 0;
        for (const col of money) {
          const header = page.locator(`th.mat-column-${col}`);
          if (!(await header.count())) continue;
          shown++;
          assert.match(await header.innerText(), /USD/, `${col} header`);
          const cell = await page
            .locator(`td.mat-column-${col}`)
            .first()
            .innerText();
          assert.match(cell, c.zh ? /US\$|—/ : /\$|—/, `${col} cell ${cell}`);
        }
        assert.ok(shown >= 1, 'a money column is shown');
      }));

  test('a cancelled run ends "cancelled" and the previous champion still serves', () =>
    withPage('cancel-run', CASES[0], async (page) => {
      await open(page, '/models');
      page.on('dialog', (dialog) => void dialog.accept());
      const run = await api.post<RunDto>('/training/runs', {});
      const cancel = page.locator('button.cancel-run');
      await cancel.waitFor();
      // Honest progress: the bar and the text show the same whole percentage, read together.
      await page.getByTestId('progress-text').waitFor();
      const progress = await page.evaluate(() => ({
        text:
          document.querySelector('[data-testid="progress-text"]')
            ?.textContent ?? '',
        bar:
          document
            .querySelector('section.live mat-progress-bar')
            ?.getAttribute('aria-valuetext') ?? '',
      }));
      const percent = /(\d+)% of the run/.exec(progress.text)?.[1];
      assert.equal(`${percent}%`, progress.bar, progress.text);
      assert.match(progress.text, /of \d+ series|epoch/);
      assert.match(progress.text, /left|estimating time left/);
      await cancel.click();
      await page.locator('.cancel__done').waitFor();
      const ended = await waitForRun(run.id, 60_000);
      assert.equal(ended.status, 'cancelled');
      assert.equal(ended.serving, false);
      const still = await api.get<RunDto>(`/training/runs/${champion.id}`);
      assert.equal(still.serving, true, 'the champion still serves');
      await open(page, '/models');
      assert.match(await page.locator('main').innerText(), /Cancelled/);
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(champion.id.slice(0, 8)),
      );
    }));

  test('the command palette (Ctrl+K) opens a product forecast by SKU, in Chinese', () =>
    withPage('palette', CASES[5], async (page) => {
      const { items } = await api.get<{ items: { sku: string }[] }>(
        '/products?limit=1',
      );
      await open(page, '/overview');
      await page.keyboard.press('Control+k');
      const input = page.locator('dialog.palette input[type="search"]');
      await input.fill(items[0].sku);
      await page
        .locator('dialog.palette li[role="option"]', { hasText: items[0].sku })
        .first()
        .waitFor();
      assert.match(await page.locator('dialog.palette').innerText(), /商品/);
      await input.press('Enter');
      await page.waitForURL(
        (url) =>
          url.pathname === '/forecasts' &&
          url.searchParams.get('sku') === items[0].sku,
      );
    }));

  test('the recommendations CSV downloaded from the reports page names the currency in every money header', () =>
    withPage('csv-currency', CASES[0], async (page) => {
      await open(page, '/reports');
      await page
        .locator('.report-list button', {
          hasText: 'Recommendations and purchase orders',
        })
        .click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('button[data-format="csv"]').click(),
      ]);
      const path = await download.path();
      assert.ok(path);
      const header = readFileSync(path, 'utf8')
        .split('\n')
        .find((l) => !l.startsWith('#'));
      assert.ok(header);
      const columns = header.trim().split(',');
      for (const money of ['unit_cost', 'order_value', 'excess_value'])
        assert.ok(
          columns.includes(`${money}_usd`),
          `${money}_usd in ${header}`,
        );
      assert.deepEqual(
        columns.filter((h) => /(value|cost|margin)$/.test(h)),
        [],
        'no money header without its currency',
      );
    }));
});
