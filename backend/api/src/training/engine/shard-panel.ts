import {
  type Covariate,
  formatIsoDay,
  type Frequency,
  parseIsoDay,
  periodDay,
  type SeriesInput,
} from '@shelfcast/forecasting';
import { isoDay } from '../../database/raw-sql';
import type { SqlDate } from '../../database/raw-sql';
import type { ShardDb, SqlValue } from './shard-db';

interface SeriesMetaRow {
  store_id: number;
  product_id: number;
  grain: string;
  store_code: string;
  region: string | null;
  sku: string;
  category_path: string;
  brand: string | null;
  regular_price: number;
}

interface LastDayRow {
  d: SqlDate | null;
}

interface CalendarEventRow {
  start_date: SqlDate;
  end_date: SqlDate;
  scope: string;
  scope_key: string | null;
}

/** A sales row; booleans are 0/1 on SQLite and true/false on PostgreSQL. */
interface SaleRow {
  product_id: number;
  date: SqlDate;
  units: number;
  price: number | null;
  on_promo: boolean | number;
  stockout: boolean | number;
}
import type { ShardTask } from './shard-task';

// A shard's inputs: its series' metadata, the calendar events, and each series' sales on its
// regular grid with covariates, read with plain SQL into typed arrays.

export interface SeriesMeta {
  storeId: number;
  productId: number;
  storeCode: string;
  region: string;
  sku: string;
  category: string;
  brand: string | null;
  regularPrice: number;
  grain: Frequency;
}

export async function loadSeriesMeta(
  db: ShardDb,
  task: Pick<ShardTask, 'storeIds' | 'range' | 'category'>,
): Promise<SeriesMeta[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (task.storeIds) {
    where.push(`sp.store_id IN (${task.storeIds.map(() => '?').join(', ')})`);
    params.push(...task.storeIds);
  }
  if (task.range) {
    // Row-value comparison: supported by SQLite (3.15+) and PostgreSQL, served by the key order.
    where.push('(sp.store_id, sp.product_id) >= (?, ?)');
    where.push('(sp.store_id, sp.product_id) <= (?, ?)');
    params.push(...task.range);
  }
  if (task.category) {
    where.push('(p.category_path = ? OR p.category_path LIKE ?)');
    params.push(task.category, `${task.category}/%`);
  }
  const rows = await db.all<SeriesMetaRow>(
    `SELECT sp.store_id, sp.product_id, sp.grain, s.code AS store_code, s.region, p.sku,
            p.category_path, p.brand, p.regular_price
       FROM store_products sp
       JOIN stores s ON s.id = sp.store_id
       JOIN products p ON p.id = sp.product_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY sp.store_id, sp.product_id`,
    params,
  );
  return rows.map((r) => ({
    storeId: Number(r.store_id),
    productId: Number(r.product_id),
    storeCode: String(r.store_code),
    region: r.region ?? '',
    sku: String(r.sku),
    category: String(r.category_path),
    brand: r.brand === null ? null : String(r.brand),
    regularPrice: Number(r.regular_price),
    grain: (['day', 'week', 'month'].includes(String(r.grain))
      ? String(r.grain)
      : 'day') as Frequency,
  }));
}

export async function loadDataEnd(db: ShardDb): Promise<string | null> {
  const [row] = await db.all<LastDayRow>('SELECT MAX(date) AS d FROM sales');
  const d = row?.d;
  return d === null || d === undefined ? null : isoDay(d);
}

export interface EventRow {
  start: number;
  end: number;
  scope: string;
  key: string;
}

export async function loadEvents(db: ShardDb): Promise<EventRow[]> {
  const rows = await db.all<CalendarEventRow>(
    'SELECT start_date, end_date, scope, scope_key FROM calendar_events',
  );
  return rows.map((r) => ({
    start: parseIsoDay(isoDay(r.start_date)),
    end: parseIsoDay(isoDay(r.end_date)),
    scope: String(r.scope),
    key: String(r.scope_key ?? ''),
  }));
}

export interface LoadedPanel {
  series: SeriesInput[];
  byId: Map<string, SeriesMeta>;
  /** Units over the backtest window per series id (weights of the aggregated WAPE). */
  volume: Map<string, number>;
}

/** Longest product id list in one sales query (else a BETWEEN on the ids' range). */
const MAX_IN_LIST = 500;

