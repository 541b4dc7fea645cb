/**
 * Loads the real benchmark datasets from ../shared/data into panels with a held-out tail.
 * Each loader returns the training panel (covariates include the known future over the horizon)
 * and the held-out actuals per series.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Covariate, Panel, SeriesInput } from '../src';
import { formatIsoDay, parseIsoDay } from '../src';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchDataRoot } from '../../../tools/bench-smoke';
import { readLines, unquote } from './csv';

/** ../shared/data or SHELFCAST_SHARED_DATA; the committed slices under BENCH_SMOKE=1. */
export function sharedDataDir(): string {
  return benchDataRoot();
}

export interface BenchDataset {
  name: string;
  panel: Panel;
  horizon: number;
  /** Held-out actuals aligned with the horizon, NaN where missing. */
  actuals: Map<string, Float64Array>;
  /** Raw text the split was derived from (for cache keys). */
  sourceText: string;
}

/** Fills NaN by carrying the last value forward, then the first value backwards. */
export function fillForward(a: Float64Array, fallback = 0): Float64Array {
  let last = NaN;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === a[i]) last = a[i];
    else a[i] = last;
  }
  let first = 0;
  while (first < a.length && !(a[first] === a[first])) first++;
  const v = first < a.length ? a[first] : fallback;
  for (let i = 0; i < first; i++) a[i] = v;
  return a;
}

/** Dominick's week index -> ISO date (week 1 starts 1989-09-14). */
export function ojWeekDate(week: number): string {
  return formatIsoDay(parseIsoDay('1989-09-14') + 7 * (week - 1));
}

interface OjRow {
  week: number;
  units: number;
  price: number;
  deal: number;
  feat: number;
}

export function loadOjRows(): { text: string; series: Map<string, OjRow[]> } {
  const path = join(sharedDataDir(), 'dominicks_oj/oj_store_brand_weekly.csv');
  const text = readFileSync(path, 'utf8');
  const series = new Map<string, OjRow[]>();
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',').map(unquote);
    const id = `s${f[0]}-b${f[1]}`;
    const rows = series.get(id) ?? [];
    rows.push({
      week: +f[2],
      units: +f[3],
      price: +f[4],
      deal: +f[5],
      feat: +f[6],
    });
    series.set(id, rows);
  }
  return { text, series };
}

/**
 * Orange-juice panel: training weeks up to `lastTrainWeek`, forecasting `horizon` weeks starting
 * `gap` weeks later. Covariates: price (price group), deal and feat (promotion group); missing
 * weeks have NaN units and carried-forward covariates.
 */
export function ojPanel(
  lastTrainWeek: number,
  horizon: number,
  gap = 0,
): BenchDataset {
  const { text, series } = loadOjRows();
  const out: SeriesInput[] = [];
  const actuals = new Map<string, Float64Array>();
  for (const [id, rows] of series) {
    rows.sort((a, b) => a.week - b.week);
    const first = rows[0].week;
    if (first > lastTrainWeek - 8) continue; // too little history before the cut
    const n = lastTrainWeek - first + 1 + gap;
    const len = n + horizon;
    const units = new Float64Array(len).fill(NaN);
    const price = new Float64Array(len).fill(NaN);
    const deal = new Float64Array(len).fill(NaN);
    const feat = new Float64Array(len).fill(NaN);
    for (const r of rows) {
      const i = r.week - first;
      if (i >= len) continue;
      units[i] = r.units;
      price[i] = r.price;
      deal[i] = r.deal;
      feat[i] = r.feat;
    }
    // The gap weeks are not known at the forecast origin.
    const values = units.slice(0, n);
    for (let i = n - gap; i < n; i++) values[i] = NaN;
    actuals.set(id, units.slice(n));
    const [store, brand] = id.slice(1).split('-b');
    const covariates: Covariate[] = [
      { name: 'price', group: 'price', values: fillForward(price) },
      { name: 'deal', group: 'promotion', values: fillForward(deal) },
      { name: 'feat', group: 'promotion', values: fillForward(feat) },
    ];
    out.push({
      id,
      start: ojWeekDate(first),
      values,
      attributes: { store, brand, category: 'orange-juice' },
      covariates,
    });
  }
  return {
    name: 'dominicks_oj',
    panel: { frequency: 'week', series: out },
    horizon,
    actuals,
    sourceText: text + `|${lastTrainWeek}|${horizon}|${gap}`,
  };
}

