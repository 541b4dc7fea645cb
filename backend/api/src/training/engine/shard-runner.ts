import type { RunSeriesError } from '@shelfcast/contracts';
import {
  type Covariate,
  formatIsoDay,
  type Frequency,
  type PanelResult,
  parseIsoDay,
  periodDay,
  type SeriesInput,
  type SeriesResult,
  trainAndForecast,
} from '@shelfcast/forecasting';
import type { BulkColumn, UpsertSpec } from '../../imports/bulk/bulk-writer';
import { backtestRows, RUN_BACKTESTS } from './backtest-rows';
import {
  applyColdStartPriors,
  loadContentNeighbours,
} from './cold-start-priors';
import {
  openShardDb,
  type Row,
  serializeWrites,
  type ShardDb,
  type SqlValue,
} from './shard-db';
import {
  MAX_ERRORS_PER_SHARD,
  type ShardOutcome,
  type ShardProgress,
  type ShardTask,
} from './shard-task';
import { isoDay } from '../../database/raw-sql';

interface SeriesMeta {
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

const FORECAST_VALUES: UpsertSpec = {
  table: 'forecast_values',
  columns: cols([
    ['run_id', 'text'],
    ['store_id', 'int'],
    ['product_id', 'int'],
    ['date', 'date'],
    ['p10', 'float'],
    ['p50', 'float'],
    ['p90', 'float'],
    ['model', 'text'],
  ]),
  conflict: ['run_id', 'store_id', 'product_id', 'date'],
  update: ['p10', 'p50', 'p90', 'model'],
};

const RUN_SERIES: UpsertSpec = {
  table: 'forecast_run_series',
  columns: cols([
    ['run_id', 'text'],
    ['store_id', 'int'],
    ['product_id', 'int'],
    ['model', 'text'],
    ['kind', 'text'],
    ['wape', 'float'],
    ['mase', 'float'],
    ['smape', 'float'],
    ['bias', 'float'],
    ['coverage', 'float'],
    ['volume', 'float'],
    ['drivers', 'text'],
  ]),
  conflict: ['run_id', 'store_id', 'product_id'],
  update: [
    'model',
    'kind',
    'wape',
    'mase',
    'smape',
    'bias',
    'coverage',
    'volume',
    'drivers',
  ],
};

function cols(list: [string, BulkColumn['type']][]): BulkColumn[] {
  return list.map(([name, type]) => ({ name, type }));
}

/**
 * Trains one shard of a run: loads its series with plain SQL into typed arrays, runs the
 * forecasting library, and writes forecasts, per-series outcomes and model artifacts under the run
 * id (upserts, so re-running a shard after a crash is idempotent). Nothing here is served until
 * the coordinator promotes the run.
 */
export async function runShard(
  task: ShardTask,
  onProgress: (p: ShardProgress) => void = () => undefined,
): Promise<ShardOutcome> {
  const started = Date.now();
  const log: string[] = [];
  const note = (m: string) => log.push(`[${task.shard}] ${m}`);
  const db = await openShardDb(task.db);
  try {
    onProgress({
      shard: task.shard,
      phase: 'loading',
      fraction: 0,
      seriesTotal: 0,
    });
    const metas = await loadSeriesMeta(db, task);
    const dataEnd = await loadDataEnd(db);
    const errors: RunSeriesError[] = [];
    let failed = 0;
    let done = 0;
    let backend = 'none';
    const warnings: string[] = [];
    if (dataEnd === null || metas.length === 0) {
      note('no series or no sales in scope');
      return outcome();
    }
    const events = await loadEvents(db);
    const neighbours = await loadContentNeighbours(db);
    const byGrain = new Map<Frequency, SeriesMeta[]>();
    for (const m of metas) {
      const list = byGrain.get(m.grain) ?? [];
      list.push(m);
      byGrain.set(m.grain, list);
    }
    let grainIndex = 0;
    for (const [freq, group] of byGrain) {
      const horizon =
        freq === 'day'
          ? task.options.horizonDays
          : freq === 'week'
            ? Math.ceil(task.options.horizonDays / 7)
            : Math.ceil(task.options.horizonDays / 30);
      const loaded = await loadPanel(db, group, freq, dataEnd, horizon, events);
      const priors = applyColdStartPriors(
        loaded.series,
        (s) => loaded.byId.get(s.id) ?? null,
        neighbours,
        freq,
      );
      if (priors)
        note(
          `cold start: ${priors} series without history borrow a level prior from similar products`,
        );
      const share = group.length / metas.length;
      const base = grainIndex / byGrain.size;
      const report = (phase: ShardProgress['phase'], f: number) =>
        onProgress({
          shard: task.shard,
          phase,
          fraction: Math.min(1, base + share * f),
          seriesTotal: metas.length,
        });
      report('loading', 0.1);
      note(
        `loaded ${loaded.series.length} ${freq} series up to ${dataEnd} in ${Date.now() - started} ms`,
      );
      const epochs = task.options.epochs;
      const result = await trainAndForecast(
        { frequency: freq, series: loaded.series },
        {
          horizon,
          origins: task.options.origins,
          seed: task.options.seed,
          neural: task.options.neural ? { epochs, log: (m) => note(m) } : false,
          onProgress: (p) => {
            const f = p.total > 0 ? p.done / p.total : 1;
            if (p.phase === 'prepare') report('loading', 0.1);
            else if (p.phase === 'backtest')
              report('backtesting', 0.1 + 0.5 * f);
            else if (p.phase === 'train') report('training', 0.6 + 0.2 * f);
            else report('forecasting', 0.8 + 0.15 * f);
          },
        },
      );
      backend = result.backend === 'none' ? backend : result.backend;
      warnings.push(...result.warnings);
      for (const w of result.warnings) note(`warning: ${w}`);
      for (const e of result.errors) {
        failed++;
        if (errors.length < MAX_ERRORS_PER_SHARD) {
          const meta = loaded.byId.get(e.id);
          errors.push({
            series: meta ? `${meta.storeCode}/${meta.sku}` : e.id,
            message: e.message,
          });
        }
      }
      report('forecasting', 0.95);
      await writeResults(db, task, result, loaded, `${task.shard}:${freq}`);
      done += result.series.length;
      note(
        `${freq}: ${result.series.length} forecast, ${result.errors.length} failed, backend ${result.backend}, ${Object.entries(
          result.timings,
        )
          .map(([k, v]) => `${k} ${v.toFixed(1)}s`)
          .join(', ')}`,
      );
      grainIndex++;
    }
    onProgress({
      shard: task.shard,
      phase: 'forecasting',
      fraction: 1,
      seriesTotal: metas.length,
    });
    return outcome();

    function outcome(): ShardOutcome {
      return {
        shard: task.shard,
        seriesTotal: metas.length,
        seriesDone: done,
        seriesFailed: failed,
        errors,
        backend,
        warnings,
        dataEnd,
        log,
        durationMs: Date.now() - started,
      };
    }
  } finally {
    await db.close();
  }
}

async function loadSeriesMeta(
  db: ShardDb,
  task: ShardTask,
): Promise<SeriesMeta[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (task.storeIds) {
    where.push(`sp.store_id IN (${task.storeIds.map(() => '?').join(', ')})`);
    params.push(...task.storeIds);
  }
  if (task.category) {
    where.push('(p.category_path = ? OR p.category_path LIKE ?)');
    params.push(task.category, `${task.category}/%`);
  }
  const rows = await db.all(
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
    storeId: Number(r['store_id']),
    productId: Number(r['product_id']),
    storeCode: String(r['store_code']),
    region: String(r['region']),
    sku: String(r['sku']),
    category: String(r['category_path']),
    brand: r['brand'] === null ? null : String(r['brand']),
    regularPrice: Number(r['regular_price']),
    grain: (['day', 'week', 'month'].includes(String(r['grain']))
      ? String(r['grain'])
      : 'day') as Frequency,
  }));
}

