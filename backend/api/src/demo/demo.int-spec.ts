import {
  SUPPORTED_DATASETS,
  writeConvertedDataset,
} from '@shelfcast/demo-data';
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

  it('seeds a small demo data set once, and not again when sales exist', async () => {
    const reports = await seeder.seed({
      stores: 2,
      products: 5,
      days: 90,
      seed: 7,
    });
    expect(reports.every((r) => r.status === 'succeeded')).toBe(true);
    expect(await count('stores')).toBe(2);
    expect(await count('products')).toBe(5);
    expect(await count('sales')).toBe(2 * 5 * 90);
    expect(await count('store_products')).toBe(10);
    expect(await count('signal_values')).toBeGreaterThan(0);
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
