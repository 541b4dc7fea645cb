import { dayFromYmd, formatDay } from './calendar';
import { csvHeader, csvLine, pad } from './csv';
import {
  type ConvertedDataset,
  lazy,
  readCsvRecords,
  requireFile,
  toNumber,
} from './dataset-csv';

/** Parses the m/d/yyyy dates of the Favorita copies (ISO yyyy-mm-dd accepted too). */
export function parseUsDate(value: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us)
    return formatDay(dayFromYmd(Number(us[3]), Number(us[1]), Number(us[2])));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new Error(`Unparseable date: "${value}"`);
}

export const favoritaStoreCode = (store: number): string =>
  `FAV${pad(store, 3)}`;
export const FAVORITA_SKU = 'FAV-TRANSACTIONS';

const FAVORITA_EVENT_TYPES: Record<string, 'holiday' | 'event'> = {
  Holiday: 'holiday',
  Transfer: 'holiday',
  Additional: 'holiday',
  Bridge: 'holiday',
  'Work Day': 'event',
  Event: 'event',
};

async function favoritaStores(dir: string): Promise<
  {
    code: string;
    city: string;
    state: string;
    nbr: number;
    type: string;
    cluster: string;
  }[]
> {
  const stores: {
    code: string;
    city: string;
    state: string;
    nbr: number;
    type: string;
    cluster: string;
  }[] = [];
  for await (const r of readCsvRecords(requireFile(dir, 'stores.csv'), [
    'store_nbr',
    'city',
    'state',
  ])) {
    const nbr = toNumber(r['store_nbr'], 'store_nbr');
    stores.push({
      code: favoritaStoreCode(nbr),
      city: r['city'],
      state: r['state'],
      nbr,
      type: r['type'] ?? '',
      cluster: r['cluster'] ?? '',
    });
  }
  return stores.sort((a, b) => a.nbr - b.nbr);
}

export function convertFavorita(dir: string): ConvertedDataset {
  for (const file of [
    'stores.csv',
    'transactions.csv',
    'oil.csv',
    'holidays_events.csv',
  ])
    requireFile(dir, file);
  return {
    stores: lazy(async function* () {
      yield csvHeader('stores');
      for (const store of await favoritaStores(dir)) {
        yield csvLine([
          store.code,
          `Favorita #${store.nbr} ${store.city}`,
          store.state,
          'America/Guayaquil',
        ]);
      }
    }),
    products: lazy(async function* () {
      yield csvHeader('products');
      yield csvLine([
        FAVORITA_SKU,
        'Store transactions (receipts)',
        'all/transactions',
        '',
        '0',
        '0',
        '',
        '',
        '',
        '',
        JSON.stringify({
          source: 'favorita_daily',
          measure: 'transactions per store-day',
        }),
      ]);
    }),
    sales: lazy(async function* () {
      yield csvHeader('sales');
      for await (const r of readCsvRecords(
        requireFile(dir, 'transactions.csv'),
        ['date', 'store_nbr', 'transactions'],
      )) {
        const units = Math.round(toNumber(r['transactions'], 'transactions'));
        yield `${favoritaStoreCode(toNumber(r['store_nbr'], 'store_nbr'))},${FAVORITA_SKU},${parseUsDate(r['date'])},${units},,,,,day`;
      }
    }),
    signals: lazy(async function* () {
      yield csvHeader('signals');
      const path = requireFile(dir, 'oil.csv');
      for await (const r of readCsvRecords(path)) {
        const value = r['oil_price'] ?? r['dcoilwtico'] ?? '';
        if (value === '') continue;
        yield `oil_price,global,,${parseUsDate(r['date'])},${toNumber(value, 'oil_price')}`;
      }
    }),
    events: lazy(async function* () {
      yield csvHeader('events');
      const storesByCity = new Map<string, string[]>();
      for (const store of await favoritaStores(dir)) {
        const list = storesByCity.get(store.city) ?? [];
        list.push(store.code);
        storesByCity.set(store.city, list);
      }
      const path = requireFile(dir, 'holidays_events.csv');
      for await (const r of readCsvRecords(path, [
        'date',
        'type',
        'locale',
        'locale_name',
        'description',
        'transferred',
      ])) {
        // A transferred holiday is an ordinary day: the holiday is celebrated on its "Transfer" row.
        if (r['transferred'].toUpperCase() === 'TRUE') continue;
        const type = FAVORITA_EVENT_TYPES[r['type']] ?? 'event';
        const date = parseUsDate(r['date']);
        const name =
          r['type'] === 'Work Day'
            ? `${r['description']} (work day)`
            : r['description'];
        if (r['locale'] === 'National') {
          yield csvLine([name, type, date, date, 'global', '']);
        } else if (r['locale'] === 'Regional') {
          yield csvLine([name, type, date, date, 'region', r['locale_name']]);
        } else {
          // Local (city) events: one store-scoped event per store in that city; none when no store is there.
          for (const code of storesByCity.get(r['locale_name']) ?? [])
            yield csvLine([name, type, date, date, 'store', code]);
        }
      }
    }),
  };
}
