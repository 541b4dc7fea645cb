/**
 * The benchmark datasets beyond orange juice and Favorita (../shared/data, see each SOURCE.md),
 * each at its natural frequency and horizon: Dominick's canned tuna and Borden cheese (weekly,
 * 12 weeks, price and display), the UCI online-retail top-30 items (daily, 28 days, intermittent)
 * and the ABS Australian retail turnover (monthly, 18 months). `dropTail` removes that many
 * periods from the end first (the development split drops the test window this way).
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { Covariate, Frequency, SeriesInput } from '../src';
import { formatIsoDay, parseIsoDay } from '../src';
import {
  type BenchDataset,
  fillForward,
  ojWeekDate,
  sharedDataDir,
} from './data';
import { csvRows } from './csv';

interface RawSeries {
  id: string;
  start: string;
  y: Float64Array;
  covariates: {
    name: string;
    group: Covariate['group'];
    values: Float64Array;
  }[];
  attributes: SeriesInput['attributes'];
}

/**
 * Cuts every raw series into a training panel and held-out actuals: the last `dropTail`
 * periods are removed, then the last `horizon` periods are held out (their covariates stay
 * known). Series with fewer than `minTrain` training periods are left out.
 */
function split(
  name: string,
  frequency: Frequency,
  raw: RawSeries[],
  horizon: number,
  dropTail: number,
  text: string,
  minTrain: number,
): BenchDataset {
  const series: SeriesInput[] = [];
  const actuals = new Map<string, Float64Array>();
  for (const r of raw) {
    const len = r.y.length - dropTail;
    const n = len - horizon;
    if (n < minTrain) continue;
    series.push({
      id: r.id,
      start: r.start,
      values: r.y.slice(0, n),
      attributes: r.attributes,
      covariates: r.covariates.map((c) => ({
        ...c,
        values: c.values.slice(0, len),
      })),
    });
    actuals.set(r.id, r.y.slice(n, len));
  }
  return {
    name,
    panel: { frequency, series },
    horizon,
    actuals,
    sourceText: text + `|${horizon}|${dropTail}`,
  };
}

/**
 * Dominick's canned tuna: 7 products, chain-level weekly units (MOVE1..7); covariates: shelf
 * price exp(LPRICEi) (price group) and the display measure NSALEi (promotion group). FULLCUST
 * (customer visits) is not known ahead of time and stays out. Weeks absent from the file are NaN.
 */
export function tunaPanel(horizon = 12, dropTail = 0): BenchDataset {
  const path = join(sharedDataDir(), 'dominicks_oj/tuna_weekly.csv');
  const { head, rows } = csvRows(path);
  const col = (n: string): number => head.indexOf(n);
  const weeks = rows.map((r) => +r[col('WEEK')]);
  const first = Math.min(...weeks);
  const len = Math.max(...weeks) - first + 1;
  const raw: RawSeries[] = [];
  for (let i = 1; i <= 7; i++) {
    const y = new Float64Array(len).fill(NaN);
    const price = new Float64Array(len).fill(NaN);
    const display = new Float64Array(len).fill(NaN);
    for (const r of rows) {
      const t = +r[col('WEEK')] - first;
      y[t] = +r[col(`MOVE${i}`)];
      price[t] = Math.exp(+r[col(`LPRICE${i}`)]);
      display[t] = +r[col(`NSALE${i}`)];
    }
    raw.push({
      id: `tuna-${i}`,
      start: ojWeekDate(first),
      y,
      attributes: { brand: String(i), category: 'tuna' },
      covariates: [
        { name: 'price', group: 'price', values: fillForward(price) },
        { name: 'display', group: 'promotion', values: fillForward(display) },
      ],
    });
  }
  const text = readFileSync(path, 'utf8');
  return split('dominicks_tuna', 'week', raw, horizon, dropTail, text, 52);
}

/**
 * Borden sliced cheese, 88 retailer accounts, consecutive weeks per retailer (the file has no
 * dates: every series starts on the same nominal Monday, 1990-01-01, so the calendar features
 * carry no real information). Covariates: price (price group), display % ACV (promotion group).
 */
