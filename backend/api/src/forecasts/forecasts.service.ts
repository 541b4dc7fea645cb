import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AccuracyResponse,
  BacktestPoint,
  DriverSeries,
  ForecastLevel,
  ForecastPoint,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import {
  ALL_STORES,
  assertStoreInScope,
  type StoreScope,
  storeScopeSql,
} from '../auth/store-scope';
import { RunMetric } from '../training/entities';
import { metricsOf } from '../training/training.service';
import { applyOverrides } from '../overrides/override-math';
import { overrideSpec } from '../recommendations/series-inputs';
import { type ContextTarget, forecastContext } from './forecast-context';
import { ForecastQueryDto } from './forecast-query.dto';
import { ForecastsException } from './forecasts.exception';
import { StampedCache } from '../common/stamped-cache';
import { IMPORTS_STAMP, SERVING_STAMP, stampOf } from '../database/data-stamps';
import {
  isoDay as day,
  numOrNull as num,
  type Row,
  sqlQuery,
} from '../database/raw-sql';

/**
 * The dashboard's read side. Every forecast query names the served run through a sub-select on
 * `serving` inside the same statement, so a promotion (which updates that row in one transaction)
 * is seen entirely or not at all.
 */
@Injectable()
export class ForecastsService {
  private readonly seriesCache = new StampedCache<SeriesForecastResponse>(500);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return sqlQuery(this.dataSource, sql, params);
  }

  /**
   * Store managers see their stores only: aggregates sum over their stores. Answers are cached
   * per query and scope under a stamp of what they are computed from: the serving run, the import
   * runs (sales, calendar, signals and master data only change through imports) and, for one
   * series, its newest override (overrides are only ever added). The stamp is one cheap statement
   * per request, so a promotion, an import or an override made by any instance is seen at once.
   */
  async series(
    query: ForecastQueryDto,
    scope: StoreScope = ALL_STORES,
  ): Promise<SeriesForecastResponse> {
    const single = levelOf(query) === 'series';
    const [stamp] = await this.q(
      `SELECT ${SERVING_STAMP}, ${IMPORTS_STAMP},
              ${
                single
                  ? `(SELECT MAX(o.id) FROM forecast_overrides o
                        JOIN stores s ON s.id = o.store_id JOIN products p ON p.id = o.product_id
                       WHERE s.code = ? AND p.sku = ?)`
                  : 'NULL'
              } AS override`,
      single ? [query.store, query.sku] : [],
    );
    const key = JSON.stringify([
      query.level ?? null,
      query.store ?? null,
      query.sku ?? null,
      query.category ?? null,
      query.historyDays ?? null,
      query.signal ?? null,
      scope.kind === 'all' ? null : scope.storeIds,
    ]);
    return this.seriesCache.get(key, stampOf(stamp), () =>
      this.computeSeries(query, scope),
    );
  }

  private async computeSeries(
    query: ForecastQueryDto,
    scope: StoreScope,
  ): Promise<SeriesForecastResponse> {
    const level = levelOf(query);
    const filters: string[] = [];
    const params: unknown[] = [];
    const target: ContextTarget = {
      storeId: null,
      productId: null,
      category: null,
    };
    const need = (v: string | undefined, what: string): string => {
      if (!v)
        throw new ForecastsException('invalid', `level=${level} needs ${what}`);
      return v;
    };
    if (level === 'series' || level === 'store') {
      const code = need(query.store, 'store');
      const [s] = await this.q('SELECT id FROM stores WHERE code = ?', [code]);
      if (!s)
        throw new ForecastsException('not_found', `Unknown store ${code}`);
      assertStoreInScope(scope, Number(s['id']));
      target.storeId = Number(s['id']);
      filters.push('x.store_id = ?');
      params.push(Number(s['id']));
    }
    if (level === 'series' || level === 'product') {
      const sku = need(query.sku, 'sku');
      const [p] = await this.q('SELECT id FROM products WHERE sku = ?', [sku]);
      if (!p)
        throw new ForecastsException('not_found', `Unknown product ${sku}`);
      target.productId = Number(p['id']);
      filters.push('x.product_id = ?');
      params.push(Number(p['id']));
    }
    if (level === 'category') {
      const cat = need(query.category, 'category');
      target.category = cat;
      filters.push(
        'x.product_id IN (SELECT id FROM products WHERE category_path = ? OR category_path LIKE ?)',
      );
      params.push(cat, `${cat}/%`);
    }
    filters.push(storeScopeSql('x.store_id', scope));
    const where = `AND ${filters.join(' AND ')}`;
    const [serving] = await this.q('SELECT run_id FROM serving WHERE id = 1');
    const runId = (serving?.['run_id'] as string | null) ?? null;

    const days = query.historyDays ?? 180;
    const [end] = await this.q(
      `SELECT MAX(x.date) AS d FROM sales x WHERE 1 = 1 ${where}`,
      params,
    );
    const endDate = end?.['d'] ? String(end['d']).slice(0, 10) : null;
    const from = endDate
      ? new Date(Date.parse(endDate) - (days - 1) * 86_400_000)
          .toISOString()
          .slice(0, 10)
      : '0000-01-01';
    const history = await this.q(
      `SELECT x.date, SUM(x.units) AS units, MAX(CASE WHEN x.on_promo THEN 1 ELSE 0 END) AS promo,
              MAX(CASE WHEN x.stockout THEN 1 ELSE 0 END) AS stockout
         FROM sales x WHERE x.date >= ? ${where} GROUP BY x.date ORDER BY x.date`,
      [from, ...params],
    );
    // One statement: the served run is read in the same snapshot as its values.
    const values = await this.q(
      `SELECT x.date, SUM(x.p50) AS p50, SUM(x.p10) AS p10, SUM(x.p90) AS p90,
              SUM((x.p50 - x.p10) * (x.p50 - x.p10)) AS lo2, SUM((x.p90 - x.p50) * (x.p90 - x.p50)) AS hi2,
              COUNT(*) AS n, MIN(x.model) AS model, MIN(x.run_id) AS run_id
         FROM forecast_values x
        WHERE x.run_id = (SELECT run_id FROM serving WHERE id = 1) ${where}
        GROUP BY x.date ORDER BY x.date`,
      params,
    );
    const single = level === 'series';
    const forecast = values.map((r) => {
      const p50 = Number(r['p50']);
      return single
        ? {
            date: day(r['date']),
            p10: Number(r['p10']),
            p50,
            p90: Number(r['p90']),
          }
        : {
            date: day(r['date']),
            p10: Math.max(0, p50 - Math.sqrt(Number(r['lo2']))),
            p50,
            p90: p50 + Math.sqrt(Number(r['hi2'])),
          };
    });
    if (single) await this.withOverrides(forecast, params);
    const servedRun = (values[0]?.['run_id'] as string | undefined) ?? runId;
    const seriesRows = await this.q(
      `SELECT x.model, x.wape, x.mase, x.smape, x.bias, x.coverage, x.volume, x.drivers
         FROM forecast_run_series x WHERE x.run_id = ? ${where}`,
      [servedRun, ...params],
    );
    const models = new Map<string, number>();
    for (const r of seriesRows)
      models.set(String(r['model']), (models.get(String(r['model'])) ?? 0) + 1);
    const model = [...models].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const backtestPoints = await this.backtestPoints(servedRun, where, params);
    const windowEnd =
      forecast[forecast.length - 1]?.date ?? endDate ?? '0000-01-01';
    const context = await forecastContext(
      this.dataSource,
      target,
      from,
      windowEnd,
      query.signal,
    );
    return {
      level,
      store: query.store ?? null,
      sku: query.sku ?? null,
      category: query.category ?? null,
      series: single ? 1 : seriesRows.length,
      runId: servedRun,
      model,
      history: history.map((r) => ({
        date: day(r['date']),
        units: Number(r['units']),
        onPromo: Number(r['promo']) > 0,
        stockout: Number(r['stockout']) > 0,
      })),
      forecast,
      backtest: backtestOf(seriesRows),
      backtestPoints,
      drivers: sumDrivers(seriesRows),
      ...context,
    };
  }

  /**
   * The run's stored backtest forecasts (most recent origin) summed per day over the selection's
   * series, each against the same series' sales that day.
   */
  private async backtestPoints(
    runId: string | null,
    where: string,
    params: unknown[],
  ): Promise<BacktestPoint[]> {
    if (!runId) return [];
    const rows = await this.q(
      `SELECT x.date, MIN(x.origin) AS origin, SUM(x.p10) AS p10, SUM(x.p50) AS p50,
              SUM(x.p90) AS p90, SUM(s.units) AS actual
         FROM run_backtests x
         LEFT JOIN sales s ON s.store_id = x.store_id AND s.product_id = x.product_id AND s.date = x.date
        WHERE x.run_id = ? ${where}
        GROUP BY x.date ORDER BY x.date`,
      [runId, ...params],
    );
    return rows.map((r) => ({
      date: day(r['date']),
      origin: day(r['origin']),
      p10: Number(r['p10']),
      p50: Number(r['p50']),
      p90: Number(r['p90']),
      actual: num(r['actual']),
    }));
  }

  /** Adds baseline (model P50), override and final (what recommendations use) to a series' points. */
  private async withOverrides(
    forecast: ForecastPoint[],
    params: unknown[],
  ): Promise<void> {
    const overrides = (
      await this.q(
        'SELECT id, start_date, end_date, mode, value FROM forecast_overrides x WHERE x.store_id = ? AND x.product_id = ?',
        params,
      )
    ).map(overrideSpec);
    const dates = forecast.map((f) => f.date);
    const p50 = Float64Array.from(forecast, (f) => f.p50);
    const applied = applyOverrides(
      overrides,
      dates,
      Float64Array.from(forecast, (f) => f.p10),
      p50,
      Float64Array.from(forecast, (f) => f.p90),
    );
    forecast.forEach((f, i) => {
      f.baseline = f.p50;
      f.override = Number.isNaN(applied[i]) ? null : applied[i];
      f.final = p50[i];
    });
  }

  async accuracy(scope: StoreScope = ALL_STORES): Promise<AccuracyResponse> {
    const [serving] = await this.q(
      'SELECT run_id, promoted_at FROM serving WHERE id = 1',
    );
    const runId = (serving?.['run_id'] as string | null) ?? null;
    if (!runId)
      return {
        runId: null,
        promotedAt: null,
        overall: null,
        categories: [],
        stores: [],
      };
    const metrics = metricsOf(
      runId,
      await this.dataSource.getRepository(RunMetric).findBy({ runId }),
    );
    if (scope.kind === 'stores') {
      const codes = new Set(
        (
          await this.q(
            `SELECT code FROM stores x WHERE ${storeScopeSql('x.id', scope)}`,
          )
        ).map((r) => String(r['code'])),
      );
      metrics.stores = metrics.stores.filter((m) => codes.has(m.key));
    }
    const promoted = serving?.['promoted_at'];
    return {
      runId,
      promotedAt: promoted ? new Date(String(promoted)).toISOString() : null,
      overall: metrics.overall,
      categories: metrics.categories,
      stores: metrics.stores,
    };
  }
}

