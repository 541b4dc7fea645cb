import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DailyUnits,
  ForecastWindowKpi,
  InventoryKpi,
  OverviewResponse,
  SalesWindowKpi,
} from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { ALL_STORES, type StoreScope } from '../common/identity/store-scope';
import { Clock } from '../common/clock';
import { addDays } from '../common/dates';
import { isoDay, sqlQuery } from '../database/raw-sql';
import type { OverviewQueryDto } from './dto/overview-query.dto';
import { accuracyKpi } from './overview-accuracy';
import { OverviewException } from './overview.exception';
import { resolveScope, type ScopeFilter, storeCount } from './overview-scope';
import { stockoutRiskSql } from '../database/stockout-risk-sql';

/** Same weekdays one year back: 52 weeks, so a Saturday compares with a Saturday. */
export const LAST_YEAR_OFFSET_DAYS = 364;
const TREND_DAYS = 28;

/** A row of the last sales date. */
interface MaxDateRow {
  d: Date | string | null;
}

/** A row of units (and revenue) per day; sums may be text on PostgreSQL. */
interface DailyRow {
  date: Date | string;
  units: number | string;
  revenue?: number | string;
}

/** A row of the latest recommendation run. */
interface RunIdRow {
  run_id: string;
}

/** A row of the recommendation counts over the scope. */
interface InventoryRow {
  risk: number | string | null;
  excess: number | string | null;
  pending: number | string | null;
}

interface DailySales {
  date: string;
  units: number;
  revenue: number;
}

/**
 * The overview's KPIs for one scope, each one SQL aggregate over the same scope filter (the
 * reader's stores included). "Today" is `asOf`, by default the last sales date in the data, so
 * demo data that ends at a fixed date still shows its last weeks.
 */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async overview(
    q: OverviewQueryDto,
    reader: StoreScope = ALL_STORES,
  ): Promise<OverviewResponse> {
    const scope = q.scope ?? 'chain';
    const key = q.key ?? '';
    if (q.asOf && addDays(q.asOf, 0) !== q.asOf)
      throw new OverviewException('invalid', `asOf ${q.asOf} is not a date`);
    const ds = this.dataSource;
    const filter = await resolveScope(ds, scope, key, reader);
    const stores = await storeCount(ds, scope, key, reader);
    const asOf = q.asOf ?? (await this.lastSalesDate(filter));
    const inventory = await this.inventory(filter);
    if (!asOf)
      return {
        scope,
        key,
        asOf: null,
        asOfFromData: !q.asOf,
        stores,
        sales7: null,
        sales28: null,
        forecast7: null,
        forecast28: null,
        accuracy: await accuracyKpi(ds, filter, '0001-01-01'),
        inventory,
        trend: { sales: [], lastYear: [], forecast: [] },
      };
    const from = addDays(asOf, -(TREND_DAYS - 1));
    const thisYear = await this.dailySales(filter, from, asOf);
    const lastYear = await this.dailySales(
      filter,
      addDays(from, -LAST_YEAR_OFFSET_DAYS),
      addDays(asOf, -LAST_YEAR_OFFSET_DAYS),
    );
    const forecast = await this.dailyForecast(filter, asOf, TREND_DAYS);
    return {
      scope,
      key,
      asOf,
      asOfFromData: !q.asOf,
      stores,
      sales7: salesWindow(asOf, 7, thisYear, lastYear),
      sales28: salesWindow(asOf, 28, thisYear, lastYear),
      forecast7: forecastWindow(asOf, 7, forecast),
      forecast28: forecastWindow(asOf, 28, forecast),
      accuracy: await accuracyKpi(ds, filter, asOf),
      inventory,
      trend: {
        sales: fill(from, TREND_DAYS, thisYear),
        lastYear: fill(
          addDays(from, -LAST_YEAR_OFFSET_DAYS),
          TREND_DAYS,
          lastYear,
        ),
        forecast: forecast.map((f) => ({ date: f.date, units: f.units })),
      },
    };
  }

  /** The last sales date up to today: a stray future-dated row never moves "as of" ahead. */
  private async lastSalesDate(filter: ScopeFilter): Promise<string | null> {
    const [r] = (await sqlQuery(
      this.dataSource,
      `SELECT MAX(x.date) AS d FROM sales x WHERE x.date <= ? ${filter.sql('x')}`,
      [this.clock.today(), ...filter.params],
    )) as unknown as MaxDateRow[];
    return r?.d ? isoDay(r.d) : null;
  }

  private async dailySales(
    filter: ScopeFilter,
    from: string,
    to: string,
  ): Promise<DailySales[]> {
    const rows = (await sqlQuery(
      this.dataSource,
      `SELECT x.date, SUM(x.units) AS units, SUM(x.revenue) AS revenue
         FROM sales x WHERE x.date >= ? AND x.date <= ? ${filter.sql('x')}
        GROUP BY x.date ORDER BY x.date`,
      [from, to, ...filter.params],
    )) as unknown as DailyRow[];
    return rows.map((r) => ({
      date: isoDay(r.date),
      units: Number(r.units),
      revenue: Number(r.revenue),
    }));
  }

  /** The serving run's P50 summed per day after `asOf` (one statement: one consistent run). */
  private async dailyForecast(
    filter: ScopeFilter,
    asOf: string,
    days: number,
  ): Promise<DailyUnits[]> {
    const rows = (await sqlQuery(
      this.dataSource,
      `SELECT x.date, SUM(x.p50) AS units FROM forecast_values x
        WHERE x.run_id = (SELECT run_id FROM serving WHERE id = 1)
          AND x.date > ? AND x.date <= ? ${filter.sql('x')}
        GROUP BY x.date ORDER BY x.date`,
      [asOf, addDays(asOf, days), ...filter.params],
    )) as unknown as DailyRow[];
    return rows.map((r) => ({
      date: isoDay(r.date),
      units: Number(r.units),
    }));
  }

  /** Counts over the latest generated recommendation run, as the inventory page lists it. */
  private async inventory(filter: ScopeFilter): Promise<InventoryKpi> {
    const [latest] = (await sqlQuery(
      this.dataSource,
      'SELECT run_id FROM recommendations ORDER BY generated_at DESC, id DESC LIMIT 1',
    )) as unknown as RunIdRow[];
    const runId = latest?.run_id ?? null;
    if (!runId)
      return { runId, stockoutRisk: 0, excessValue: 0, pendingApprovals: 0 };
    const [r] = (await sqlQuery(
      this.dataSource,
      `SELECT SUM(${stockoutRiskSql('x')}) AS risk,
              SUM(x.excess_value) AS excess,
              SUM(CASE WHEN x.status IN ('pending', 'pending_approval') THEN 1 ELSE 0 END) AS pending
         FROM recommendations x WHERE x.run_id = ? ${filter.sql('x')}`,
      [runId, ...filter.params],
    )) as unknown as InventoryRow[];
    return {
      runId,
      stockoutRisk: Number(r?.risk ?? 0),
      excessValue: Number(r?.excess ?? 0),
      pendingApprovals: Number(r?.pending ?? 0),
    };
  }
}

