/** Forecasts, inventory and models once a training run has finished. Registered by dashboard.e2e.ts in its run order. */
import assert from 'node:assert/strict';
import { describe, test, before } from 'node:test';
import { screenshot } from '../support/browser';
import { pickLevel } from '../support/forecast-levels';
import {
  server,
  api,
  withPage,
  openApp,
  settle,
  assertClean,
  kpiValue,
  number,
  units,
} from '../support/dashboard-session';
import type {
  LevelForecastDto,
  PageDto,
  RecommendationDto,
  OverviewDto,
} from './dtos';
import { trainFirstModel } from '../support/session';

export function afterTrainingTests(): void {
  describe('after a training run', () => {
    let trained = false;

    before(async () => {
      // Only where the training API exists (it answers 404 before).
      const probe = await fetch(`${server.baseUrl}/api/training/runs`);
      if (probe.status === 404) {
        return;
      }
      await trainFirstModel(180_000);
      trained = true;
    });

    test('the chain forecast chart renders; store and level are kept in the URL', (t) =>
      trained
        ? withPage('forecasts-trained', {}, async (page, watch) => {
            await openApp(page, '/forecasts');
            const chart = page.locator('sc-forecast-chart canvas').first();
            await chart.waitFor();
            const box = await chart.boundingBox();
            assert.ok(box && box.width > 300 && box.height > 200, 'chart size');
            assert.notEqual(
              (await kpiValue(page, 'Model')).trim(),
              '–',
              'the model that made the forecast is named',
            );
            await settle(page);
            await screenshot(page, 'forecasts-trained-light');

            await page
              .getByRole('combobox', { name: 'Store', exact: true })
              .click();
            await page.getByRole('option', { name: /\(S001\)$/ }).click();
            await page.waitForURL(
              (url) => url.searchParams.get('store') === 'S001',
            );
            await page
              .getByRole('radio', { name: 'Store (all products)' })
              .or(page.getByRole('button', { name: 'Store (all products)' }))
              .first()
              .click();
            await page.waitForURL(
              (url) => url.searchParams.get('level') === 'store',
            );
            await chart.waitFor();

            await page.reload();
            await page.locator('sc-forecast-chart canvas').first().waitFor();
            assert.match(
              await page
                .getByRole('combobox', { name: 'Store', exact: true })
                .innerText(),
              /\(S001\)/,
            );

            await page
              .getByRole('button', { name: 'Switch to dark theme' })
              .click();
            await settle(page);
            await screenshot(page, 'forecasts-trained-dark');
            assertClean(watch);
          })
        : t.skip('no training API in this build'));

    test('the hierarchy level selector changes the chart; the chain total equals the sum of its stores', (t) =>
      trained
        ? withPage('forecasts-levels', {}, async (page, watch) => {
            await openApp(page, '/forecasts');
            const levels = page.locator('[data-testid="forecast-levels"]');
            const chart = levels.locator('sc-forecast-chart [role="img"]');
            await levels.locator('sc-forecast-chart canvas').waitFor();
            const kpi = (id: string) =>
              levels.locator(`[data-testid="${id}"] .kpi__value`).innerText();
            const chainLabel = await chart.getAttribute('aria-label');
            const chainTotal = (await kpi('level-total')).trim();
            // The chain's card lists the sum of its stores next to its own total: equal.
            assert.equal(
              (await kpi('level-children-total')).trim(),
              chainTotal,
            );

            // The same from the API: the chain's P50 is the sum of every store's P50.
            const p50Total = (r: LevelForecastDto) =>
              r.forecast.reduce((s, f) => s + f.p50, 0);
            const chain = await api.get<LevelForecastDto>(
              '/forecasts/levels?level=chain',
            );
            const storeNodes = (
              await api.get<LevelForecastDto>('/forecasts/levels?level=store')
            ).nodes;
            let storeSum = 0;
            for (const n of storeNodes)
              storeSum += p50Total(
                await api.get<LevelForecastDto>(
                  `/forecasts/levels?level=store&key=${encodeURIComponent(n.key)}`,
                ),
              );
            assert.ok(
              Math.abs(p50Total(chain) - storeSum) <= 1e-9 * p50Total(chain),
              `chain ${p50Total(chain)} = stores ${storeSum}`,
            );
            assert.equal(chainTotal, units(p50Total(chain)));

            await pickLevel(page, levels, 'Store', chainLabel);
            const first = await api.get<LevelForecastDto>(
              `/forecasts/levels?level=store&key=${encodeURIComponent(storeNodes[0].key)}`,
            );
            assert.match(
              (await chart.getAttribute('aria-label')) ?? '',
              new RegExp(storeNodes[0].key),
            );
            assert.equal(
              (await kpi('level-total')).trim(),
              units(p50Total(first)),
            );
            assert.notEqual((await kpi('level-total')).trim(), chainTotal);
            assertClean(watch);
          })
        : t.skip('no training API in this build'));

    test('the models page names the champion and lists the promoted run', async (t) => {
      if (!trained) {
        t.skip('no training API in this build');
        return;
      }
      await withPage('models-trained', {}, async (page, watch) => {
        await openApp(page, '/models');
        const champion = page.getByRole('heading', {
          name: 'Serving model (champion)',
        });
        if ((await page.locator('main sc-empty-state').count()) > 0) {
          t.skip('this build has no models page yet (empty state)');
          return;
        }
        await champion.waitFor();
        const runs = page.locator('table.runs tbody tr');
        await runs.first().waitFor();
        assert.match(await runs.first().innerText(), /Promoted/);
        await settle(page);
        await screenshot(page, 'models-trained-light');
        assertClean(watch);
      });
    });

    test('a planner approves a replenishment recommendation on the inventory page', async (t) => {
      const probe = trained
        ? await fetch(`${server.baseUrl}/api/recommendations?limit=1`)
        : null;
      if (!probe || probe.status === 404) {
        t.skip('no training or recommendations API in this build');
        return;
      }
      // Recommendations are generated in the background after the run is promoted.
      const deadline = Date.now() + 60_000;
      while (
        !(
          await api.get<PageDto<RecommendationDto>>(
            '/recommendations?status=pending&limit=1',
          )
        ).items.length
      ) {
        assert.ok(Date.now() < deadline, 'recommendations were generated');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }

      let noUi = false;
      await withPage('approve', {}, async (page, watch) => {
        await openApp(page, '/inventory');
        const approve = page
          .getByRole('button', { name: /^Approve \S+ at \S+$/ })
          .first();
        await approve.or(page.locator('main sc-empty-state')).first().waitFor();
        if (!(await approve.count())) {
          noUi = true;
          return;
        }
        const approvedBefore = (
          await api.get<PageDto<RecommendationDto>>(
            '/recommendations?status=approved&limit=1',
          )
        ).total;
        await approve.click();
        await page.locator('.pill[data-status="approved"]').first().waitFor();
        const approvedAfter = (
          await api.get<PageDto<RecommendationDto>>(
            '/recommendations?status=approved&limit=1',
          )
        ).total;
        assert.equal(approvedAfter, approvedBefore + 1, 'one line approved');
        await settle(page);
        await screenshot(page, 'inventory-approved-light');
        assertClean(watch);
      });
      if (noUi) {
        t.skip('this build has no recommendations UI on the inventory page');
      }
    });

    test('the overview shows forecast, accuracy and inventory KPIs that link to their pages', async (t) => {
      if (!trained) {
        t.skip('no training API in this build');
        return;
      }
      const overview = await api.get<OverviewDto>('/overview');
      assert.ok(overview.forecast7 && overview.forecast7.coveredDays > 0);
      assert.notEqual(overview.accuracy.wape, null, 'the champion has a WAPE');
      await withPage('overview-trained', {}, async (page, watch) => {
        await openApp(page, '/overview');
        await page.locator('a[data-kpi="forecast7"] .kpi__value').waitFor();
        assert.equal(
          await kpiValue(page, 'Forecast units, next 7 days'),
          units(overview.forecast7?.units ?? 0),
        );
        assert.match(
          await kpiValue(page, 'Forecast error (WAPE), last 4 weeks'),
          /^\d+(\.\d)?%$/,
        );
        // Demo data: every run ends with the data, so the accuracy is the champion's backtest.
        assert.match(
          await page.locator('a[data-kpi="accuracy"]').innerText(),
          overview.accuracy.source === 'served'
            ? /forecasts served then/
            : /backtest/,
        );
        assert.equal(
          await kpiValue(page, 'Items at stock-out risk'),
          number(overview.inventory.stockoutRisk),
        );
        assert.equal(
          await kpiValue(page, 'Pending approvals'),
          number(overview.inventory.pendingApprovals),
        );
        await settle(page);
        await screenshot(page, 'overview-trained-light');

        // A store's figures come from the URL, and its KPIs open the page filtered to it.
        await openApp(page, '/overview?scope=store&key=S001');
        await page.locator('a[data-kpi="pending"] .kpi__value').waitFor();
        await page.locator('a[data-kpi="pending"]').click();
        await page.waitForURL(
          (url) =>
            url.pathname === '/inventory' &&
            url.searchParams.get('status') === 'pending' &&
            url.searchParams.get('store') === 'S001',
        );
        assertClean(watch);
      });
    });
  });
}
