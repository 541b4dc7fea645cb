/**
 * Converters from the real public datasets (see each folder's SOURCE.md) to Shelfcast import CSVs.
 * Every kind is a lazy async iterable of CSV lines (header first); files are read when iterated,
 * line by line, so a converted dataset can be streamed straight into the importer.
 */
import {
  type ConvertedDataset,
  type DatasetName,
  SUPPORTED_DATASETS,
} from './dataset-csv';
import { convertDominicksOj } from './dataset-dominicks';
import { convertFavorita } from './dataset-favorita';
import { convertOnlineRetail } from './dataset-online-retail';

export {
  type ConvertedDataset,
  type DatasetName,
  DATASET_IMPORT_ORDER,
  isSupportedDataset,
  readCsvRecords,
  SUPPORTED_DATASETS,
} from './dataset-csv';
export {
  DOMINICKS_OJ_BRANDS,
  DOMINICKS_WEEK1,
  dominicksOjSku,
  dominicksStoreCode,
  dominicksWeekStart,
} from './dataset-dominicks';
export {
  FAVORITA_SKU,
  favoritaStoreCode,
  parseUsDate,
} from './dataset-favorita';
export { ONLINE_RETAIL_STORE, onlineRetailSku } from './dataset-online-retail';

/**
 * Converts a real dataset directory (e.g. /work/shared/data/favorita_daily) to Shelfcast CSV lines
 * per import kind. Throws at once when the dataset name is unknown or one of its files is missing;
 * the files are read (streamed) only when a kind is iterated.
 */
export function convertDataset(
  name: DatasetName | string,
  dir: string,
): ConvertedDataset {
  switch (name) {
    case 'dominicks_oj':
      return convertDominicksOj(dir);
    case 'favorita_daily':
      return convertFavorita(dir);
    case 'online_retail_daily':
      return convertOnlineRetail(dir);
    default:
      throw new Error(
        `Unsupported dataset "${name}"; supported: ${SUPPORTED_DATASETS.join(', ')}`,
      );
  }
}