function salesWindow(
  asOf: string,
  days: number,
  thisYear: readonly DailySales[],
  lastYear: readonly DailySales[],
): SalesWindowKpi {
  const from = addDays(asOf, -(days - 1));
  const lyFrom = addDays(from, -LAST_YEAR_OFFSET_DAYS);
  const now = thisYear.filter((d) => d.date >= from);
  const ly = lastYear.filter((d) => d.date >= lyFrom);
  const total = (rows: readonly DailySales[], k: 'units' | 'revenue') =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    days,
    from,
    to: asOf,
    units: total(now, 'units'),
    revenue: total(now, 'revenue'),
    lastYearUnits: total(ly, 'units'),
    lastYearRevenue: total(ly, 'revenue'),
    lastYearDays: ly.length,
  };
}

function forecastWindow(
  asOf: string,
  days: number,
  forecast: readonly DailyUnits[],
): ForecastWindowKpi {
  const to = addDays(asOf, days);
  const inWindow = forecast.filter((f) => f.date <= to);
  return {
    days,
    from: addDays(asOf, 1),
    to,
    units: inWindow.reduce((s, f) => s + f.units, 0),
    coveredDays: inWindow.length,
  };
}

/** One point per day (0 where no sales row), so sparklines keep their time axis. */
function fill(
  from: string,
  days: number,
  rows: readonly DailySales[],
): DailyUnits[] {
  const byDate = new Map(rows.map((r) => [r.date, r.units]));
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    return { date, units: byDate.get(date) ?? 0 };
  });
}