async function loadDataEnd(db: ShardDb): Promise<string | null> {
  const [row] = await db.all('SELECT MAX(date) AS d FROM sales');
  const d = row?.['d'];
  return d === null || d === undefined ? null : isoDay(d);
}

interface EventRow {
  start: number;
  end: number;
  scope: string;
  key: string;
}

async function loadEvents(db: ShardDb): Promise<EventRow[]> {
  const rows = await db.all(
    'SELECT start_date, end_date, scope, scope_key FROM calendar_events',
  );
  return rows.map((r) => ({
    start: parseIsoDay(isoDay(r['start_date'])),
    end: parseIsoDay(isoDay(r['end_date'])),
    scope: String(r['scope']),
    key: String(r['scope_key'] ?? ''),
  }));
}

interface LoadedPanel {
  series: SeriesInput[];
  byId: Map<string, SeriesMeta>;
  /** Units over the backtest window per series id (weights of the aggregated WAPE). */
  volume: Map<string, number>;
}

/** Sales of the group, one store at a time (bounded memory), onto each series' regular grid. */
async function loadPanel(
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
    const rows = await db.all(
      `SELECT product_id, date, units, price, on_promo, stockout FROM sales
        WHERE store_id = ? ORDER BY product_id, date`,
      [storeId],
    );
    let i = 0;
    for (const meta of metas) {
      while (i < rows.length && Number(rows[i]['product_id']) < meta.productId)
        i++;
      let j = i;
      while (
        j < rows.length &&
        Number(rows[j]['product_id']) === meta.productId
      )
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
  rows: Row[],
  freq: Frequency,
  endDay: number,
  horizon: number,
  events: EventRow[],
): SeriesInput {
  const startDay = rows.length ? parseIsoDay(isoDay(rows[0]['date'])) : endDay;
  const index = periodIndexer(freq, startDay);
  const n = Math.max(1, index(endDay) + 1);
  const values = new Float64Array(n).fill(NaN);
  const stockout = new Uint8Array(n);
  const price = new Float64Array(n + horizon).fill(NaN);
  const promo = new Float64Array(n + horizon).fill(NaN);
  for (const r of rows) {
    const k = index(parseIsoDay(isoDay(r['date'])));
    if (k < 0 || k >= n) continue;
    values[k] = Number(r['units']);
    stockout[k] = truthy(r['stockout']) ? 1 : 0;
    const p = r['price'];
    if (p !== null && p !== undefined && meta.regularPrice > 0)
      price[k] = Number(p) / meta.regularPrice;
    promo[k] = truthy(r['on_promo']) ? 1 : 0;
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

const SERIES_PER_TRANSACTION = 200;

/** Short transactions (a few thousand rows each) keep other writers' lock waits short. */
async function writeResults(
  db: ShardDb,
  task: ShardTask,
  result: PanelResult,
  loaded: LoadedPanel,
  artifactShard: string,
): Promise<void> {
  for (let i = 0; i < result.series.length; i += SERIES_PER_TRANSACTION) {
    const chunk = result.series.slice(i, i + SERIES_PER_TRANSACTION);
    await serializeWrites(() => writeChunk(db, task, chunk, loaded));
  }
  await serializeWrites(() =>
    saveArtifacts(db, task.runId, artifactShard, result),
  );
}

async function writeChunk(
  db: ShardDb,
  task: ShardTask,
  chunk: SeriesResult[],
  loaded: LoadedPanel,
): Promise<void> {
  const tx = await db.begin();
  try {
    const values = await tx.openSink(FORECAST_VALUES);
    for (const s of chunk) {
      const meta = loaded.byId.get(s.id);
      if (!meta) continue;
      const [lo, mid, hi] = quantileRows(s);
      for (let h = 0; h < s.dates.length; h++) {
        const pending = values.write([
          task.runId,
          meta.storeId,
          meta.productId,
          s.dates[h],
          round(lo[h]),
          round(mid[h]),
          round(hi[h]),
          s.model,
        ]);
        if (pending) await pending;
      }
    }
    await values.close();
    const series = await tx.openSink(RUN_SERIES);
    for (const s of chunk) {
      const meta = loaded.byId.get(s.id);
      if (!meta) continue;
      const m = s.backtest[s.model];
      const pending = series.write([
        task.runId,
        meta.storeId,
        meta.productId,
        s.model,
        s.kind,
        finite(m?.wape),
        finite(m?.mase),
        finite(m?.smape),
        finite(m?.bias),
        finite(m?.coverage),
        m ? (loaded.volume.get(s.id) ?? 0) : 0,
        s.drivers
          ? JSON.stringify(
              Object.fromEntries(
                Object.entries(s.drivers).map(([k, v]) => [
                  k,
                  Array.from(v, round),
                ]),
              ),
            )
          : null,
      ]);
      if (pending) await pending;
    }
    await series.close();
    const backtests = await tx.openSink(RUN_BACKTESTS);
    for (const s of chunk) {
      const meta = loaded.byId.get(s.id);
      if (!meta) continue;
      for (const row of backtestRows(
        task.runId,
        meta.storeId,
        meta.productId,
        s,
      )) {
        const pending = backtests.write(row);
        if (pending) await pending;
      }
    }
    await backtests.close();
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}

async function saveArtifacts(
  db: ShardDb,
  runId: string,
  shard: string,
  result: PanelResult,
): Promise<void> {
  await db.run('DELETE FROM model_artifacts WHERE run_id = ? AND shard = ?', [
    runId,
    shard,
  ]);
  const { neural, ...baseline } = result.artifacts;
  const rows: [string, 'json' | 'base64', string, number][] = [];
  const params = JSON.stringify(baseline);
  rows.push(['baseline-params', 'json', params, Buffer.byteLength(params)]);
  if (neural) {
    const topology = JSON.stringify({
      modelTopology: neural.modelTopology,
      weightSpecs: neural.weightSpecs,
      spec: neural.spec,
    });
    rows.push([
      'neural-topology',
      'json',
      topology,
      Buffer.byteLength(topology),
    ]);
    rows.push([
      'neural-weights',
      'base64',
      Buffer.from(neural.weightData).toString('base64'),
      neural.weightData.byteLength,
    ]);
  }
  for (const [kind, encoding, content, bytes] of rows) {
    await db.run(
      'INSERT INTO model_artifacts (run_id, shard, kind, encoding, content, bytes) VALUES (?, ?, ?, ?, ?, ?)',
      [runId, shard, kind, encoding, content, bytes],
    );
  }
}

function quantileRows(
  s: SeriesResult,
): [Float64Array, Float64Array, Float64Array] {
  const { levels, values, point } = s.forecast;
  const nearest = (q: number) => {
    let best = 0;
    for (let k = 1; k < levels.length; k++)
      if (Math.abs(levels[k] - q) < Math.abs(levels[best] - q)) best = k;
    return values[best] ?? point;
  };
  return [nearest(0.1), point, nearest(0.9)];
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : 0;
}

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}
