import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, daysBetween } from '../common/dates';
import {
  forDialect,
  isoDay,
  sqlQuery,
  type SqlDate,
} from '../database/raw-sql';
import { serializeWrites } from '../database/write-gate';
import { DriftService } from './drift.service';
import { SALES_IMPORTED, type SalesImportedEvent } from './realized-events';
import {
  addPoint,
  emptySums,
  type ErrorSums,
  horizonBucket,
  type RealizedLevel,
  weekOf,
} from './realized-math';
import { weeklySeries } from './weekly-series';

interface BoundsRow {
  last_scored: SqlDate | null;
  first_issued: SqlDate | null;
  last_issued: SqlDate | null;
  last_sale: SqlDate | null;
}

interface ScoredDayRow {
  date: SqlDate;
}

interface StoreDayRow {
  store_id: number;
  date: SqlDate;
}

interface FrozenPointRow {
  date: SqlDate;
  store_id: number;
  product_id: number;
  step: number;
  p10: number;
  p50: number;
  p90: number;
  units: number | null;
  scale: number | null;
  category_path: string;
}

interface Aggregate extends ErrorSums {
  week: string;
  bucket: string;
  level: RealizedLevel;
  scopeKey: string;
  storeId: number | null;
}

const COLUMNS = [
  'week',
  'bucket',
  'level',
  'scope_key',
  'store_id',
  'n',
  'abs_error',
  'error',
  'actual',
  'scaled_error',
  'scaled_n',
  'hits',
] as const;
const SUMMED = COLUMNS.slice(5);
const BATCH = 200;

export interface ScoreResult {
  /** Target days whose points were added. */
  days: number;
  /** Forecast points scored. */
  points: number;
  /** Weeks rebuilt because a day of them was imported again. */
  rebuiltWeeks: string[];
}

/**
 * Scores issued forecasts when actuals arrive. A new day's points are added to the weekly sums
 * (no history is read); a day that was scored before (a correction) rebuilds its week from the
 * frozen forecasts, so sums never count a day twice. Only stores with sales on a day are scored
 * for it, a missing product counting as zero sold. Runs one at a time.
 */
