import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays } from '../common/dates';
import { AppConfig } from '../config/app-config';
import {
  isoDay,
  sqlQuery,
  type SqlDate,
  type SqlNumeric,
} from '../database/raw-sql';
import { ALERT_RAISED, type AlertInput } from '../notifications/alert-types';
import { DriftFlag } from './entities';
import { servingBacktestWapes } from './backtest-baseline';
import { metricsOf } from './realized-math';

interface WeekSumsRow {
  week: SqlDate;
  level: string;
  scope_key: string;
  store_id: number | null;
  abs_error: SqlNumeric;
  error: SqlNumeric;
  actual: SqlNumeric;
}

interface StoreCodeRow {
  code: string;
}

interface ScoredDayRow {
  date: SqlDate;
}

/**
 * Flags a scope whose realized accuracy left its backtest's: realized WAPE above backtest WAPE ×
 * (1 + DRIFT_WAPE_MARGIN), or |bias| above DRIFT_BIAS_BAND, for DRIFT_PERIODS consecutive complete
 * weeks (all seven days scored). A flag names the scope, the numbers and a suggested action, and
 * raises a `drift_flagged` alert; the same scope, week and reason is flagged once.
 */
@Injectable()
export class DriftService {
  private readonly logger = new Logger(DriftService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {}

  /** Checks the windows of k weeks that end in any of the given weeks; returns new flags. */
  async check(weeks: string[]): Promise<DriftFlag[]> {
    if (!weeks.length) return [];
    const {
      driftPeriods: k,
      driftWapeMargin,
      driftBiasBand,
    } = this.config.alerts;
    const backtest = await servingBacktestWapes(this.dataSource);
    if (!backtest) return [];
    const sorted = [...weeks].sort();
    const from = addDays(sorted[0], -7 * (k - 1));
    const last = sorted[sorted.length - 1];
    // A week counts once all seven of its days are scored.
    const days = await this.scoredDays(from, addDays(last, 6));
    const complete = new Set<string>();
    for (let w = from; w <= last; w = addDays(w, 7))
      if (
        Array.from({ length: 7 }, (_, i) => addDays(w, i)).every((d) =>
          days.has(d),
        )
      )
        complete.add(w);
    const rows = await sqlQuery<WeekSumsRow>(
      this.dataSource,
      `SELECT week, level, scope_key, store_id, SUM(abs_error) AS abs_error, SUM(error) AS error,
              SUM(actual) AS actual
         FROM realized_accuracy
        WHERE level IN ('chain', 'store', 'category') AND week >= ? AND week <= ?
        GROUP BY week, level, scope_key, store_id`,
      [from, last],
    );
    const byScope = new Map<string, Map<string, WeekSumsRow>>();
    for (const r of rows) {
      const k2 = `${r.level}\u0000${r.scope_key}`;
      const m = byScope.get(k2) ?? new Map<string, WeekSumsRow>();
      m.set(isoDay(r.week), r);
      byScope.set(k2, m);
    }
    const flags: DriftFlag[] = [];
    for (const [scope, perWeek] of byScope) {
      const [level, scopeKey] = scope.split('\u0000');
      const base = backtest.get(`${level}\u0000${scopeKey}`) ?? null;
      for (const end of sorted) {
        const window = Array.from({ length: k }, (_, i) =>
          addDays(end, -7 * (k - 1 - i)),
        );
        if (!window.every((w) => complete.has(w) && perWeek.has(w))) continue;
        const metrics = window.map((w) => {
          const r = perWeek.get(w) as WeekSumsRow;
          return metricsOf({
            n: 0,
            absError: Number(r.abs_error),
            error: Number(r.error),
            actual: Number(r.actual),
            scaledError: 0,
            scaledN: 0,
            hits: 0,
          });
        });
        const storeId = perWeek.get(end)?.store_id ?? null;
        const lastMetrics = metrics[metrics.length - 1];
        if (
          base !== null &&
          metrics.every(
            (x) => x.wape !== null && x.wape > base * (1 + driftWapeMargin),
          )
        )
          flags.push(
            ...(await this.flag(
              level,
              scopeKey,
              storeId,
              end,
              'wape',
              lastMetrics.wape,
              base,
              lastMetrics.bias,
            )),
          );
        if (
          metrics.every(
            (x) => x.bias !== null && Math.abs(x.bias) > driftBiasBand,
          )
        )
          flags.push(
            ...(await this.flag(
              level,
              scopeKey,
              storeId,
              end,
              'bias',
              lastMetrics.wape,
              base,
              lastMetrics.bias,
            )),
          );
      }
    }
    return flags;
  }

  private async scoredDays(from: string, to: string): Promise<Set<string>> {
    return new Set(
      (
        await sqlQuery<ScoredDayRow>(
          this.dataSource,
          'SELECT date FROM realized_days WHERE date >= ? AND date <= ?',
          [from, to],
        )
      ).map((r) => isoDay(r.date)),
    );
  }

  private async storeCode(id: string): Promise<string> {
    const [row] = await sqlQuery<StoreCodeRow>(
      this.dataSource,
      'SELECT code FROM stores WHERE id = ?',
      [Number(id)],
    );
    return row?.code ?? id;
  }

  private async flag(
    level: string,
    scopeKey: string,
    storeId: number | null,
    week: string,
    reason: 'wape' | 'bias',
    realizedWape: number | null,
    backtestWape: number | null,
    bias: number | null,
  ): Promise<DriftFlag[]> {
    const repo = this.dataSource.getRepository(DriftFlag);
    if (await repo.existsBy({ level, scopeKey, week, reason })) return [];
    const k = this.config.alerts.driftPeriods;
    const action =
      reason === 'wape'
        ? 'Retrain: realized error has run above the backtest; if a retrain does not help, check the data for gaps or changed units.'
        : (bias ?? 0) > 0
          ? 'Review overrides and promotions: forecasts run above sales.'
          : 'Check data (missing sales, stock-outs), then retrain: forecasts run below sales.';
    const flag = await repo.save(
      Object.assign(new DriftFlag(), {
        level,
        scopeKey,
        storeId,
        week,
        reason,
        realizedWape,
        backtestWape,
        bias,
        periods: k,
        action,
        createdAt: new Date(),
      }),
    );
    const scope =
      level === 'chain'
        ? 'the chain'
        : level === 'store'
          ? `store ${await this.storeCode(scopeKey)}`
          : `${level} ${scopeKey}`;
    const pct = (v: number | null) =>
      v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`;
    const alert: AlertInput = {
      type: 'drift_flagged',
      dedupeKey: `drift:${level}:${scopeKey}:${week}:${reason}`,
      storeId,
      severity: 'warning',
      title:
        reason === 'wape'
          ? `Forecast drift at ${scope}: WAPE ${pct(realizedWape)} vs ${pct(backtestWape)} in backtest for ${k} weeks`
          : `Forecast bias at ${scope}: ${pct(bias)} for ${k} weeks`,
      body: `${action} (week of ${week}: realized WAPE ${pct(realizedWape)}, backtest WAPE ${pct(backtestWape)}, bias ${pct(bias)}.)`,
      link: `/accuracy?level=${level}&scope=${encodeURIComponent(scopeKey)}`,
      data: {
        flagId: flag.id,
        level,
        scopeKey,
        week,
        reason,
        realizedWape,
        backtestWape,
        bias,
      },
    };
    this.events.emit(ALERT_RAISED, alert);
    this.logger.log(alert.title);
    return [flag];
  }
}
