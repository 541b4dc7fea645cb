/**
 * Hierarchical benchmark datasets (bench:hierarchy): bottom series on one common date grid
 * (NaN = missing), their attributes and the aggregate levels above them.
 */
import { join } from 'path';
import type { Frequency, HierarchyLevelSpec } from '../src';
import { formatIsoDay, parseIsoDay } from '../src';
import { readLines, splitCsvLine, unquote } from './csv';
import { ojWeekDate, sharedDataDir } from './data';

export interface HierarchyDataset {
  name: string;
  frequency: Frequency;
  /** ISO date of index 0 of every series. */
  start: string;
  bottoms: {
    id: string;
    attributes: Record<string, string>;
    values: Float64Array;
  }[];
  levels: HierarchyLevelSpec[];
  bottomLevel: string;
  horizon: number;
  /**
   * Index of the first forecast step of every origin, ascending, spaced one horizon apart: the
   * first `warm` are warm-up origins (never scored; their forecasts and actuals only feed methods
   * that learn from earlier origins), the next `dev` the development split, the rest the test split.
   */
  origins: number[];
  warm: number;
  dev: number;
  note: string;
}

/**
 * Warm-up origins before the scored ones: the stacked method learns its weights from the last
 * `WARM_ORIGINS` origins whose actuals are known, so the first development origin already has
 * that many behind it.
 */
export const WARM_ORIGINS = 4;

/** `count` origins spaced one horizon apart, the last one ending at the end of the data. */
function rollingOrigins(
  length: number,
  horizon: number,
  count: number,
): number[] {
  return Array.from(
    { length: count },
    (_, i) => length - horizon * (count - i),
  );
}

/**
 * Dominick's orange juice: store × brand weekly units (weeks 40–160, 913 series), store, brand
 * and chain above. Horizon 4 weeks; 16 origins (8 development, 8 test). The demographics file has
 * no price-zone column, so no zone level.
 */
export function ojHierarchy(smoke: boolean): HierarchyDataset {
  const path = join(sharedDataDir(), 'dominicks_oj/oj_store_brand_weekly.csv');
  const first = 40;
  const len = 160 - first + 1;
  const byId = new Map<
    string,
    { store: string; brand: string; values: Float64Array }
  >();
  for (const line of readLines(path).slice(1)) {
    const f = line.split(',').map(unquote);
    const [store, brand] = [f[0], f[1]];
    if (smoke && +store > 12) continue;
    const id = `s${store}-b${brand}`;
    let s = byId.get(id);
    if (!s) {
      s = { store, brand, values: new Float64Array(len).fill(NaN) };
      byId.set(id, s);
    }
    s.values[+f[2] - first] = +f[3];
  }
  const horizon = 4;
  const count = smoke ? 2 : 16;
  const warm = smoke ? 1 : WARM_ORIGINS;
  return {
    name: 'dominicks_oj',
    frequency: 'week',
    start: ojWeekDate(first),
    bottoms: [...byId].map(([id, s]) => ({
      id,
      attributes: { store: s.store, brand: s.brand },
      values: s.values,
    })),
    levels: [
      { name: 'chain', keys: [] },
      { name: 'store', keys: ['store'] },
      { name: 'brand', keys: ['brand'] },
    ],
    bottomLevel: 'store × brand',
    horizon,
    origins: rollingOrigins(len, horizon, warm + count),
    warm,
    dev: count / 2,
    note: `${byId.size} store × brand series, weeks ${first}-160; horizon ${horizon} weeks, ${count} origins (+ ${warm} warm-up)`,
  };
}

