import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AccuracyResponse,
  BacktestPoint,
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
} from '../common/identity/store-scope';
import { runMetricsFor } from '../training/scoped-run-metrics';
import { applyOverrides } from '../overrides/override-math';
import { type OverrideRow, overrideSpec } from '../overrides/override-row';
import { type ContextTarget, forecastContext } from './forecast-context';
import { ForecastQueryDto } from './forecast-query.dto';
import { ForecastsException } from './forecasts.exception';
import { backtestOf, type SeriesRow, sumDrivers } from './series-backtest';
import { StampedCache } from '../common/stamped-cache';
import { IMPORTS_STAMP, SERVING_STAMP, stampOf } from '../database/data-stamps';
import {
  isoDay as day,
  numOrNull as num,
  type Row,
  sqlQuery,
  utcTimestamp,
} from '../database/raw-sql';

/** Rows of the queries below (numbers may come back as text from PostgreSQL, dates as Date or text). */
type Num = number | string;
interface StampRow extends Row {
  serving: unknown;
  imports: unknown;
  override: Num | null;
}
interface IdRow {
  id: Num;
}
interface ServingRow {
  run_id: string | null;
  promoted_at?: Date | string | null;
}
interface MaxDateRow {
  d: Date | string | null;
}
interface HistoryRow {
  date: Date | string;
  units: Num;
  promo: Num;
  stockout: Num;
}
interface ValueRow {
  date: Date | string;
  p10: Num;
  p50: Num;
  p90: Num;
  lo2: Num;
  hi2: Num;
  run_id: string;
}
interface BacktestRow {
  date: Date | string;
  origin: Date | string;
  p10: Num;
  p50: Num;
  p90: Num;
  actual: Num | null;
}

/**
 * The dashboard's read side. Every forecast query names the served run through a sub-select on
 * `serving` inside the same statement, so a promotion (which updates that row in one transaction)
 * is seen entirely or not at all.
 */
@Injectable()
export class ForecastsService {
  private readonly seriesCache = new StampedCache<SeriesForecastResponse>(500);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Raw SQL whose rows have the shape `T` declared beside the query. */
  private async q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await sqlQuery(this.dataSource, sql, params)) as unknown as T[];
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
    const [stamp] = await this.q<StampRow>(
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
      const [s] = await this.q<IdRow>('SELECT id FROM stores WHERE code = ?', [
        code,
      ]);
      if (!s)
        throw new ForecastsException('not_found', `Unknown store ${code}`);
      assertStoreInScope(scope, Number(s.id));
      target.storeId = Number(s.id);
      filters.push('x.store_id = ?');
      params.push(Number(s.id));
    }
    if (level === 'series' || level === 'product') {
      const sku = need(query.sku, 'sku');
      const [p] = await this.q<IdRow>('SELECT id FROM products WHERE sku = ?', [
        sku,
      ]);
      if (!p)
        throw new ForecastsException('not_found', `Unknown product ${sku}`);
      target.productId = Number(p.id);
      filters.push('x.product_id = ?');
      params.push(Number(p.id));
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
    const [serving] = await this.q<ServingRow>(
      'SELECT run_id FROM serving WHERE id = 1',
    );
    const runId = serving?.run_id ?? null;

    const days = query.historyDays ?? 180;
    const [end] = await this.q<MaxDateRow>(
      `SELECT MAX(x.date) AS d FROM sales x WHERE 1 = 1 ${where}`,
      params,
    );
    const endDate = end?.d ? day(end.d) : null;
    const from = endDate
      ? new Date(Date.parse(endDate) - (days - 1) * 86_400_000)
          .toISOString()
          .slice(0, 10)
      : '0000-01-01';
    const history = await this.q<HistoryRow>(
      `SELECT x.date, SUM(x.units) AS units, MAX(CASE WHEN x.on_promo THEN 1 ELSE 0 END) AS promo,
              MAX(CASE WHEN x.stockout THEN 1 ELSE 0 END) AS stockout
         FROM sales x WHERE x.date >= ? ${where} GROUP BY x.date ORDER BY x.date`,
      [from, ...params],
    );
    // One statement: the served run is read in the same snapshot as its values.
    const values = await this.q<ValueRow>(
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
      const p50 = Number(r.p50);
      return single
        ? {
            date: day(r.date),
            p10: Number(r.p10),
            p50,
            p90: Number(r.p90),
          }
        : {
            date: day(r.date),
            p10: Math.max(0, p50 - Math.sqrt(Number(r.lo2))),
            p50,
            p90: p50 + Math.sqrt(Number(r.hi2)),
          };
    });
    if (single) await this.withOverrides(forecast, params);
    const servedRun = values[0]?.run_id ?? runId;
    const seriesRows = await this.q<SeriesRow>(
      `SELECT x.model, x.wape, x.mase, x.smape, x.bias, x.coverage, x.volume, x.drivers
         FROM forecast_run_series x WHERE x.run_id = ? ${where}`,
      [servedRun, ...params],
    );
    const models = new Map<string, number>();
    for (const r of seriesRows)
      models.set(String(r.model), (models.get(String(r.model)) ?? 0) + 1);
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
        date: day(r.date),
        units: Number(r.units),
        onPromo: Number(r.promo) > 0,
        stockout: Number(r.stockout) > 0,
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
    const rows = await this.q<BacktestRow>(
      `SELECT x.date, MIN(x.origin) AS origin, SUM(x.p10) AS p10, SUM(x.p50) AS p50,
              SUM(x.p90) AS p90, SUM(s.units) AS actual
         FROM run_backtests x
         LEFT JOIN sales s ON s.store_id = x.store_id AND s.product_id = x.product_id AND s.date = x.date
        WHERE x.run_id = ? ${where}
        GROUP BY x.date ORDER BY x.date`,
      [runId, ...params],
    );
    return rows.map((r) => ({
      date: day(r.date),
      origin: day(r.origin),
      p10: Number(r.p10),
      p50: Number(r.p50),
      p90: Number(r.p90),
      actual: num(r.actual),
    }));
  }

  /** Adds baseline (model P50), override and final (what recommendations use) to a series' points. */
  private async withOverrides(
    forecast: ForecastPoint[],
    params: unknown[],
  ): Promise<void> {
    const overrides = (
      await this.q<OverrideRow>(
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

  /**
   * The serving run's backtest accuracy. A store manager's overall and per-category figures are
   * computed over their stores' series (the stored ones are chain-wide), and only their stores
   * are listed.
   */
  async accuracy(scope: StoreScope = ALL_STORES): Promise<AccuracyResponse> {
    const [serving] = await this.q<ServingRow>(
      'SELECT run_id, promoted_at FROM serving WHERE id = 1',
    );
    const runId = serving?.run_id ?? null;
    if (!runId)
      return {
        runId: null,
        promotedAt: null,
        overall: null,
        categories: [],
        stores: [],
      };
    const metrics = await runMetricsFor(this.dataSource, runId, scope);
    const promoted = utcTimestamp(serving?.promoted_at ?? null);
    return {
      runId,
      promotedAt: promoted ? promoted.toISOString() : null,
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