export function cheesePanel(horizon = 12, dropTail = 0): BenchDataset {
  const path = join(sharedDataDir(), 'dominicks_oj/cheese_retailer_weekly.csv');
  const { rows } = csvRows(path);
  const by = new Map<string, number[][]>();
  for (const r of rows) {
    const list = by.get(r[0]) ?? [];
    list.push([+r[1], +r[2], +r[3]]);
    by.set(r[0], list);
  }
  const raw: RawSeries[] = [];
  let k = 0;
  for (const [retailer, list] of by) {
    raw.push({
      id: `cheese-${++k}`,
      start: '1990-01-01',
      y: Float64Array.from(list, (v) => v[0]),
      attributes: { store: retailer, category: 'cheese' },
      covariates: [
        {
          name: 'price',
          group: 'price',
          values: Float64Array.from(list, (v) => v[2]),
        },
        {
          name: 'display',
          group: 'promotion',
          values: Float64Array.from(list, (v) => v[1]),
        },
      ],
    });
  }
  const text = readFileSync(path, 'utf8');
  return split('dominicks_cheese', 'week', raw, horizon, dropTail, text, 26);
}

/**
 * UCI online retail, 30 best-selling items, daily units. Days without a sale of an item are zero
 * (the file omits them); a `closed` event flag marks days on which no item sold at all (the
 * shop's non-trading days, Saturdays and the Christmas break, known in advance). Each series
 * starts at its item's first sale.
 */
export function onlineRetailPanel(horizon = 28, dropTail = 0): BenchDataset {
  const path = join(
    sharedDataDir(),
    'online_retail_daily/online_retail_top30_daily.csv',
  );
  const { rows } = csvRows(path);
  const traded = new Set<number>();
  const items = new Map<string, Map<number, number>>();
  let last = -Infinity;
  for (const [item, ds, y] of rows) {
    const day = parseIsoDay(ds);
    traded.add(day);
    last = Math.max(last, day);
    const m = items.get(item) ?? new Map<number, number>();
    m.set(day, +y);
    items.set(item, m);
  }
  const raw: RawSeries[] = [];
  for (const [item, m] of items) {
    const first = Math.min(...m.keys());
    const len = last - first + 1;
    const y = new Float64Array(len);
    const closed = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      y[i] = m.get(first + i) ?? 0;
      closed[i] = traded.has(first + i) ? 0 : 1;
    }
    raw.push({
      id: `item-${item}`,
      start: formatIsoDay(first),
      y,
      attributes: { category: 'online-retail' },
      covariates: [{ name: 'closed', group: 'event', values: closed }],
    });
  }
  const text = readFileSync(path, 'utf8');
  return split('online_retail_daily', 'day', raw, horizon, dropTail, text, 56);
}

/**
 * ABS retail turnover, 152 state × industry series (AUD millions), monthly, 18 months held out.
 * No covariates; attributes: state (as store) and industry (as category).
 */
export function ausRetailPanel(horizon = 18, dropTail = 0): BenchDataset {
  const dir = join(sharedDataDir(), 'aus_retail');
  const info = new Map<string, { state: string; industry: string }>();
  for (const [id, state, industry] of csvRows(
    join(dir, 'aus_retail_series.csv'),
  ).rows)
    info.set(id, { state, industry });
  const path = join(dir, 'aus_retail_turnover.csv');
  const by = new Map<string, { month: string; v: number }[]>();
  for (const [id, month, v] of csvRows(path).rows) {
    const list = by.get(id) ?? [];
    list.push({ month, v: +v });
    by.set(id, list);
  }
  const monthIndex = (m: string): number => {
    const [y, mo] = m.split('-');
    return +y * 12 + +mo - 1;
  };
  const raw: RawSeries[] = [];
  for (const [id, list] of by) {
    list.sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
    const first = monthIndex(list[0].month);
    const len = monthIndex(list[list.length - 1].month) - first + 1;
    const y = new Float64Array(len).fill(NaN);
    for (const r of list) y[monthIndex(r.month) - first] = r.v;
    const meta = info.get(id);
    raw.push({
      id,
      start: `${list[0].month}-01`,
      y,
      attributes: { store: meta?.state, category: meta?.industry },
      covariates: [],
    });
  }
  const text = readFileSync(path, 'utf8');
  return split('aus_retail_monthly', 'month', raw, horizon, dropTail, text, 12);
}

/** Whether the files a loader reads exist (smoke fixtures hold only some of the datasets). */
export function datasetFilesExist(dataset: string): boolean {
  const files: Record<string, string> = {
    dominicks_tuna: 'dominicks_oj/tuna_weekly.csv',
    dominicks_cheese: 'dominicks_oj/cheese_retailer_weekly.csv',
    online_retail_daily: 'online_retail_daily/online_retail_top30_daily.csv',
    aus_retail_monthly: 'aus_retail/aus_retail_turnover.csv',
  };
  return existsSync(join(sharedDataDir(), files[dataset] ?? dataset));
}