/** m/d/yyyy -> epoch day */
function mdyDay(s: string): number {
  const [m, d, y] = s.split('/');
  return parseIsoDay(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
}

/**
 * Favorita: daily transactions per store (54 stores), cluster, type, state and total above (from
 * stores.csv). To keep the bench modest only the last 2 years are used (2015-08-16..2017-08-15).
 * Horizon 14 days; 16 origins (8 development, 8 test).
 */
export function favoritaHierarchy(smoke: boolean): HierarchyDataset {
  const dir = join(sharedDataDir(), 'favorita_daily');
  const stores = new Map<string, Record<string, string>>();
  for (const line of readLines(join(dir, 'stores.csv')).slice(1)) {
    const [nbr, , state, type, cluster] = line.split(',');
    stores.set(nbr, { state, type, cluster });
  }
  const rows = readLines(join(dir, 'transactions.csv'))
    .slice(1)
    .map((l) => l.split(','));
  const lastDay = Math.max(...rows.map((r) => mdyDay(r[0])));
  const days = smoke ? 200 : 731;
  const firstDay = lastDay - days + 1;
  const byStore = new Map<string, Float64Array>();
  for (const [date, store, tx] of rows) {
    const i = mdyDay(date) - firstDay;
    if (i < 0) continue;
    if (smoke && +store > 12) continue;
    let v = byStore.get(store);
    if (!v) {
      v = new Float64Array(days).fill(NaN);
      byStore.set(store, v);
    }
    v[i] = +tx;
  }
  const horizon = 14;
  const count = smoke ? 2 : 16;
  const warm = smoke ? 1 : WARM_ORIGINS;
  const bottoms = [...byStore]
    .sort((a, b) => +a[0] - +b[0])
    .map(([store, values]) => ({
      id: `store-${store}`,
      attributes: stores.get(store) ?? { state: '?', type: '?', cluster: '?' },
      values,
    }));
  return {
    name: 'favorita_daily',
    frequency: 'day',
    start: formatIsoDay(firstDay),
    bottoms,
    levels: [
      { name: 'total', keys: [] },
      { name: 'state', keys: ['state'] },
      { name: 'type', keys: ['type'] },
      { name: 'cluster', keys: ['cluster'] },
    ],
    bottomLevel: 'store',
    horizon,
    origins: rollingOrigins(days, horizon, warm + count),
    warm,
    dev: count / 2,
    note: `${bottoms.length} stores, last ${days} days (${formatIsoDay(firstDay)}..${formatIsoDay(lastDay)}); horizon ${horizon} days, ${count} origins (+ ${warm} warm-up)`,
  };
}

/** Sub-industry → industry group (SOURCE.md); Department stores is its own bottom. */
const AUS_GROUPS: Record<string, string> = {
  'Supermarket and grocery stores': 'Food retailing',
  'Liquor retailing': 'Food retailing',
  'Other specialised food retailing': 'Food retailing',
  'Furniture, floor coverings, houseware and textile goods retailing':
    'Household goods retailing',
  'Electrical and electronic goods retailing': 'Household goods retailing',
  'Hardware, building and garden supplies retailing':
    'Household goods retailing',
  'Clothing retailing': 'Clothing, footwear and personal accessory retailing',
  'Footwear and other personal accessory retailing':
    'Clothing, footwear and personal accessory retailing',
  'Newspaper and book retailing': 'Other retailing',
  'Other recreational goods retailing': 'Other retailing',
  'Pharmaceutical, cosmetic and toiletry goods retailing': 'Other retailing',
  'Other retailing n.e.c.': 'Other retailing',
  'Cafes, restaurants and catering services':
    'Cafes, restaurants and takeaway food services',
  'Takeaway food services': 'Cafes, restaurants and takeaway food services',
  'Department stores': 'Department stores',
};

/**
 * ABS retail turnover (monthly): sub-industry × state bottom (plus Department stores × state),
 * industry group × state, state, industry group and national total built by summing the bottoms
 * (the file's group series are not used). From 1988-04 (all but 4 series exist from then; later
 * starters count as 0 in the sums before their first month). Horizon 12 months; 12 origins
 * (6 development, 6 test).
 */
export function ausRetailHierarchy(smoke: boolean): HierarchyDataset {
  const dir = join(sharedDataDir(), 'aus_retail');
  const meta = new Map<string, { state: string; industry: string }>();
  for (const line of readLines(join(dir, 'aus_retail_series.csv')).slice(1)) {
    const [id, state, industry] = splitCsvLine(line);
    if (AUS_GROUPS[industry] === undefined) continue; // a group-level series
    if (smoke && !['Tasmania', 'Australian Capital Territory'].includes(state))
      continue;
    meta.set(id, { state, industry });
  }
  const startMonth = 1988 * 12 + 3; // 1988-04 as months since year 0 (0-based month)
  const lastMonth = 2018 * 12 + 11;
  const len = lastMonth - startMonth + 1;
  const values = new Map<string, Float64Array>();
  for (const line of readLines(join(dir, 'aus_retail_turnover.csv')).slice(1)) {
    const [id, month, v] = line.split(',').map(unquote);
    if (!meta.has(id)) continue;
    const [y, mo] = month.split('-').map(Number);
    const i = y * 12 + mo - 1 - startMonth;
    if (i < 0) continue;
    let a = values.get(id);
    if (!a) {
      a = new Float64Array(len).fill(NaN);
      values.set(id, a);
    }
    a[i] = +v;
  }
  const bottoms = [...meta]
    .filter(([id]) => values.has(id))
    .map(([id, m]) => ({
      id: `${m.state} / ${m.industry}`,
      attributes: {
        state: m.state,
        group: AUS_GROUPS[m.industry],
        industry: m.industry,
      },
      values: values.get(id) as Float64Array,
    }));
  const horizon = 12;
  const count = smoke ? 2 : 12;
  const warm = smoke ? 1 : WARM_ORIGINS;
  return {
    name: 'aus_retail',
    frequency: 'month',
    start: '1988-04-01',
    bottoms,
    levels: [
      { name: 'total', keys: [] },
      { name: 'state', keys: ['state'] },
      { name: 'industry group', keys: ['group'] },
      { name: 'industry group × state', keys: ['group', 'state'] },
    ],
    bottomLevel: 'sub-industry × state',
    horizon,
    origins: rollingOrigins(len, horizon, warm + count),
    warm,
    dev: count / 2,
    note: `${bottoms.length} sub-industry × state series, 1988-04..2018-12; horizon ${horizon} months, ${count} origins (+ ${warm} warm-up)`,
  };
}
