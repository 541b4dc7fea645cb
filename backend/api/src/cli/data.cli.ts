import {
  isSupportedDataset,
  SUPPORTED_DATASETS,
  writeConvertedDataset,
} from '@shelfcast/demo-data';
import { join, resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import { DemoSeeder } from '../demo/demo.seeder';
import { cliArgs, cliContext, fail, showImportProgress } from './cli-context';

/**
 * npm run data:demo -- --stores 20 --products 200 --days 730 --seed 1
 * npm run data:load -- --dataset dominicks_oj [--dir ../shared/data]
 * Both write CSVs under DATA_DIR and import them through the product's import path.
 */
async function main(command: string | undefined): Promise<void> {
  const args = cliArgs(process.argv.slice(3));
  const context = await cliContext();
  const stop = showImportProgress(context);
  try {
    const seeder = context.get(DemoSeeder);
    if (command === 'demo') {
      const int = (name: string, fallback: number) => {
        const v = Number(args.get(name) ?? fallback);
        if (!Number.isInteger(v) || v < 1)
          fail(`--${name} must be a positive whole number`);
        return v;
      };
      await seeder.seed({
        stores: int('stores', 20),
        products: int('products', 200),
        days: int('days', 730),
        seed: int('seed', 1),
      });
    } else if (command === 'load') {
      const dataset = args.get('dataset') ?? '';
      if (!isSupportedDataset(dataset))
        fail(`--dataset must be one of ${SUPPORTED_DATASETS.join(', ')}`);
      const root = resolve(args.get('dir') ?? join('..', 'shared', 'data'));
      const out = join(context.get(AppConfig).dataDir, 'datasets', dataset);
      const files = await writeConvertedDataset(
        dataset,
        join(root, dataset),
        out,
      );
      await seeder.importFiles(files, `dataset:${dataset}`);
    } else {
      fail('Use "demo" or "load"');
    }
  } finally {
    stop();
    await context.close();
  }
}

main(process.argv[2]).catch(fail);