@Injectable()
export class RealizedScoringService {
  private readonly logger = new Logger(RealizedScoringService.name);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drift: DriftService,
  ) {}

  @OnEvent(SALES_IMPORTED, { async: true })
  async onSalesImported(e: SalesImportedEvent): Promise<void> {
    try {
      if (e.from && e.to) await this.score(e.from, e.to);
      else await this.scoreNewDays();
    } catch (err) {
      this.logger.error(
        `Scoring ${e.from ?? 'new days'}…${e.to ?? ''}: ${String(err)}`,
      );
    }
  }

  /**
   * Scores the days after the last scored one (or the first issued day) up to the latest sales
   * day: what an import that does not report its dates added. Corrections of days scored before
   * need {@link score} with their dates.
   */
  async scoreNewDays(): Promise<ScoreResult> {
    const [bounds] = await sqlQuery<BoundsRow>(
      this.dataSource,
      `SELECT (SELECT MAX(date) FROM realized_days) AS last_scored,
              (SELECT MIN(date) FROM frozen_forecasts) AS first_issued,
              (SELECT MAX(date) FROM frozen_forecasts) AS last_issued,
              (SELECT MAX(date) FROM sales) AS last_sale`,
    );
    if (!bounds?.first_issued || !bounds.last_sale || !bounds.last_issued)
      return { days: 0, points: 0, rebuiltWeeks: [] };
    const firstIssued = isoDay(bounds.first_issued);
    const from = bounds.last_scored
      ? addDays(isoDay(bounds.last_scored), 1)
      : firstIssued;
    const lastSale = isoDay(bounds.last_sale);
    const lastIssued = isoDay(bounds.last_issued);
    const to = lastSale < lastIssued ? lastSale : lastIssued;
    return this.score(from < firstIssued ? firstIssued : from, to);
  }

  /** Scores the actuals of `from`…`to` (inclusive), then checks drift on the weeks touched. */
  score(from: string, to: string): Promise<ScoreResult> {
    const run = this.queue.then(() => this.scoreNow(from, to));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async scoreNow(from: string, to: string): Promise<ScoreResult> {
    if (daysBetween(from, to) < 0)
      return { days: 0, points: 0, rebuiltWeeks: [] };
    const scored = new Set(
      (
        await sqlQuery<ScoredDayRow>(
          this.dataSource,
          'SELECT date FROM realized_days WHERE date >= ? AND date <= ?',
          [addDays(weekOf(from), 0), addDays(weekOf(to), 6)],
        )
      ).map((r) => isoDay(r.date)),
    );
    const imported: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) imported.push(d);
    const rebuilt = [
      ...new Set(imported.filter((d) => scored.has(d)).map(weekOf)),
    ];
    // The days whose points go into the sums: every imported day, plus the days scored before in
    // each rebuilt week (their sums are deleted and recomputed).
    const days = new Set(imported);
    for (const d of scored) if (rebuilt.includes(weekOf(d))) days.add(d);
    const sorted = [...days].sort();
    const byWeek = new Map<string, string[]>();
    for (const d of sorted) {
      const w = weekOf(d);
      byWeek.set(w, [...(byWeek.get(w) ?? []), d]);
    }
    let points = 0;
    const touched: string[] = [];
    for (const [week, weekDays] of byWeek) {
      const aggregates = await this.aggregateDays(weekDays);
      points += aggregates.points;
      await serializeWrites(() =>
        this.dataSource.transaction(async (m) => {
          if (rebuilt.includes(week))
            await m.query(
              forDialect(
                this.dataSource,
                'DELETE FROM realized_accuracy WHERE week = ?',
              ),
              [week],
            );
          await this.upsert(m, [...aggregates.rows.values()]);
          await this.markScored(m, weekDays);
        }),
      );
      touched.push(week);
    }
    await this.drift.check(touched);
    return { days: imported.length, points, rebuiltWeeks: rebuilt };
  }

  /** Reads the issued forecasts of some days of one week with their actuals and sums them. */
  private async aggregateDays(
    days: string[],
  ): Promise<{ rows: Map<string, Aggregate>; points: number }> {
    const first = days[0];
    const last = days[days.length - 1];
    const wanted = new Set(days);
    const present = new Set(
      (
        await sqlQuery<StoreDayRow>(
          this.dataSource,
          'SELECT DISTINCT store_id, date FROM sales WHERE date >= ? AND date <= ?',
          [first, last],
        )
      ).map((r) => `${r.store_id}:${isoDay(r.date)}`),
    );
    const rows = await sqlQuery<FrozenPointRow>(
      this.dataSource,
      `SELECT f.date, f.store_id, f.product_id, f.step, f.p10, f.p50, f.p90,
              s.units, sc.scale, p.category_path
         FROM frozen_forecasts f
         JOIN products p ON p.id = f.product_id
         LEFT JOIN sales s ON s.store_id = f.store_id AND s.product_id = f.product_id AND s.date = f.date
         LEFT JOIN frozen_scales sc ON sc.issue_id = f.issue_id AND sc.store_id = f.store_id
                                   AND sc.product_id = f.product_id
        WHERE f.date >= ? AND f.date <= ?`,
      [first, last],
    );
    const weekly = await weeklySeries(this.dataSource);
    const out = new Map<string, Aggregate>();
    let points = 0;
    const add = (
      week: string,
      bucket: string,
      level: RealizedLevel,
      scopeKey: string,
      storeId: number | null,
      p: { p10: number; p50: number; p90: number; actual: number },
      scale: number | null,
    ) => {
      const k = `${bucket}\u0000${level}\u0000${scopeKey}`;
      let a = out.get(k);
      if (!a) {
        a = { week, bucket, level, scopeKey, storeId, ...emptySums() };
        out.set(k, a);
      }
      addPoint(a, p, scale);
    };
    for (const r of rows) {
      const day = isoDay(r.date);
      const store = Number(r.store_id);
      if (!wanted.has(day) || !present.has(`${store}:${day}`)) continue;
      points++;
      const week = weekOf(day);
      const bucket = horizonBucket(
        Number(r.step),
        weekly.has(`${store}:${r.product_id}`) ? 'week' : 'day',
      );
      const category = r.category_path.split('/')[0];
      const scale = r.scale === null ? null : Number(r.scale);
      const p = {
        p10: Number(r.p10),
        p50: Number(r.p50),
        p90: Number(r.p90),
        actual: r.units === null ? 0 : Number(r.units),
      };
      add(week, bucket, 'series', `${store}:${r.product_id}`, store, p, scale);
      add(
        week,
        bucket,
        'category_store',
        `${store}:${category}`,
        store,
        p,
        scale,
      );
      add(week, bucket, 'store', String(store), store, p, scale);
      add(week, bucket, 'category', category, null, p, scale);
      add(week, bucket, 'chain', '', null, p, scale);
    }
    return { rows: out, points };
  }

  /** Adds the sums to the stored ones (INSERT … ON CONFLICT DO UPDATE, both databases). */
  private async upsert(m: EntityManager, rows: Aggregate[]): Promise<void> {
    const set = SUMMED.map(
      (c) => `${c} = realized_accuracy.${c} + excluded.${c}`,
    ).join(', ');
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const values = chunk
        .map(() => `(${COLUMNS.map(() => '?').join(', ')})`)
        .join(', ');
      await m.query(
        forDialect(
          this.dataSource,
          `INSERT INTO realized_accuracy (${COLUMNS.join(', ')}) VALUES ${values}
           ON CONFLICT (week, bucket, level, scope_key) DO UPDATE SET ${set}`,
        ),
        chunk.flatMap((a) => [
          a.week,
          a.bucket,
          a.level,
          a.scopeKey,
          a.storeId,
          a.n,
          a.absError,
          a.error,
          a.actual,
          a.scaledError,
          a.scaledN,
          a.hits,
        ]),
      );
    }
  }

  private async markScored(m: EntityManager, days: string[]): Promise<void> {
    const now = new Date();
    for (let i = 0; i < days.length; i += BATCH) {
      const chunk = days.slice(i, i + BATCH);
      await m.query(
        forDialect(
          this.dataSource,
          `INSERT INTO realized_days (date, scored_at) VALUES ${chunk.map(() => '(?, ?)').join(', ')}
           ON CONFLICT (date) DO UPDATE SET scored_at = excluded.scored_at`,
        ),
        chunk.flatMap((d) => [
          d,
          this.dataSource.options.type === 'postgres'
            ? now
            : now.toISOString().replace('T', ' ').slice(0, 19),
        ]),
      );
    }
  }
}
