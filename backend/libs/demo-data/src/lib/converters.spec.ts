import { join } from 'node:path';
import { CSV_FORMATS, type ImportKind } from '@shelfcast/contracts';
import { parseCsvLine } from './csv';
import {
  SUPPORTED_DATASETS,
  convertDataset,
  dominicksWeekStart,
  parseUsDate,
  type ConvertedDataset,
} from './converters';

const FIXTURES = join(__dirname, '..', 'fixtures');

async function collect(
  dataset: ConvertedDataset,
  kind: ImportKind,
): Promise<string[][]> {
  const source = dataset[kind];
  if (!source) throw new Error(`no ${kind}`);
  const rows: string[][] = [];
  for await (const line of source) rows.push(parseCsvLine(line));
  const header = rows.shift();
  expect(header).toEqual(CSV_FORMATS[kind].map((c) => c.name));
  for (const row of rows) expect(row).toHaveLength(header?.length ?? 0);
  return rows;
}

describe('convertDataset', () => {
  it('lists the supported datasets and refuses others', () => {
    expect(SUPPORTED_DATASETS).toEqual([
      'dominicks_oj',
      'favorita_daily',
      'online_retail_daily',
    ]);
    expect(() => convertDataset('m5_scores', FIXTURES)).toThrow(/Unsupported/);
    expect(() =>
      convertDataset('dominicks_oj', join(FIXTURES, 'nope')),
    ).toThrow(/not found/);
  });

  describe('dominicks_oj', () => {
    const dataset = convertDataset(
      'dominicks_oj',
      join(FIXTURES, 'dominicks_oj'),
    );

    it('maps Dominick week indices to Thursday week starts from 1989-09-14', () => {
      expect(dominicksWeekStart(1)).toBe('1989-09-14');
      expect(dominicksWeekStart(40)).toBe('1990-06-14');
      expect(new Date(`${dominicksWeekStart(160)}T00:00:00Z`).getUTCDay()).toBe(
        4,
      );
    });

    it('converts stores, products, weekly sales and feature signals', async () => {
      const stores = await collect(dataset, 'stores');
      expect(stores).toEqual([
        ['DOM002', "Dominick's #2", 'Chicago', 'America/Chicago'],
        ['DOM005', "Dominick's #5", 'Chicago', 'America/Chicago'],
      ]);
      const products = await collect(dataset, 'products');
      expect(products.map((p) => p[0])).toEqual(['DOM-OJ-01', 'DOM-OJ-11']);
      const trop = products[0];
      expect(trop.slice(1, 4)).toEqual([
        'Tropicana Premium 64 oz',
        'beverages/juice/orange',
        'Tropicana',
      ]);
      // Median non-deal price per oz (0.060469 in the fixture) x 64 oz.
      expect(trop[4]).toBe('3.87');
      expect(Number(trop[5])).toBeLessThan(Number(trop[4]));
      expect(JSON.parse(trop[10])).toEqual({
        source: 'dominicks_oj',
        dominicks_brand: 1,
        size_oz: 64,
      });

      const sales = await collect(dataset, 'sales');
      expect(sales).toHaveLength(18);
      expect(sales[0]).toEqual([
        'DOM002',
        'DOM-OJ-01',
        '1990-06-14',
        '8256',
        '31950.72',
        '3.87',
        '1',
        '',
        'week',
      ]);
      const half = sales.find(
        (r) => r[1] === 'DOM-OJ-11' && r[2] === dominicksWeekStart(42),
      );
      // 0.035078 USD/oz x 128 oz = 4.49; deal = 1.
      expect(half?.slice(3, 7)).toEqual(['4864', '21839.36', '4.49', '1']);
      const storeCodes = new Set(stores.map((s) => s[0]));
      const skus = new Set(products.map((p) => p[0]));
      for (const row of sales) {
        expect(storeCodes.has(row[0])).toBe(true);
        expect(skus.has(row[1])).toBe(true);
      }

      const signals = await collect(dataset, 'signals');
      expect(signals).toContainEqual([
        'feature_share_dom_oj_11',
        'store',
        'DOM005',
        dominicksWeekStart(42),
        '1',
      ]);
      expect(signals).toHaveLength(18);
    });
  });

  describe('favorita_daily', () => {
    const dataset = convertDataset(
      'favorita_daily',
      join(FIXTURES, 'favorita_daily'),
    );

    it('parses m/d/yyyy dates', () => {
      expect(parseUsDate('1/2/2013')).toBe('2013-01-02');
      expect(parseUsDate('12/25/2012')).toBe('2012-12-25');
      expect(() => parseUsDate('2013/01/02')).toThrow();
    });

    it('converts stores (region = state), the transactions product and daily sales', async () => {
      const stores = await collect(dataset, 'stores');
      expect(stores[0]).toEqual([
        'FAV001',
        'Favorita #1 Quito',
        'Pichincha',
        'America/Guayaquil',
      ]);
      expect(stores).toHaveLength(6);
      const products = await collect(dataset, 'products');
      expect(products.map((p) => p.slice(0, 3))).toEqual([
        [
          'FAV-TRANSACTIONS',
          'Store transactions (receipts)',
          'all/transactions',
        ],
      ]);
      const sales = await collect(dataset, 'sales');
      expect(sales[0]).toEqual([
        'FAV025',
        'FAV-TRANSACTIONS',
        '2013-01-01',
        '770',
        '',
        '',
        '',
        '',
        'day',
      ]);
      expect(sales).toHaveLength(5);
    });

    it('skips blank oil prices', async () => {
      const signals = await collect(dataset, 'signals');
      expect(signals[0]).toEqual([
        'oil_price',
        'global',
        '',
        '2013-01-02',
        '93.14',
      ]);
      expect(signals.every((r) => r[4] !== '')).toBe(true);
      expect(signals.map((r) => r[3])).not.toContain('2013-01-01');
    });

    it('maps national, regional and local (city -> stores) events and drops transferred days', async () => {
      const events = await collect(dataset, 'events');
      expect(events).toContainEqual([
        'Navidad',
        'holiday',
        '2012-12-25',
        '2012-12-25',
        'global',
        '',
      ]);
      expect(events).toContainEqual([
        'Provincializacion de Cotopaxi',
        'holiday',
        '2012-04-01',
        '2012-04-01',
        'region',
        'Cotopaxi',
      ]);
      // Manta has stores 52 and 53: one store-scoped event each.
      const manta = events.filter(
        (e) => e[0] === 'Fundacion de Manta' && e[2] === '2012-03-02',
      );
      expect(manta.map((e) => [e[4], e[5]])).toEqual([
        ['store', 'FAV052'],
        ['store', 'FAV053'],
      ]);
      // Cuenca has no store in the fixture: dropped.
      expect(events.some((e) => e[0] === 'Fundacion de Cuenca')).toBe(false);
      // Transferred holiday dropped, the transfer day kept.
      expect(events.some((e) => e[2] === '2012-10-09')).toBe(false);
      expect(events).toContainEqual([
        'Traslado Independencia de Guayaquil',
        'holiday',
        '2012-10-12',
        '2012-10-12',
        'global',
        '',
      ]);
      expect(events.find((e) => e[2] === '2013-01-05')?.[1]).toBe('event');
    });
  });

  describe('online_retail_daily', () => {
    it('emits one store, one product per item and only the days present', async () => {
      const dataset = convertDataset(
        'online_retail_daily',
        join(FIXTURES, 'online_retail_daily'),
      );
      expect(dataset.signals).toBeUndefined();
      expect(await collect(dataset, 'stores')).toEqual([
        [
          'UK-ONLINE',
          'UK online gift retailer (UCI Online Retail)',
          'United Kingdom',
          'Europe/London',
        ],
      ]);
      const products = await collect(dataset, 'products');
      expect(products.map((p) => p[0])).toEqual(['UCI-15036', 'UCI-85123A']);
      const sales = await collect(dataset, 'sales');
      expect(sales[0]).toEqual([
        'UK-ONLINE',
        'UCI-15036',
        '2010-12-02',
        '48',
        '',
        '',
        '',
        '',
        'day',
      ]);
      expect(sales).toHaveLength(13);
      // 2010-12-04 is absent for item 15036 in the source: no zero row is invented.
      expect(
        sales.some((r) => r[1] === 'UCI-15036' && r[2] === '2010-12-04'),
      ).toBe(false);
    });
  });
});
