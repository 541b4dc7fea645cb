/**
 * The bench:accuracy datasets, each at its natural frequency and horizon, on the test split or
 * (dev) one horizon earlier. Smoke mode keeps the datasets whose fixtures exist;
 * SHELFCAST_DATASETS=a,b keeps only the named ones.
 */
import { type BenchDataset, favoritaPanel, ojPanel } from './data';
import {
  ausRetailPanel,
  cheesePanel,
  datasetFilesExist,
  onlineRetailPanel,
  tunaPanel,
} from './data-more';

const LOADERS: Record<string, (dev: boolean) => BenchDataset> = {
  dominicks_oj: (dev) => (dev ? ojPanel(136, 12) : ojPanel(148, 12)),
  favorita_daily: (dev) => (dev ? favoritaPanel(28, 28) : favoritaPanel(28)),
  dominicks_tuna: (dev) => tunaPanel(12, dev ? 12 : 0),
  dominicks_cheese: (dev) => cheesePanel(12, dev ? 12 : 0),
  online_retail_daily: (dev) => onlineRetailPanel(28, dev ? 28 : 0),
  aus_retail_monthly: (dev) => ausRetailPanel(18, dev ? 18 : 0),
};

export const DATASET_NAMES = Object.keys(LOADERS);

export function benchDatasets(dev: boolean): BenchDataset[] {
  const only = process.env['SHELFCAST_DATASETS']?.split(',');
  return DATASET_NAMES.filter((n) => !only || only.includes(n))
    .filter(
      (n) =>
        n === 'dominicks_oj' || n === 'favorita_daily' || datasetFilesExist(n),
    )
    .map((n) => LOADERS[n](dev));
}