/** Sales of the group, one store at a time (bounded memory), onto each series' regular grid. */
export async function loadPanel(
  db: ShardDb,
  group: SeriesMeta[],
  freq: Frequency,
  dataEnd: string,
  horizon: number,
  events: EventRow[],
): Promise<LoadedPanel> {
  const series: SeriesInput[] = [];
  const byId = new Map<string, SeriesMeta>();
  const volume = new Map<string, number>();
  const endDay = parseIsoDay(dataEnd);
  const byStore = new Map<number, SeriesMeta[]>();
  for (const m of group) {
    const list = byStore.get(m.storeId) ?? [];
    list.push(m);
    byStore.set(m.storeId, list);
  }
  for (const [storeId, metas] of byStore) {
    const wanted = new Map(metas.map((m) => [m.productId, m]));
    // Only the wanted products' rows: a shard of a large store, or the global step's sample
    // (a few products per store), reads its own series, not the whole store.
    const ids = [...wanted.keys()];
    const few = ids.length <= MAX_IN_LIST;
    const rows = await db.all<SaleRow>(
      `SELECT product_id, date, units, price, on_promo, stockout FROM sales
        WHERE store_id = ? AND ${
          few
            ? `product_id IN (${ids.map(() => '?').join(', ')})`
            : 'product_id BETWEEN ? AND ?'
        } ORDER BY product_id, date`,
      [storeId, ...(few ? ids : [Math.min(...ids), Math.max(...ids)])],
    );
    let i = 0;
    for (const meta of metas) {
      while (i < rows.length && Number(rows[i].product_id) < meta.productId)
        i++;
      let j = i;
      while (j < rows.length && Number(rows[j].product_id) === meta.productId)
        j++;
      const own = rows.slice(i, j);
      i = j;
      if (!wanted.has(meta.productId)) continue;
      const id = `${meta.storeId}:${meta.productId}`;
      byId.set(id, meta);
      series.push(toSeries(id, meta, own, freq, endDay, horizon, events));
      volume.set(id, backtestVolume(series[series.length - 1], horizon));
    }
  }
  return { series, byId, volume };
}

function toSeries(
  id: string,
  meta: SeriesMeta,
  rows: SaleRow[],
  freq: Frequency,
  endDay: number,
  horizon: number,
  events: EventRow[],
): SeriesInput {
  const startDay = rows.length ? parseIsoDay(isoDay(rows[0].date)) : endDay;
  const index = periodIndexer(freq, startDay);
  const n = Math.max(1, index(endDay) + 1);
  const values = new Float64Array(n).fill(NaN);
  const stockout = new Uint8Array(n);
  const price = new Float64Array(n + horizon).fill(NaN);
  const promo = new Float64Array(n + horizon).fill(NaN);
  for (const r of rows) {
    const k = index(parseIsoDay(isoDay(r.date)));
    if (k < 0 || k >= n) continue;
    values[k] = Number(r.units);
    stockout[k] = truthy(r.stockout) ? 1 : 0;
    const p = r.price;
    if (p !== null && p !== undefined && meta.regularPrice > 0)
      price[k] = Number(p) / meta.regularPrice;
    promo[k] = truthy(r.on_promo) ? 1 : 0;
  }
  for (let k = n; k < n + horizon; k++) price[k] = 1;
  const event = new Float64Array(n + horizon);
  const relevant = events.filter(
    (e) =>
      e.scope === 'global' ||
      (e.scope === 'store' && e.key === meta.storeCode) ||
      (e.scope === 'region' && e.key === meta.region) ||
      (e.scope === 'category' &&
        (meta.category === e.key || meta.category.startsWith(`${e.key}/`))),
  );
  if (relevant.length) {
    for (let k = 0; k < n + horizon; k++) {
      const day = periodDay(freq, startDay, k);
      const last = freq === 'day' ? day : periodDay(freq, startDay, k + 1) - 1;
      if (relevant.some((e) => e.start <= last && e.end >= day)) event[k] = 1;
    }
  }
  const covariates: Covariate[] = [
    { name: 'price_ratio', group: 'price', values: price },
    { name: 'on_promo', group: 'promotion', values: promo },
    { name: 'event', group: 'event', values: event },
  ];
  return {
    id,
    start: formatIsoDay(startDay),
    values,
    stockout,
    attributes: {
      store: meta.storeCode,
      category: meta.category.split('/')[0],
      brand: meta.brand ?? undefined,
      priceLevel: meta.regularPrice,
    },
    covariates,
  };
}

function periodIndexer(
  freq: Frequency,
  startDay: number,
): (day: number) => number {
  if (freq === 'day') return (day) => day - startDay;
  if (freq === 'week') return (day) => Math.floor((day - startDay) / 7);
  const s = new Date(startDay * 86_400_000);
  return (day) => {
    const d = new Date(day * 86_400_000);
    return (
      (d.getUTCFullYear() - s.getUTCFullYear()) * 12 +
      d.getUTCMonth() -
      s.getUTCMonth()
    );
  };
}

/** Uncensored units over the library's backtest window (the last `origins × H` periods, ≤ 3). */
function backtestVolume(s: SeriesInput, horizon: number): number {
  const n = s.values.length;
  let sum = 0;
  for (let k = Math.max(0, n - 3 * horizon); k < n; k++) {
    const v = s.values[k];
    if (v === v && !(s.stockout && s.stockout[k])) sum += v;
  }
  return sum;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}
