/**
 * End-to-end tests of the daily workflow: inventory review on a laptop (decision buttons in view,
 * money in the configured currency, keyboard shortcuts, a bulk approval that names what it will
 * do), the forecast explorer's CSV and PNG downloads, and the guided empty states. English and
 * Chinese at 1440×900 and 820×1180, light and dark. Same set-up as dashboard.e2e.ts: the built
 * API serving the built dashboard, Debian's headless Chromium; one training run up front.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  artifactPath,
  type PageWatch,
  TABLET,
  screenshot,
} from './support/browser';
import {
  api,
  server,
  startSession,
  stopSession,
  trainFirstModel,
  waitForRecommendations,
  withUserPage,
} from './support/session';

const WIDE = { width: 1440, height: 900 } as const;

interface PageDto {
  items: { id: number; sku: string; store: string }[];
  total: number;
}

interface LineDto {
  id: number;
  risk: 'stockout' | 'excess' | 'none';
  stockoutDateP50: string | null;
  lostMargin: number | null;
  finalQty: number;
  onHand: number;
}
interface DetailDto extends LineDto {
  projection: {
    date: string | null;
    onHand: number;
    inbound: number;
    recommendedArrival: number;
    forecast: number;
  }[];
  afterOrder: {
    arrivalDate: string;
    nextDeliveryDate: string;
    stockOutDate: string | null;
    reason: string | null;
    leadTimeDays: number;
  };
}

/** Every pending line of the latest run, in pages of 500. */
async function pendingLines(query = ''): Promise<LineDto[]> {
  const out: LineDto[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get<{ items: LineDto[]; total: number }>(
      `/recommendations?status=pending&limit=500&offset=${offset}${query}`,
    );
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
}

/**
 * The first day before the next delivery whose forecast demand the projection with the order
 * cannot serve (the stock at the start of the day plus what arrives is less than the demand),
 * read from the detail's own projection; null when the stock lasts.
 */
function shortBeforeNextDelivery(d: DetailDto): string | null {
  let stock = d.onHand;
  for (const p of d.projection) {
    if (p.date === null || p.date >= d.afterOrder.nextDeliveryDate) break;
    stock += p.inbound + p.recommendedArrival;
    if (p.forecast > stock + 1e-9) return p.date;
    stock = p.onHand;
  }
  return null;
}

interface Case {
  label: string;
  viewport: { width: number; height: number };
  zh: boolean;
  dark: boolean;
}

/** A signed-in planner page in its own context, in the case's language and theme. */
async function withPage(
  name: string,
  c: Case,
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  const storage: Record<string, string> = {};
  if (c.zh) storage['shelfcast.language'] = 'zh-CN';
  if (c.dark) storage['shelfcast.theme'] = 'dark';
  await withUserPage(name, { viewport: c.viewport, storage }, body);
}

const CASES: readonly Case[] = [
  { label: 'English, 1440×900', viewport: WIDE, zh: false, dark: false },
  { label: '中文, 1440×900, dark', viewport: WIDE, zh: true, dark: true },
  {
    label: 'English, tablet 820×1180',
    viewport: TABLET,
    zh: false,
    dark: true,
  },
  { label: '中文, tablet 820×1180', viewport: TABLET, zh: true, dark: false },
];

describe('daily workflow e2e', () => {
  before(startSession);

  after(stopSession);

  test('before the first run, a planner is sent to train the first model', () =>
    withPage('next-step', CASES[0], async (page) => {
      await page.goto(`${server.baseUrl}/forecasts`);
      const link = page
        .locator('main sc-empty-state')
        .getByRole('link', { name: 'Train the first model' });
      assert.equal(await link.getAttribute('href'), '/models');
    }));

  describe('after a training run', () => {
    before(async () => {
      await trainFirstModel(180_000);
      await waitForRecommendations();
    });

    for (const c of CASES) {
      const slug = `${c.zh ? 'zh' : 'en'}-${c.viewport.width}-${c.dark ? 'dark' : 'light'}`;
      const t = (en: string, zh: string) => (c.zh ? zh : en);

      test(`inventory review fits the screen and shows money in USD (${c.label})`, () =>
        withPage(`inventory-${slug}`, c, async (page, watch) => {
          await page.goto(`${server.baseUrl}/inventory?status=pending`);
          const approve = page
            .locator('td.mat-column-actions button')
            .filter({ hasText: t('Approve', '批准') })
            .first();
          await approve.waitFor();
          const header = page.locator('th.mat-column-orderValue');
          assert.match(
            await header.innerText(),
            new RegExp(t('Order value \\(USD\\)', '订货金额（USD）')),
          );
          assert.match(
            await page.locator('td.mat-column-orderValue').first().innerText(),
            c.zh ? /US\$\d/ : /^\$\d/,
          );
          if (c.viewport.width === WIDE.width) {
            // The table, money columns included, fits 1440 px without sideways scrolling.
            const scroller = page.locator('.sc-table-scroll').first();
            const { scrollWidth, clientWidth } = await scroller.evaluate(
              (el) => ({
                scrollWidth: el.scrollWidth,
                clientWidth: el.clientWidth,
              }),
            );
            assert.ok(
              scrollWidth <= clientWidth + 1,
              `table ${scrollWidth} px in ${clientWidth} px`,
            );
            for (const col of ['valueAtRisk', 'orderValue', 'excessValue']) {
              const box = await page
                .locator(`td.mat-column-${col}`)
                .first()
                .boundingBox();
              assert.ok(
                box && box.x >= 0 && box.x + box.width <= WIDE.width,
                `${col} is inside 1440 px: ${JSON.stringify(box)}`,
              );
            }
            // Approve, Adjust and Reject of the first line are in view without scrolling.
            for (const name of [
              t('Approve', '批准'),
              t('Adjust', '调整'),
              t('Reject', '拒绝'),
            ]) {
              const box = await page
                .locator('tbody tr')
                .first()
                .locator('td.mat-column-actions button', { hasText: name })
                .boundingBox();
              assert.ok(box, `${name} is rendered`);
              assert.ok(
                box.x >= 0 &&
                  box.x + box.width <= WIDE.width &&
                  box.y + box.height <= WIDE.height,
                `${name} is inside 1440×900: ${JSON.stringify(box)}`,
              );
            }
          }
          await page.waitForLoadState('networkidle');
          await screenshot(page, `workflow-inventory-${slug}`);
          assert.deepEqual(watch.problems([]), []);
        }));

      test(`the forecast explorer downloads the chart's data as CSV and the chart as PNG (${c.label})`, () =>
        withPage(`forecast-csv-${slug}`, c, async (page, watch) => {
          await page.goto(`${server.baseUrl}/forecasts`);
          await page.locator('sc-forecast-chart canvas').first().waitFor();
          const [csvDownload] = await Promise.all([
            page.waitForEvent('download'),
            page.getByTestId('download-csv').click(),
          ]);
          assert.match(
            csvDownload.suggestedFilename(),
            /^forecast-chain.*\.csv$/,
          );
          const lines = readFileSync(await csvDownload.path(), 'utf8')
            .trim()
            .split('\n');
          assert.equal(lines[0], 'date,actual_units,p10,p50,p90');
          assert.ok(lines.length > 30, `CSV rows: ${lines.length}`);
          assert.ok(
            lines.some((l) => /^\d{4}-\d\d-\d\d,,[\d.]*,[\d.]+,/.test(l)),
            'a forecast day has its P50',
          );
          const [pngDownload] = await Promise.all([
            page.waitForEvent('download'),
            page
              .getByRole('button', {
                name: t('Download chart (PNG)', '下载图表（PNG）'),
              })
              .click(),
          ]);
          const png = readFileSync(await pngDownload.path());
          assert.equal(png.subarray(1, 4).toString(), 'PNG');
          await screenshot(page, `workflow-forecasts-${slug}`);
          assert.deepEqual(watch.problems([]), []);
        }));
    }

    test('the stock-out flag marks only lines the order leaves short before the next delivery', async (t) => {
      const lines = await pendingLines();
      const flagged = lines.filter((l) => l.risk === 'stockout');
      // The former flag: any P50 stock-out within the horizon, without the order.
      const former = lines.filter((l) => l.stockoutDateP50 !== null);
      assert.ok(lines.length > 0);
      assert.ok(
        flagged.every((l) => l.stockoutDateP50 !== null),
        'a line short with the order is short without it',
      );
      assert.ok(
        flagged.length < former.length,
        `flagged ${flagged.length} of ${lines.length}, formerly ${former.length}`,
      );
      t.diagnostic(
        `flagged ${flagged.length} of ${lines.length} pending lines (former flag: ${former.length})`,
      );
      // The property on a sample of both kinds, from each line's own projection.
      const sample = [
        ...flagged.slice(0, 8),
        ...lines.filter((l) => l.risk !== 'stockout').slice(0, 8),
      ];
      for (const line of sample) {
        const d = await api.get<DetailDto>(`/recommendations/${line.id}`);
        const short = shortBeforeNextDelivery(d);
        assert.equal(d.afterOrder.stockOutDate, short, `line ${line.id}`);
        assert.equal(
          line.risk === 'stockout',
          short !== null,
          `line ${line.id}: flag ${line.risk}, short on ${short}`,
        );
        assert.equal(d.afterOrder.reason !== null, short !== null);
      }
    });

    test('the inventory list comes sorted by value at risk, and the projection marks the order', () =>
      withPage('inventory-risk', CASES[0], async (page) => {
        const ranked = await api.get<{ items: LineDto[] }>(
          '/recommendations?limit=50&sort=valueAtRisk&order=desc',
        );
        const margins = ranked.items.map((l) => l.lostMargin ?? -1);
        assert.deepEqual(
          margins,
          [...margins].sort((a, b) => b - a),
        );
        assert.ok(margins[0] > 0, 'some line has a value at risk');
        await page.goto(`${server.baseUrl}/inventory`);
        await page.locator('tbody tr').first().waitFor();
        const shown = await page
          .locator('tbody tr[data-line]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')));
        assert.deepEqual(
          shown,
          ranked.items.map((l) => String(l.id)),
        );
        assert.equal(
          await page
            .locator('th.mat-column-valueAtRisk')
            .getAttribute('aria-sort'),
          'descending',
        );
        // The riskiest line that orders: its projection shows the order's arrival and the reason.
        const line =
          ranked.items.find((l) => l.finalQty > 0) ?? ranked.items[0];
        const detail = await api.get<DetailDto>(`/recommendations/${line.id}`);
        await page.locator(`tr[data-line="${line.id}"] button.link`).click();
        const after = page.getByTestId('after-order');
        await after.waitFor();
        await page.locator('sc-projected-stock-chart canvas').waitFor();
        assert.equal(
          await after.getAttribute('data-arrival'),
          detail.afterOrder.arrivalDate,
        );
        const text = await after.innerText();
        assert.match(text, /arrives on .*\(lead time [\d.]+ days?\)/);
        if (detail.afterOrder.reason === 'lead-time') {
          assert.match(text, /arrives after the stock-out/);
        }
        await page.waitForLoadState('networkidle');
        await page
          .locator('sc-inventory-detail')
          .screenshot({ path: artifactPath('workflow-inventory-projection') });
      }));

    test('a date range clips the chart and the CSV', () =>
      withPage('forecast-range', CASES[0], async (page) => {
        const before = await api.get<{ forecast: { date: string }[] }>(
          '/forecasts/series?level=chain&historyDays=90',
        );
        const first = before.forecast[0]?.date;
        assert.ok(first, 'the chain has a forecast');
        await page.goto(
          `${server.baseUrl}/forecasts?days=90&from=${first}&to=${first}`,
        );
        await page.locator('sc-forecast-chart canvas').first().waitFor();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('download-csv').click(),
        ]);
        const lines = readFileSync(await download.path(), 'utf8')
          .trim()
          .split('\n');
        assert.equal(lines.length, 2, lines.join('\n'));
        assert.ok(lines[1].startsWith(`${first},`));
      }));

    test('keyboard review: j moves down, a approves the line under the cursor', () =>
      withPage('inventory-keys', CASES[0], async (page) => {
        await page.goto(`${server.baseUrl}/inventory?status=pending`);
        await page.locator('tr.cursor').waitFor();
        await page.locator('main h1').click();
        const id = await page
          .locator('tbody tr')
          .nth(1)
          .getAttribute('data-line');
        assert.ok(id, 'a second pending line');
        await page.keyboard.press('j');
        // The cursor outline moves to the second row.
        await page.locator(`tr.cursor[data-line="${id}"]`).waitFor();
        const [response] = await Promise.all([
          page.waitForResponse((r) =>
            r.url().endsWith(`/api/recommendations/${id}/approve`),
          ),
          page.keyboard.press('a'),
        ]);
        assert.equal(response.status(), 200);
        await page.locator('.toolbar .ok', { hasText: /^Approved / }).waitFor();
      }));

    test('bulk approval says how many lines and which filters before it approves', () =>
      withPage('inventory-bulk', CASES[0], async (page) => {
        const pending = await api.get<PageDto>(
          '/recommendations?status=pending&store=S001&limit=1',
        );
        await page.goto(`${server.baseUrl}/inventory?store=S001`);
        await page.locator('tbody tr').first().waitFor();
        await page.getByRole('button', { name: 'Approve all pending' }).click();
        await page
          .locator('.confirm', {
            hasText: `Approve ${pending.total.toLocaleString('en-US')} pending lines matching: Store S001?`,
          })
          .waitFor();
        await page.getByRole('button', { name: 'Cancel' }).click();
        // Nothing was approved by opening the confirmation.
        const after = await api.get<PageDto>(
          '/recommendations?status=pending&store=S001&limit=1',
        );
        assert.equal(after.total, pending.total);
      }));
  });
});
