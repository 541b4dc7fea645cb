import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { storeScopeSql, type StoreScope } from '../common/identity/store-scope';
import {
  isoDay,
  sqlQuery,
  type SqlDate,
  type SqlNumeric,
  utcTimestamp,
} from '../database/raw-sql';
import { servingBacktestWapes } from './backtest-baseline';
import type {
  DriftFlagItem,
  RealizedAccuracyRow,
  RealizedQueryDto,
} from './dto/realized.dto';
import { metricsOf, type RealizedLevel } from './realized-math';

interface RealizedSumsRow {
  week: SqlDate;
  bucket: string;
  scope_key: string;
  n: SqlNumeric;
  abs_error: SqlNumeric;
  error: SqlNumeric;
  actual: SqlNumeric;
  scaled_error: SqlNumeric;
  scaled_n: SqlNumeric;
  hits: SqlNumeric;
}

interface DriftFlagRow {
  id: number;
  level: string;
  scope_key: string;
  store_id: number | null;
  week: SqlDate;
  reason: string;
  realized_wape: number | null;
  backtest_wape: number | null;
  bias: number | null;
  periods: number;
  action: string;
  created_at: SqlDate;
}

interface LabelRow {
  id: number;
  label: string;
}

interface SeriesBacktestRow {
  store_id: number;
  product_id: number;
  wape: number | null;
}

/** Realized accuracy and drift flags as the dashboard reads them, store-scoped. */
@Injectable()
export class RealizedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async realized(
    query: RealizedQueryDto,
    scope: StoreScope,
  ): Promise<RealizedAccuracyRow[]> {
    const level: RealizedLevel = query.level ?? 'chain';
    const bucket = query.bucket ?? 'all';
    const where = ['level = ?', storeScopeSql('store_id', scope)];
    const params: unknown[] = [level];
    if (bucket !== 'all') {
      where.push('bucket = ?');
      params.push(bucket);
    }
    if (query.scope !== undefined) {
      where.push('scope_key = ?');
      params.push(query.scope);
    }
    if (query.from) {
      where.push('week >= ?');
      params.push(query.from);
    }
    if (query.to) {
      where.push('week <= ?');
      params.push(query.to);
    }
    params.push(query.limit ?? 2000);
    const bucketCol = bucket === 'all' ? "'all'" : 'bucket';
    const rows = await sqlQuery<RealizedSumsRow>(
      this.dataSource,
      `SELECT week, ${bucketCol} AS bucket, scope_key, SUM(n) AS n, SUM(abs_error) AS abs_error,
              SUM(error) AS error, SUM(actual) AS actual, SUM(scaled_error) AS scaled_error,
              SUM(scaled_n) AS scaled_n, SUM(hits) AS hits
         FROM realized_accuracy
        WHERE ${where.join(' AND ')}
        GROUP BY week, ${bucket === 'all' ? '' : 'bucket, '}scope_key
        ORDER BY week, scope_key LIMIT ?`,
      params,
    );
    const labels = await this.labels();
    const backtest =
      (await servingBacktestWapes(this.dataSource)) ??
      new Map<string, number>();
    const series =
      level === 'series'
        ? await this.seriesBacktest()
        : new Map<string, number>();
    return rows.map((r) => {
      const m = metricsOf({
        n: Number(r.n),
        absError: Number(r.abs_error),
        error: Number(r.error),
        actual: Number(r.actual),
        scaledError: Number(r.scaled_error),
        scaledN: Number(r.scaled_n),
        hits: Number(r.hits),
      });
      return {
        week: isoDay(r.week),
        level,
        scopeKey: r.scope_key,
        label: labels(level, r.scope_key),
        bucket: r.bucket,
        points: Number(r.n),
        actual: Number(r.actual),
        ...m,
        backtestWape:
          level === 'series'
            ? (series.get(r.scope_key) ?? null)
            : (backtest.get(`${level}\u0000${r.scope_key}`) ?? null),
      };
    });
  }

  async driftFlags(scope: StoreScope): Promise<DriftFlagItem[]> {
    const rows = await sqlQuery<DriftFlagRow>(
      this.dataSource,
      `SELECT id, level, scope_key, store_id, week, reason, realized_wape, backtest_wape, bias,
              periods, action, created_at
         FROM drift_flags WHERE ${storeScopeSql('store_id', scope)}
        ORDER BY id DESC LIMIT 500`,
    );
    const labels = await this.labels();
    return rows.map((r) => ({
      id: Number(r.id),
      level: r.level,
      scopeKey: r.scope_key,
      label: labels(r.level as RealizedLevel, r.scope_key),
      storeId: r.store_id === null ? null : Number(r.store_id),
      week: isoDay(r.week),
      reason: r.reason,
      realizedWape: r.realized_wape === null ? null : Number(r.realized_wape),
      backtestWape: r.backtest_wape === null ? null : Number(r.backtest_wape),
      bias: r.bias === null ? null : Number(r.bias),
      periods: Number(r.periods),
      action: r.action,
      createdAt: (utcTimestamp(r.created_at) ?? new Date(0)).toISOString(),
    }));
  }

  /** Readable names of scope keys (store ids → codes, product ids → SKUs). */
  private async labels(): Promise<
    (level: RealizedLevel, key: string) => string
  > {
    const stores = new Map(
      (
        await sqlQuery<LabelRow>(
          this.dataSource,
          'SELECT id, code AS label FROM stores',
        )
      ).map((r) => [String(r.id), r.label]),
    );
    const products = new Map(
      (
        await sqlQuery<LabelRow>(
          this.dataSource,
          'SELECT id, sku AS label FROM products',
        )
      ).map((r) => [String(r.id), r.label]),
    );
    return (level, key) => {
      if (level === 'chain') return '';
      if (level === 'store') return stores.get(key) ?? key;
      if (level === 'category') return key;
      const [store, rest] = key.split(':');
      const storeLabel = stores.get(store) ?? store;
      return level === 'series'
        ? `${storeLabel} / ${products.get(rest) ?? rest}`
        : `${storeLabel} / ${rest}`;
    };
  }

  private async seriesBacktest(): Promise<Map<string, number>> {
    const rows = await sqlQuery<SeriesBacktestRow>(
      this.dataSource,
      `SELECT r.store_id, r.product_id, r.wape FROM forecast_run_series r
         JOIN serving s ON s.run_id = r.run_id AND s.id = 1`,
    );
    return new Map(
      rows
        .filter((r) => r.wape !== null)
        .map((r) => [`${r.store_id}:${r.product_id}`, Number(r.wape)]),
    );
  }
}
