import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeriesHistory } from '../src';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchDataRoot } from '../../../tools/bench-smoke';

export interface OjSeries extends SeriesHistory {
  readonly store: number;
  readonly brand: number;
  readonly calendar: Int32Array;
  /** Shelf price × units, per week; for ABC classes. */
  readonly revenue: number;
}

export function ojCsvPath(): string {
  // ../shared/data or SHELFCAST_SHARED_DATA; the committed slice under BENCH_SMOKE=1.
  return join(benchDataRoot(), 'dominicks_oj', 'oj_store_brand_weekly.csv');
}

/** Weekly store × brand series; missing weeks are closed up (the calendar keeps the week number). */
export function loadOjSeries(path = ojCsvPath()): OjSeries[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0].replace(/"/g, '').split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: missing column ${name}`);
    return i;
  };
  const [iStore, iBrand, iWeek, iUnits, iPrice, iDeal, iFeat] = [
    'store',
    'brand',
    'week',
    'units',
    'price',
    'deal',
    'feat',
  ].map(col);
  const rows = new Map<string, number[][]>();
  for (let l = 1; l < lines.length; l++) {
    if (!lines[l]) continue;
    const f = lines[l].split(',').map(Number);
    const key = `${f[iStore]}:${f[iBrand]}`;
    const list = rows.get(key) ?? [];
    list.push([
      f[iStore],
      f[iBrand],
      f[iWeek],
      f[iUnits],
      f[iPrice],
      f[iDeal],
      f[iFeat],
    ]);
    rows.set(key, list);
  }
  const series: OjSeries[] = [];
  for (const list of rows.values()) {
    list.sort((a, b) => a[2] - b[2]);
    const pick = (j: number): Float64Array =>
      Float64Array.from(list, (r) => r[j]);
    const demand = pick(3);
    const price = pick(4);
    let revenue = 0;
    for (let i = 0; i < demand.length; i++) revenue += demand[i] * price[i];
    series.push({
      store: list[0][0],
      brand: list[0][1],
      calendar: Int32Array.from(list, (r) => r[2]),
      demand,
      covariates: { price, deal: pick(5), feat: pick(6) },
      revenue,
    });
  }
  return series.sort((a, b) => a.store - b.store || a.brand - b.brand);
}
