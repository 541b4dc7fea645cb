/**
 * Converters from the real public datasets (see each folder's SOURCE.md) to Shelfcast import CSVs.
 * Every kind is a lazy async iterable of CSV lines (header first); files are read when iterated,
 * line by line, so a converted dataset can be streamed straight into the importer.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportKind } from '@shelfcast/contracts';
import { dayFromYmd, formatDay } from './calendar';
import { csvHeader, csvLine, formatCents, parseCsvLine } from './csv';

export const SUPPORTED_DATASETS = [
  'dominicks_oj',
  'favorita_daily',
  'online_retail_daily',
] as const;
export type DatasetName = (typeof SUPPORTED_DATASETS)[number];

export function isSupportedDataset(name: string): name is DatasetName {
  return (SUPPORTED_DATASETS as readonly string[]).includes(name);
}

/** CSV lines per import kind produced by a dataset; kinds the dataset has no data for are absent. */
export type ConvertedDataset = Partial<
  Record<ImportKind, AsyncIterable<string>>
>;

/** Import order of the kinds a converter may produce. */
export const DATASET_IMPORT_ORDER: readonly ImportKind[] = [
  'suppliers',
  'stores',
  'products',
  'sales',
  'signals',
  'events',
];

type CsvRecord = Record<string, string>;

/** Reads a CSV file with a header row as records keyed by column name (trimmed, CRLF tolerated). */
export async function* readCsvRecords(
  path: string,
  requiredColumns: readonly string[] = [],
): AsyncGenerator<CsvRecord> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | null = null;
  try {
    for await (const raw of lines) {
      const line = header === null ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const fields = parseCsvLine(line);
      if (header === null) {
        header = fields.map((field) => field.trim());
        const missing = requiredColumns.filter(
          (column) => !header?.includes(column),
        );
        if (missing.length > 0)
          throw new Error(`${path}: missing column(s) ${missing.join(', ')}`);
        continue;
      }
      const record: CsvRecord = {};
      for (let i = 0; i < header.length; i++)
        record[header[i]] = (fields[i] ?? '').trim();
      yield record;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

const lazy = (make: () => AsyncGenerator<string>): AsyncIterable<string> => ({
  [Symbol.asyncIterator]: make,
});

function requireFile(dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`Dataset file not found: ${path}`);
  return path;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function toNumber(value: string, what: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n))
    throw new Error(`Invalid number for ${what}: "${value}"`);
  return n;
}

const pad = (value: number, width: number): string =>
  String(value).padStart(width, '0');

// ---- Dominick's orange juice ----------------------------------------------------------------------

/** The 11 OJ brands of bayesm's orangeJuice data (brand index 1..11), with carton size in ounces. */
export const DOMINICKS_OJ_BRANDS: readonly {
  brand: string;
  name: string;
  ounces: number;
}[] = [
  { brand: 'Tropicana', name: 'Tropicana Premium 64 oz', ounces: 64 },
  { brand: 'Tropicana', name: 'Tropicana Premium 96 oz', ounces: 96 },
  { brand: "Florida's Natural", name: "Florida's Natural 64 oz", ounces: 64 },
  { brand: 'Tropicana', name: 'Tropicana 64 oz', ounces: 64 },
  { brand: 'Minute Maid', name: 'Minute Maid 64 oz', ounces: 64 },
  { brand: 'Minute Maid', name: 'Minute Maid 96 oz', ounces: 96 },
  { brand: 'Citrus Hill', name: 'Citrus Hill 64 oz', ounces: 64 },
  { brand: 'Tree Fresh', name: 'Tree Fresh 64 oz', ounces: 64 },
  { brand: 'Florida Gold', name: 'Florida Gold 64 oz', ounces: 64 },
  { brand: "Dominick's", name: "Dominick's 64 oz", ounces: 64 },
  { brand: "Dominick's", name: "Dominick's 128 oz", ounces: 128 },
];

/** Dominick's week 1 starts on Thursday 1989-09-14 (Kilts Center calendar); week n starts 7(n-1) days later. */
export const DOMINICKS_WEEK1 = '1989-09-14';
const DOMINICKS_WEEK1_DAY = dayFromYmd(1989, 9, 14);

export function dominicksWeekStart(week: number): string {
  return formatDay(DOMINICKS_WEEK1_DAY + 7 * (week - 1));
}

export const dominicksStoreCode = (store: number): string =>
  `DOM${pad(store, 3)}`;
export const dominicksOjSku = (brand: number): string =>
  `DOM-OJ-${pad(brand, 2)}`;

