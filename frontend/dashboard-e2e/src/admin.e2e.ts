/**
 * End-to-end tests of the admin pages (users, audit log) in English and Chinese at desktop and
 * tablet widths, and of a Chinese PDF report read back with poppler's pdftotext. Same set-up as
 * dashboard.e2e.ts: the built API serving the built dashboard, Debian's headless Chromium.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type PageWatch, TABLET, screenshot } from './support/browser';
import {
  server,
  startSession,
  stopSession,
  withUserPage,
} from './support/session';

const WIDE = { width: 1440, height: 900 } as const;

/** A signed-in page in its own context; `zh` starts the dashboard in Chinese. */
async function withAdminPage(
  name: string,
  o: {
    viewport: { width: number; height: number };
    zh: boolean;
    role?: string;
  },
  body: (page: Page, watch: PageWatch) => Promise<void>,
): Promise<void> {
  await withUserPage(
    name,
    {
      viewport: o.viewport,
      role: o.role ?? 'admin',
      storage: o.zh ? { 'shelfcast.language': 'zh-CN' } : undefined,
    },
    body,
  );
}

/** Opens a route through the navigation (the drawer on tablets). */
async function navigate(page: Page, href: string, tablet: boolean) {
  if (tablet)
    await page
      .locator('mat-toolbar button[aria-controls="sc-sidenav"]')
      .click();
  await page.locator(`nav a[href="${href}"]`).click();
  await page.waitForURL((url) => url.pathname === href);
}

const CASES = [
  { label: 'English, 1440×900', viewport: WIDE, zh: false, tablet: false },
  { label: '中文, 1440×900', viewport: WIDE, zh: true, tablet: false },
  {
    label: 'English, tablet 820×1180',
    viewport: TABLET,
    zh: false,
    tablet: true,
  },
  { label: '中文, tablet 820×1180', viewport: TABLET, zh: true, tablet: true },
] as const;

describe('admin pages and Chinese PDFs e2e', () => {
  before(startSession);

  after(stopSession);

  for (const c of CASES) {
    const slug = `${c.zh ? 'zh' : 'en'}-${c.viewport.width}`;
    const t = (en: string, zh: string) => (c.zh ? zh : en);

    test(`an admin creates a user and finds it in the audit log (${c.label})`, () =>
      withAdminPage(`admin-${slug}`, c, async (page, watch) => {
        await navigate(page, '/admin/users', c.tablet);
        await page
          .locator('main h1', { hasText: t('Users', '用户') })
          .waitFor();
        const email = `e2e-${slug}@demo.shelfcast`;
        await page.locator('input[name="email"]').fill(email);
        await page.locator('input[name="displayName"]').fill(`E2E ${slug}`);
        await page
          .locator('input[name="password"]')
          .fill('an-e2e-password-123');
        await page.locator('button.create').click();
        await page
          .locator('.notice', {
            hasText: t(`Created: ${email}`, `已创建：${email}`),
          })
          .waitFor();
        const row = page.locator(`tr[data-user="${email}"]`);
        await row.waitFor();
        assert.match(
          await row.innerText(),
          new RegExp(t('Store manager', '门店经理')),
        );
        await page.waitForLoadState('networkidle');
        await screenshot(page, `admin-users-${slug}`);

        await navigate(page, '/admin/audit', c.tablet);
        await page
          .locator('main h1', { hasText: t('Audit log', '审计日志') })
          .waitFor();
        await page.locator('tr[data-action="user.create"]').first().waitFor();
        // Filter by the action: every row shown is a user.create.
        await page.locator('mat-select[name="action"]').click();
        await page
          .getByRole('option', { name: 'user.create', exact: true })
          .click();
        // The table is replaced once the filtered page arrives.
        await page.waitForFunction(() => {
          const rows = Array.from(document.querySelectorAll('tr[data-action]'));
          return (
            rows.length > 0 &&
            rows.every((r) => r.getAttribute('data-action') === 'user.create')
          );
        });
        const actions = await page
          .locator('tr[data-action]')
          .evaluateAll((rows) =>
            rows.map((r) => r.getAttribute('data-action')),
          );
        assert.ok(actions.length > 0);
        assert.ok(actions.every((a) => a === 'user.create'));
        assert.match(
          await page.locator('table.audit').innerText(),
          new RegExp(email),
        );
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('button.export').click(),
        ]);
        const csv = readFileSync(await download.path(), 'utf8');
        assert.match(csv, /# Filters: action=user\.create/);
        assert.ok(csv.includes(email));
        await screenshot(page, `admin-audit-${slug}`);
        assert.deepEqual(watch.problems([]), []);
      }));
  }

  test('a planner does not see the admin pages', () =>
    withAdminPage(
      'admin-planner',
      { viewport: WIDE, zh: false, role: 'planner' },
      async (page) => {
        assert.equal(
          await page.locator('nav a[href="/admin/users"]').count(),
          0,
        );
        await page.goto(`${server.baseUrl}/admin/audit`);
        await page.waitForURL((url) => url.pathname === '/overview');
      },
    ));

  test('the store summary downloaded in Chinese is a PDF whose text is Chinese (pdftotext)', () =>
    withAdminPage(
      'pdf-zh',
      { viewport: WIDE, zh: true, role: 'planner' },
      async (page) => {
        await page.goto(`${server.baseUrl}/reports`);
        await page.locator('main h1', { hasText: '报表' }).waitFor();
        await page.locator('button[data-report="store-summary"]').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('button[data-format="pdf"]').click(),
        ]);
        const pdf = readFileSync(await download.path());
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
          input: pdf,
        }).toString('utf8');
        for (const s of [
          '门店管理摘要',
          '重点补货建议',
          '已批准订货金额 (USD)',
          '全部门店',
        ])
          assert.ok(
            text.includes(s),
            `the PDF text contains ${s}:\n${text.slice(0, 600)}`,
          );
        assert.ok(!text.includes('??'), 'no glyph fell back to "?"');
      },
    ));

  test('an XLSX downloaded in Chinese has Chinese sheet names and column headers', () =>
    withAdminPage(
      'xlsx-zh',
      { viewport: WIDE, zh: true, role: 'planner' },
      async (page) => {
        await page.goto(`${server.baseUrl}/reports`);
        await page.locator('main h1', { hasText: '报表' }).waitFor();
        await page.locator('button[data-report="forecasts"]').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('button[data-format="xlsx"]').click(),
        ]);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(await download.path());
        assert.deepEqual(
          workbook.worksheets.map((w) => w.name),
          ['报表', '预测'],
        );
        const about = workbook.getWorksheet('报表');
        assert.equal(about?.getRow(1).getCell(2).value, '按序列和周期的预测');
        const headers = (
          workbook.getWorksheet('预测')?.getRow(1).values as unknown[]
        )
          .slice(1)
          .map(String);
        assert.ok(headers.includes('门店代码'), headers.join(', '));
        assert.deepEqual(
          headers.filter((h) => /^[a-z][a-z0-9_]*$/.test(h)),
          [],
          'every header is translated',
        );
      },
    ));
});
