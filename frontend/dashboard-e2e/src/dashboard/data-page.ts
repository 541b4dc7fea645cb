/** The data page (filters, imports) and the tablet layout. Registered by dashboard.e2e.ts in its run order. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TABLET, screenshot } from '../support/browser';
import {
  api,
  withPage,
  openApp,
  settle,
  assertClean,
  texts,
  number,
  someSku,
  dropFile,
} from '../support/dashboard-session';
import type { FreshnessDto } from './dtos';

export function dataPageTests(): void {
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
}
