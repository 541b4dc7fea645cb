import {
  SUPPORTED_DATASETS,
  basketLines,
  buildDemoWorld,
  plantedPairs,
  writeConvertedDataset,
} from '@shelfcast/demo-data';
import type { ProductAffinity } from '@shelfcast/contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { DemoSeeder } from './demo.seeder';

/** The demo generator and the real-dataset loaders both go through the product's import path. */
describe('demo data and dataset loaders (integration)', () => {
  let t: TestApp;
  let seeder: DemoSeeder;
  const count = async (table: string) =>
    Number(
      (await t.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    seeder = t.app.get(DemoSeeder);
  });

  afterAll(async () => {
    await t.close();
  });

  it('seeds a small demo data set once (basket lines and affinity results included), and not again when sales exist', async () => {
    const size = { stores: 4, products: 26, days: 90, seed: 7 };
    const reports = await seeder.seed(size);
    expect(reports.every((r) => r.status === 'succeeded')).toBe(true);
    expect(reports.map((r) => r.kind)).toContain('transactions');
    const world = buildDemoWorld(size);
    const carried = world.carried.reduce((n, c) => n + c, 0);
    expect(carried).toBeLessThan(4 * 26);
    expect(await count('stores')).toBe(4);
    expect(await count('products')).toBe(26);
    expect(await count('sales')).toBe(carried * 90);
    expect(await count('store_products')).toBe(carried);
    expect(await count('signal_values')).toBeGreaterThan(0);
    expect(await count('basket_lines')).toBe(
      [...basketLines(world)].length - 1,
    );

    // The seeder ran the affinity recompute: a planted pair is "bought together" with lift > 1.
    expect(await count('affinity_runs')).toBe(1);
    const [a, b] = plantedPairs(world)[0];
    const res = await t.get<ProductAffinity>(
      `/api/affinity/products/${a}`,
      'viewer',
    );
    expect(res.status).toBe(200);
    const pair = res.body.boughtTogether.find((n) => n.sku === b);
    expect(pair?.lift).toBeGreaterThan(1);
    expect(await count('assortment_gaps')).toBeGreaterThan(0);
    expect(await seeder.seedIfEmpty()).toBe(false);
  });

  it.each(SUPPORTED_DATASETS)(
    'loads the %s excerpt through the import path',
    async (dataset) => {
      const fixtures = join(
        __dirname,
        '..',
        '..',
        '..',
        'libs',
        'demo-data',
        'src',
        'fixtures',
        dataset,
      );
      const out = mkdtempSync(join(tmpdir(), `shelfcast-${dataset}-`));
      const salesBefore = await count('sales');
      const files = await writeConvertedDataset(dataset, fixtures, out);
      const reports = await seeder.importFiles(files, `dataset:${dataset}`);
      expect(reports.map((r) => [r.kind, r.status])).toEqual(
        reports.map((r) => [r.kind, 'succeeded']),
      );
      expect(await count('sales')).toBeGreaterThan(salesBefore);
    },
  );
});
