import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MetricLevel } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RUN_BACKTESTS } from './engine/backtest-rows';
import { serializeWrites } from '../database/write-gate';
import { FORECAST_VALUES, RUN_SERIES } from './engine/shard-results';
import { ForecastRun, RunMetric, RunSeries, Serving } from './entities';
import {
  FORECASTS_PROMOTED,
  type ForecastsPromotedEvent,
} from '../common/training-events';
import { storeByStore } from './training-sql';
import { numOrNull, sqlQuery, sqlQueryThenYield } from '../database/raw-sql';

/**
 * Per-series tables whose champion rows a partial run carries over, with the columns besides the
 * key (the tables' bulk-write specs). forecast_run_series comes last: the NOT EXISTS test of every
 * copy reads it.
 */
const KEY = ['run_id', 'store_id', 'product_id'];

interface StoreIdRow {
  store_id: number;
}

interface RunSeriesRow {
  store_id: number;
  product_id: number;
  wape: number | null;
  mase: number | null;
  smape: number | null;
  bias: number | null;
  coverage: number | null;
  volume: number | null;
}
const CARRIED_OVER: readonly (readonly [string, readonly string[]])[] = [
  FORECAST_VALUES,
  RUN_BACKTESTS,
  RUN_SERIES,
].map((spec) => [
  spec.table,
  spec.columns.map((c) => c.name).filter((n) => !KEY.includes(n)),
]);

/** Scores a finished run (metrics per level), compares it with the champion and swaps the serving pointer. */
@Injectable()
export class TrainingPromotion {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  /**
   * Champion/challenger on the series both runs forecast, with the same volume weights (the
   * backtest origins are the last `origins × H` periods before the data end, so runs on the same
   * data end share them). Promotion swaps the serving pointer in the transaction that marks the
   * run promoted; series the run could not forecast keep the champion's forecast.
   */
  async evaluateAndPromote(
    run: ForecastRun,
    note: (m: string) => void,
  ): Promise<void> {
    const serving = await this.dataSource
      .getRepository(Serving)
      .findOneBy({ id: 1 });
    const championId = serving?.runId ?? null;
    const own = await this.seriesRows(run.id);
    const rows = await this.aggregate(run.id, own);
    await serializeWrites(() =>
      this.dataSource.transaction(async (m) => {
        await m.delete(RunMetric, { runId: run.id });
        if (rows.length) await m.insert(RunMetric, rows);
      }),
    );
    const overall = rows.find((r) => r.level === 'overall');
    run.wape = overall?.wape ?? null;
    run.metrics = overall
      ? {
          wape: overall.wape,
          mase: overall.mase,
          smape: overall.smape,
          bias: overall.bias,
          coverage: overall.coverage,
        }
      : null;
    let promote = true;
    if (championId) {
      run.championRunId = championId;
      const champion = await this.runs.findOneBy({ id: championId });
      const theirs = new Map(
        (await this.seriesRows(championId)).map((r) => [
          `${r.storeId}:${r.productId}`,
          r,
        ]),
      );
      let mine = 0;
      let their = 0;
      let weight = 0;
      for (const r of own) {
        const c = theirs.get(`${r.storeId}:${r.productId}`);
        if (!c || r.wape === null || c.wape === null || r.volume <= 0) continue;
        mine += r.wape * r.volume;
        their += c.wape * r.volume;
        weight += r.volume;
      }
      if (weight > 0) {
        run.championWape = their / weight;
        const challenger = mine / weight;
        const limit =
          run.championWape * (1 + this.config.training.promotionTolerance);
        promote = challenger <= limit + 1e-12;
        note(
          `champion ${championId} WAPE ${run.championWape.toFixed(4)} vs challenger ${challenger.toFixed(4)} on ${own.length} series${champion?.dataEnd && champion.dataEnd !== run.dataEnd ? ` (champion data end ${champion.dataEnd}, challenger ${run.dataEnd}: origins differ)` : ' (same origins)'}; tolerance ${this.config.training.promotionTolerance}`,
        );
        if (!promote)
          run.message = `Backtest WAPE ${challenger.toFixed(4)} is worse than the champion's ${run.championWape.toFixed(4)} by more than ${(this.config.training.promotionTolerance * 100).toFixed(1)} %; the champion keeps serving.`;
      } else {
        note('no series in common with the champion: promoting');
      }
    }
    if (!promote) {
      run.status = 'rejected';
      return;
    }
    const fresh = await this.runs.findOneBy({ id: run.id });
    if (fresh?.cancelRequested) {
      run.status = 'cancelled';
      run.message = 'Cancelled on request';
      return;
    }
    // Series the run did not forecast keep the champion's forecast: copied under the new run's
    // id store by store before the swap (nobody reads a run's rows before it serves), so no
    // single statement holds the API's loop and the swap below stays one short transaction.
    if (championId && (run.scopeType !== 'all' || run.seriesFailed > 0))
      await this.carryOverChampion(run.id, championId);
    await serializeWrites(() =>
      this.dataSource.transaction(async (m) => {
        await m.update(
          Serving,
          { id: 1 },
          { runId: run.id, promotedAt: new Date() },
        );
        run.status = 'promoted';
        await m.update(ForecastRun, { id: run.id }, { status: 'promoted' });
      }),
    );
    if (run.scopeType !== 'all' || run.seriesFailed > 0) {
      const all = await this.aggregate(run.id, await this.seriesRows(run.id));
      await serializeWrites(() =>
        this.dataSource.transaction(async (m) => {
          await m.delete(RunMetric, { runId: run.id });
          if (all.length) await m.insert(RunMetric, all);
        }),
      );
    }
    note(`promoted: now serving run ${run.id}`);
    this.events.emit(FORECASTS_PROMOTED, {
      runId: run.id,
      previousRunId: championId,
    } satisfies ForecastsPromotedEvent);
  }

