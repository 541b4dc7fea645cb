import { dayFromYmd, formatDay } from './calendar';
import { csvHeader, csvLine, formatCents, pad } from './csv';
import {
  type ConvertedDataset,
  lazy,
  median,
  readCsvRecords,
  requireFile,
  toNumber,
} from './dataset-csv';

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

export function convertDominicksOj(dir: string): ConvertedDataset {
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
