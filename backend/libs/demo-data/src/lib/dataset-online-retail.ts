import { csvHeader, csvLine } from './csv';
import {
  type ConvertedDataset,
  lazy,
  readCsvRecords,
  requireFile,
  toNumber,
} from './dataset-csv';
import { parseUsDate } from './dataset-favorita';

export const ONLINE_RETAIL_STORE = 'UK-ONLINE';
export const onlineRetailSku = (stockCode: string): string =>
  `UCI-${stockCode}`;
const ONLINE_RETAIL_FILE = 'online_retail_top30_daily.csv';

export function convertOnlineRetail(dir: string): ConvertedDataset {
  const path = requireFile(dir, ONLINE_RETAIL_FILE);
  const records = () => readCsvRecords(path, ['item', 'ds', 'y']);
  return {
    stores: lazy(async function* () {
      yield csvHeader('stores');
      yield csvLine([
        ONLINE_RETAIL_STORE,
        'UK online gift retailer (UCI Online Retail)',
        'United Kingdom',
        'Europe/London',
      ]);
    }),
    products: lazy(async function* () {
      yield csvHeader('products');
      const items = new Set<string>();
      for await (const r of records()) items.add(r['item']);
      for (const item of [...items].sort()) {
        yield csvLine([
          onlineRetailSku(item),
          `StockCode ${item}`,
          'giftware/online/top-sellers',
          '',
          '0',
          '0',
          '',
          '',
          '',
          '',
          JSON.stringify({ source: 'online_retail_daily', stock_code: item }),
        ]);
      }
    }),
    sales: lazy(async function* () {
      yield csvHeader('sales');
      for await (const r of records()) {
        const units = Math.round(toNumber(r['y'], 'y'));
        yield csvLine([
          ONLINE_RETAIL_STORE,
          onlineRetailSku(r['item']),
          parseUsDate(r['ds']),
          units,
          '',
          '',
          '',
          '',
          'day',
        ]);
      }
    }),
  };
}