const OJ_FILE = 'oj_store_brand_weekly.csv';
const OJ_COLUMNS = [
  'store',
  'brand',
  'week',
  'units',
  'price',
  'deal',
  'feat',
  'profit',
];

function brandSpec(brand: number): {
  brand: string;
  name: string;
  ounces: number;
} {
  const spec = DOMINICKS_OJ_BRANDS[brand - 1];
  if (!spec) throw new Error(`Unknown Dominick's OJ brand index ${brand}`);
  return spec;
}

function convertDominicksOj(dir: string): ConvertedDataset {
  const path = requireFile(dir, OJ_FILE);
  const records = () => readCsvRecords(path, OJ_COLUMNS);
  return {
    stores: lazy(async function* () {
      yield csvHeader('stores');
      const stores = new Set<number>();
      for await (const r of records())
        stores.add(toNumber(r['store'], 'store'));
      for (const store of [...stores].sort((a, b) => a - b)) {
        yield csvLine([
          dominicksStoreCode(store),
          `Dominick's #${store}`,
          'Chicago',
          'America/Chicago',
        ]);
      }
    }),
    products: lazy(async function* () {
      yield csvHeader('products');
      const regularPrices = new Map<number, number[]>();
      const allPrices = new Map<number, number[]>();
      const margins = new Map<number, number[]>();
      for await (const r of records()) {
        const brand = toNumber(r['brand'], 'brand');
        const price = toNumber(r['price'], 'price');
        const list = allPrices.get(brand) ?? [];
        list.push(price);
        allPrices.set(brand, list);
        if (r['deal'] === '0') {
          const regular = regularPrices.get(brand) ?? [];
          regular.push(price);
          regularPrices.set(brand, regular);
        }
        const profit = Number(r['profit']);
        if (r['profit'] !== '' && Number.isFinite(profit)) {
          const m = margins.get(brand) ?? [];
          m.push(profit);
          margins.set(brand, m);
        }
      }
      for (const brand of [...allPrices.keys()].sort((a, b) => a - b)) {
        const spec = brandSpec(brand);
        const perOz = median(
          regularPrices.get(brand) ?? allPrices.get(brand) ?? [],
        );
        const priceCents = Math.round(perOz * spec.ounces * 100);
        const margin = Math.min(
          0.95,
          Math.max(0, median(margins.get(brand) ?? []) / 100),
        );
        yield csvLine([
          dominicksOjSku(brand),
          spec.name,
          'beverages/juice/orange',
          spec.brand,
          formatCents(priceCents),
          formatCents(Math.round(priceCents * (1 - margin))),
          '',
          '',
          '',
          '',
          JSON.stringify({
            source: 'dominicks_oj',
            dominicks_brand: brand,
            size_oz: spec.ounces,
          }),
        ]);
      }
    }),
    sales: lazy(async function* () {
      yield csvHeader('sales');
      for await (const r of records()) {
        const brand = toNumber(r['brand'], 'brand');
        const spec = brandSpec(brand);
        const units = Math.round(toNumber(r['units'], 'units'));
        const unitPriceCents = Math.round(
          toNumber(r['price'], 'price') * spec.ounces * 100,
        );
        yield [
          dominicksStoreCode(toNumber(r['store'], 'store')),
          dominicksOjSku(brand),
          dominicksWeekStart(toNumber(r['week'], 'week')),
          units,
          formatCents(units * unitPriceCents),
          formatCents(unitPriceCents),
          r['deal'] === '1' ? 1 : 0,
          '',
          'week',
        ].join(',');
      }
    }),
    signals: lazy(async function* () {
      yield csvHeader('signals');
      for await (const r of records()) {
        const brand = toNumber(r['brand'], 'brand');
        const feat = toNumber(r['feat'], 'feat');
        yield csvLine([
          `feature_share_${dominicksOjSku(brand).toLowerCase().replace(/-/g, '_')}`,
          'store',
          dominicksStoreCode(toNumber(r['store'], 'store')),
          dominicksWeekStart(toNumber(r['week'], 'week')),
          String(feat),
        ]);
      }
    }),
  };
}

// ---- Favorita ------------------------------------------------------------------------------------

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

function convertFavorita(dir: string): ConvertedDataset {
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

// ---- UCI Online Retail ---------------------------------------------------------------------------

export const ONLINE_RETAIL_STORE = 'UK-ONLINE';
export const onlineRetailSku = (stockCode: string): string =>
  `UCI-${stockCode}`;
const ONLINE_RETAIL_FILE = 'online_retail_top30_daily.csv';

function convertOnlineRetail(dir: string): ConvertedDataset {
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