  private async carryOverChampion(
    runId: string,
    championId: string,
  ): Promise<void> {
    const stores = await sqlQuery<StoreIdRow>(
      this.dataSource,
      'SELECT DISTINCT store_id FROM forecast_run_series WHERE run_id = ? ORDER BY store_id',
      [championId],
    );
    await storeByStore(
      this.dataSource,
      stores.map((r) => r.store_id),
      (store) =>
        CARRIED_OVER.map(([table, columns]) => [
          `INSERT INTO ${table} (run_id, store_id, product_id, ${columns.join(', ')})
           SELECT ?, c.store_id, c.product_id, ${columns.map((c) => `c.${c}`).join(', ')} FROM ${table} c
            WHERE c.run_id = ? AND c.store_id = ? AND NOT EXISTS (SELECT 1 FROM forecast_run_series r
              WHERE r.run_id = ? AND r.store_id = c.store_id AND r.product_id = c.product_id)`,
          [runId, championId, store, runId],
        ]),
    );
  }

  /** A run's per-series scores (raw: entity hydration of thousands of rows held the loop). */
  private async seriesRows(runId: string): Promise<RunSeries[]> {
    const rows = await sqlQueryThenYield<RunSeriesRow>(
      this.dataSource,
      `SELECT store_id, product_id, wape, mase, smape, bias, coverage, volume
         FROM forecast_run_series WHERE run_id = ?`,
      [runId],
    );
    return rows.map((r) =>
      Object.assign(new RunSeries(), {
        runId,
        storeId: Number(r.store_id),
        productId: Number(r.product_id),
        wape: numOrNull(r.wape),
        mase: numOrNull(r.mase),
        smape: numOrNull(r.smape),
        bias: numOrNull(r.bias),
        coverage: numOrNull(r.coverage),
        volume: Number(r.volume ?? 0),
      }),
    );
  }

  /** Volume-weighted WAPE and bias, mean MASE/sMAPE/coverage, overall and per category and store. */
  private async aggregate(
    runId: string,
    rows: RunSeries[],
  ): Promise<RunMetric[]> {
    const stores = new Map<number, string>(
      (
        (await this.dataSource.query('SELECT id, code FROM stores')) as {
          id: number;
          code: string;
        }[]
      ).map((s) => [Number(s.id), s.code]),
    );
    const categories = new Map<number, string>(
      (
        (await this.dataSource.query(
          'SELECT id, category_path FROM products',
        )) as { id: number; category_path: string }[]
      ).map((p) => [Number(p.id), p.category_path.split('/')[0]]),
    );
    const groups = new Map<string, RunSeries[]>();
    const add = (k: string, r: RunSeries) => {
      const list = groups.get(k) ?? [];
      list.push(r);
      groups.set(k, list);
    };
    for (const r of rows) {
      add('overall\u0000', r);
      add(`category\u0000${categories.get(r.productId) ?? ''}`, r);
      add(`store\u0000${stores.get(r.storeId) ?? String(r.storeId)}`, r);
    }
    return [...groups].map(([k, list]) => {
      const [level, key] = k.split('\u0000') as [MetricLevel, string];
      const scored = list.filter((r) => r.wape !== null && r.volume > 0);
      const vol = scored.reduce((s, r) => s + r.volume, 0);
      const mean = (f: (r: RunSeries) => number | null) => {
        const v = list.map(f).filter((x): x is number => x !== null);
        return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
      };
      const weighted = (f: (r: RunSeries) => number | null) =>
        vol > 0
          ? scored.reduce((s, r) => s + (f(r) ?? 0) * r.volume, 0) / vol
          : null;
      return Object.assign(new RunMetric(), {
        runId,
        level,
        key,
        series: list.length,
        wape: weighted((r) => r.wape),
        bias: weighted((r) => r.bias),
        mase: mean((r) => r.mase),
        smape: mean((r) => r.smape),
        coverage: mean((r) => r.coverage),
      });
    });
  }
}