/** The level asked for; by default one series when store and sku are given, else the chain. */
function levelOf(query: ForecastQueryDto): ForecastLevel {
  return query.level ?? (query.store && query.sku ? 'series' : 'chain');
}

function backtestOf(rows: Row[]): SeriesForecastResponse['backtest'] {
  const scored = rows.filter(
    (r) => num(r['wape']) !== null && Number(r['volume']) > 0,
  );
  if (!scored.length) return null;
  const vol = scored.reduce((s, r) => s + Number(r['volume']), 0);
  const w = (k: string) =>
    scored.reduce((s, r) => s + (num(r[k]) ?? 0) * Number(r['volume']), 0) /
    vol;
  const mean = (k: string) => {
    const v = rows.map((r) => num(r[k])).filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  return {
    series: rows.length,
    wape: w('wape'),
    bias: w('bias'),
    mase: mean('mase'),
    smape: mean('smape'),
    coverage: mean('coverage'),
  };
}

function sumDrivers(rows: Row[]): DriverSeries | null {
  let out: DriverSeries | null = null;
  for (const r of rows) {
    if (typeof r['drivers'] !== 'string') continue;
    const d = JSON.parse(r['drivers']) as DriverSeries;
    if (!out)
      out = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, [...v]]));
    else
      for (const [k, v] of Object.entries(d)) {
        const acc = out[k] ?? (out[k] = new Array<number>(v.length).fill(0));
        v.forEach((x, i) => (acc[i] = (acc[i] ?? 0) + x));
      }
  }
  return out;
}
