/** Sign-in and roles, and product affinity on the demo baskets (before any training run). Registered by dashboard.e2e.ts in its run order. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login } from '../support/api';
import { screenshot } from '../support/browser';
import {
  server,
  api,
  authOn,
  demoUser,
  signIn,
  withPage,
  openApp,
  settle,
  assertClean,
  kpiValue,
  number,
  fixed,
} from '../support/dashboard-session';
import type {
  FreshnessDto,
  ProductDto,
  PageDto,
  StoreDto,
  BoughtTogetherDto,
  ProductAffinityDto,
  StoreGapsDto,
} from './dtos';

export function authAndAffinityTests(): void {
  describe('auth', () => {
    test('the demo planner signs in on /login, lands on the page asked for, and signs out', (t) =>
      authOn
        ? withPage('login', { as: null }, async (page, watch) => {
            const planner = demoUser('planner');
            await page.goto(`${server.baseUrl}/data`);
            await page.waitForURL(
              (url) =>
                url.pathname === '/login' &&
                url.searchParams.get('returnUrl') === '/data',
            );
            await page
              .getByRole('heading', { name: 'Sign in to Shelfcast' })
              .waitFor();
            await settle(page);
            await screenshot(page, 'login-light');

            await page.getByLabel('Email').fill(planner.email);
            await page.getByLabel('Password').fill('not-the-password');
            await page.getByRole('button', { name: 'Sign in' }).click();
            await page
              .getByRole('alert')
              .filter({ hasText: 'Wrong email or password.' })
              .waitFor();

            await signIn(page, planner);
            await page.waitForURL('**/data');
            assert.equal(await page.locator('main h1').innerText(), 'Data');
            const account = page.locator('button.account');
            assert.match(await account.innerText(), /Planner/);
            await page
              .getByRole('heading', { name: 'Import a CSV file' })
              .waitFor();
            await settle(page);

            await account.click();
            await page.getByRole('menuitem', { name: 'Sign out' }).click();
            await page.waitForURL((url) => url.pathname === '/login');
            assertClean(watch, [
              { method: 'POST', path: /^\/api\/auth\/login$/, status: 401 },
            ]);
          })
        : t.skip('auth is not in this build'));

    test('a store manager sees only their assigned stores', (t) =>
      authOn
        ? withPage('manager', { as: 'store_manager' }, async (page, watch) => {
            const manager = demoUser('store_manager');
            const all = await api.get<FreshnessDto[]>('/data/freshness');
            const allStores = all.find((f) => f.kind === 'stores')?.rows ?? 0;
            assert.ok(manager.storeCodes.length > 0);
            assert.ok(manager.storeCodes.length < allStores);

            // What the API gives the manager: their stores, nothing else.
            const token = (await login(server.baseUrl, manager)).accessToken;
            const response = await fetch(`${server.baseUrl}/api/stores`, {
              headers: { authorization: `Bearer ${token}` },
            });
            const stores = (await response.json()) as { code: string }[];
            assert.deepEqual(
              stores.map((s) => s.code).sort(),
              [...manager.storeCodes].sort(),
            );

            await openApp(page, '/overview');
            await page.locator('.kpi__value[data-status="good"]').waitFor();
            assert.equal(
              await kpiValue(page, 'Stores'),
              number(manager.storeCodes.length),
            );
            const account = page.locator('button.account');
            assert.match(await account.innerText(), /Store manager/);
            await account.click();
            await page
              .getByText(`Stores: ${manager.storeCodes.join(', ')}`)
              .waitFor();
            await page.keyboard.press('Escape');
            await settle(page);
            await screenshot(page, 'overview-manager');

            // A manager reads data but does not import it.
            await openApp(page, '/data');
            await page.locator('sc-freshness-cards .card').first().waitFor();
            assert.equal(
              await page
                .getByRole('heading', { name: 'Import a CSV file' })
                .count(),
              0,
            );
            const storesCard = page.locator('sc-freshness-cards .card').filter({
              has: page.getByRole('heading', { name: 'Stores', exact: true }),
            });
            assert.match(
              await storesCard.innerText(),
              new RegExp(`${manager.storeCodes.length} rows`),
            );
            await settle(page);
            assertClean(watch);
          })
        : t.skip('auth is not in this build'));
  });

  describe('product affinity on the demo baskets (before any training run)', () => {
    test("a product's page lists what is bought with it, with the API's support, confidence and lift", () =>
      withPage('affinity-product', {}, async (page, watch) => {
        // The seeder recomputed affinity after importing. The product whose first "bought
        // together" pair has the highest lift: a pair the demo baskets plant.
        const products =
          await api.get<PageDto<ProductDto>>('/products?limit=50');
        let sku = '';
        let expected: ProductAffinityDto | null = null;
        for (const p of products.items) {
          const a = await api.get<ProductAffinityDto>(
            `/affinity/products/${p.sku}`,
          );
          const top = a.boughtTogether[0]?.lift ?? 0;
          if (top > (expected?.boughtTogether[0]?.lift ?? 0)) {
            sku = p.sku;
            expected = a;
          }
        }
        assert.ok(expected, 'a demo product has "bought together" pairs');
        assert.ok(expected.run.computedAt, 'computed without a training run');
        assert.ok(
          expected.boughtTogether[0].lift > 1.5,
          `the strongest pair is bought together well above chance (lift ${expected.boughtTogether[0].lift})`,
        );

        // Reached from the navigation: Affinity → the product's link.
        await openApp(page, '/affinity');
        await page
          .locator('[data-testid="affinity-products"] tr', { hasText: sku })
          .getByRole('link')
          .click();
        await page.waitForURL(`**/products/${sku}`);
        const table = page.getByTestId('bought-together');
        await table.waitFor();
        const rows = table.locator('tbody tr');
        assert.equal(await rows.count(), expected.boughtTogether.length);
        for (let i = 0; i < expected.boughtTogether.length; i++) {
          const r: BoughtTogetherDto = expected.boughtTogether[i];
          const cells = await rows.nth(i).locator('td').allInnerTexts();
          assert.match(cells[0], new RegExp(r.sku));
          assert.deepEqual(
            cells.slice(1).map((c) => c.trim()),
            [
              number(r.baskets),
              `${fixed(r.support * 100, 2)}%`,
              `${fixed(r.confidence * 100, 1)}%`,
              fixed(r.lift, 2),
              fixed(r.cosine, 3),
            ],
            `row ${i + 1} (${r.sku})`,
          );
        }
        assert.equal(
          await page.locator('[data-testid="similar"] tbody tr').count(),
          expected.similar.length,
        );
        await settle(page);
        await screenshot(page, 'affinity-product-light');
        assertClean(watch);
      }));

    test('a store gaps page lists the products similar stores sell, with their numbers', () =>
      withPage('affinity-gaps', {}, async (page, watch) => {
        const stores = await api.get<StoreDto[]>('/stores');
        let code = '';
        let expected: StoreGapsDto | null = null;
        for (const s of stores) {
          const g = await api.get<StoreGapsDto>(
            `/affinity/stores/${s.code}/gaps`,
          );
          if (g.gaps.length > 0) {
            code = s.code;
            expected = g;
            break;
          }
        }
        assert.ok(
          expected,
          'a demo store does not carry a product that similar stores sell',
        );
        await openApp(page, '/affinity');
        await page
          .locator('[data-testid="affinity-stores"] tr', { hasText: code })
          .getByRole('link')
          .click();
        await page.waitForURL(`**/stores/${code}/gaps`);
        const rows = page.locator('[data-testid="gaps"] tbody tr');
        await rows.first().waitFor();
        assert.equal(await rows.count(), expected.gaps.length);
        for (let i = 0; i < expected.gaps.length; i++) {
          const g: StoreGapsDto['gaps'][number] = expected.gaps[i];
          const cells = await rows.nth(i).locator('td').allInnerTexts();
          assert.match(cells[0], new RegExp(g.sku));
          assert.deepEqual(
            cells.slice(1).map((c) => c.trim()),
            [
              `${fixed(g.expectedShare * 100, 2)}%`,
              fixed(g.expectedUnits, 0),
              `${g.similarStoresSelling} / ${g.similarStoresCompared}`,
              `${fixed(g.meanShareWhereSold * 100, 2)}%`,
            ],
            `gap ${i + 1} (${g.sku})`,
          );
        }
        await settle(page);
        await screenshot(page, 'affinity-gaps-light');
        assertClean(watch);
      }));
  });
}