/** m/d/yyyy -> epoch day */
function mdyDay(s: string): number {
  const [m, d, y] = s.split('/');
  return parseIsoDay(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
}

/**
 * Favorita: 54 daily store series of transactions. Covariates: WTI oil price (market group,
 * carried forward over non-trading days), holiday flags (national, or regional/local matching the
 * store's state/city; transferred holidays excluded), national events, and paydays (15th and
 * last day of month) as events. The last `horizon` days are held out; `dropTail` days at the very
 * end are removed first (the development split drops the test window this way).
 */
export function favoritaPanel(horizon = 28, dropTail = 0): BenchDataset {
  const dir = join(sharedDataDir(), 'favorita_daily');
  const txText = readFileSync(join(dir, 'transactions.csv'), 'utf8');
  const byStore = new Map<string, Map<number, number>>();
  let lastDay = -Infinity;
  for (const line of txText.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const [date, store, tx] = line.split(',');
    const day = mdyDay(date);
    lastDay = Math.max(lastDay, day);
    const m = byStore.get(store) ?? new Map<number, number>();
    m.set(day, +tx);
    byStore.set(store, m);
  }
  const stores = new Map<
    string,
    { city: string; state: string; type: string }
  >();
  for (const line of readLines(join(dir, 'stores.csv')).slice(1)) {
    const [nbr, city, state, type] = line.split(',');
    stores.set(nbr, { city, state, type });
  }
  const oilByDay = new Map<number, number>();
  for (const line of readLines(join(dir, 'oil.csv')).slice(1)) {
    const [date, v] = line.split(',');
    if (v) oilByDay.set(mdyDay(date), +v);
  }
  const holidays: {
    day: number;
    type: string;
    locale: string;
    name: string;
    transferred: boolean;
  }[] = [];
  for (const line of readLines(join(dir, 'holidays_events.csv')).slice(1)) {
    const [date, type, locale, name, , transferred] = line.split(',');
    holidays.push({
      day: mdyDay(date),
      type,
      locale,
      name,
      transferred: transferred === 'TRUE',
    });
  }
  lastDay -= dropTail;
  const cut = lastDay - horizon; // last training day
  const out: SeriesInput[] = [];
  const actuals = new Map<string, Float64Array>();
  for (const [store, days] of byStore) {
    const first = Math.min(...days.keys());
    const n = cut - first + 1;
    if (n < 28) continue; // store 52 opened ~3 months before the cut: keep it (short history)
    const len = n + horizon;
    const y = new Float64Array(len);
    const oil = new Float64Array(len).fill(NaN);
    const holiday = new Float64Array(len);
    const event = new Float64Array(len);
    const payday = new Float64Array(len);
    const info = stores.get(store);
    for (let i = 0; i < len; i++) {
      const day = first + i;
      y[i] = days.get(day) ?? NaN;
      oil[i] = oilByDay.get(day) ?? NaN;
      const d = new Date(day * 86_400_000);
      const next = new Date((day + 1) * 86_400_000);
      payday[i] = d.getUTCDate() === 15 || next.getUTCDate() === 1 ? 1 : 0;
    }
    for (const h of holidays) {
      const i = h.day - first;
      if (i < 0 || i >= len || h.transferred || h.type === 'Work Day') continue;
      const applies =
        h.locale === 'National' ||
        (h.locale === 'Regional' && h.name === info?.state) ||
        (h.locale === 'Local' && h.name === info?.city);
      if (!applies) continue;
      if (h.type === 'Event') event[i] = 1;
      else holiday[i] = 1;
    }
    out.push({
      id: `store-${store}`,
      start: formatIsoDay(first),
      values: y.slice(0, n),
      attributes: { store, category: info?.type ?? 'unknown' },
      covariates: [
        { name: 'oil', group: 'market', values: fillForward(oil) },
        { name: 'holiday', group: 'event', values: holiday },
        { name: 'national-event', group: 'event', values: event },
        { name: 'payday', group: 'event', values: payday },
      ],
    });
    actuals.set(`store-${store}`, y.slice(n));
  }
  return {
    name: 'favorita_daily',
    panel: { frequency: 'day', series: out },
    horizon,
    actuals,
    sourceText: txText + `|${horizon}` + (dropTail ? `|${dropTail}` : ''),
  };
}
