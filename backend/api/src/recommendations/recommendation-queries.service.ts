import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Page,
  RecommendationDetail,
  RecommendationLine,
  RecommendationSort,
} from '@shelfcast/contracts';
import {
  addPeriods,
  type LineRisk,
  lineRisk,
  lostMargin,
  periodMoments,
  projectStock,
  type ServedDecision,
  servedPolicy,
  type ServiceTarget,
} from '@shelfcast/inventory-policy';
import { DataSource } from 'typeorm';
import {
  assertStoreInScope,
  type StoreScope,
  storeScopeSql,
} from '../common/identity/store-scope';
import type {
  RecommendationFiltersDto,
  RecommendationQueryDto,
} from './dto/recommendation-filters.dto';
import {
  LINE_SELECT,
  type RecommendationRow,
  toLine,
} from './recommendation-line';
import { RecommendationsException } from './recommendations.exception';
import { promotionPrices } from './price-in-effect';
import {
  type ForecastValueRow,
  type OpenOrderRow,
  openOrdersOf,
  periodDays,
  seriesForecast,
} from './series-inputs';
import { latestRecommendationRun } from '../database/current-runs';
import { stockoutRiskSql } from '../database/stockout-risk-sql';
import { isoDay, type SqlNumeric, sqlQuery } from '../database/raw-sql';
import { type OverrideRow, overrideSpec } from '../overrides/override-row';

interface CountRow {
  n: SqlNumeric;
}

interface GrainRow {
  grain: string;
}

const SORT_COLUMNS: Record<RecommendationSort, string> = {
  store: 's.code',
  sku: 'p.sku',
  recommendedQty: 'r.recommended_qty',
  finalQty: 'r.final_qty',
  excessValue: 'r.excess_value',
  valueAtRisk: 'r.lost_margin',
  lostUnits: 'r.expected_lost_units',
  daysOfCover: 'r.days_of_cover',
  stockoutDate: 'r.stockout_date_p50',
  abc: 'r.abc',
  status: 'r.status',
};

/** The store-scoped read side: filtered pages, one line with its stock projection, a line's inputs. */
@Injectable()
export class RecommendationQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  currentRun(): Promise<string | null> {
    return latestRecommendationRun(this.dataSource);
  }

  /** WHERE fragments for the filters and the reader's stores. */
  async where(
    f: RecommendationFiltersDto,
    scope: StoreScope,
  ): Promise<{ sql: string; params: unknown[] }> {
    const parts: string[] = [storeScopeSql('r.store_id', scope)];
    const params: unknown[] = [];
    const runId = f.runId ?? (await this.currentRun());
    parts.push('r.run_id = ?');
    params.push(runId ?? '');
    if (f.store) {
      parts.push('s.code = ?');
      params.push(f.store);
    }
    if (f.region) {
      parts.push('s.region = ?');
      params.push(f.region);
    }
    if (f.category) {
      parts.push("(p.category_path = ? OR p.category_path LIKE ? ESCAPE '!')");
      params.push(f.category, `${escapeLike(f.category)}/%`);
    }
    if (f.abc) {
      parts.push('r.abc = ?');
      params.push(f.abc);
    }
    if (f.xyz) {
      parts.push('r.xyz = ?');
      params.push(f.xyz);
    }
    if (f.status) {
      parts.push('r.status = ?');
      params.push(f.status);
    }
    const flag = stockoutRiskSql('r');
    if (f.risk === 'stockout') parts.push(`${flag} = 1`);
    if (f.risk === 'excess') parts.push(`${flag} = 0 AND r.excess_units > 0`);
    if (f.risk === 'none') parts.push(`${flag} = 0 AND r.excess_units <= 0`);
    if (f.search) {
      const like = `%${escapeLike(f.search.toLowerCase())}%`;
      parts.push(
        "(LOWER(p.sku) LIKE ? ESCAPE '!' OR LOWER(p.name) LIKE ? ESCAPE '!' OR LOWER(s.code) LIKE ? ESCAPE '!')",
      );
      params.push(like, like, like);
    }
    return { sql: parts.join(' AND '), params };
  }

  async list(
    q: RecommendationQueryDto,
    scope: StoreScope,
  ): Promise<Page<RecommendationLine>> {
    const { sql, params } = await this.where(q, scope);
    // Default: the value at risk, highest first (the inventory page's default too).
    const col = SORT_COLUMNS[q.sort ?? 'valueAtRisk'];
    const desc = q.order ? q.order === 'desc' : !q.sort;
    const dir = desc ? 'DESC' : 'ASC';
    const rows = await sqlQuery<RecommendationRow>(
      this.dataSource,
      `${LINE_SELECT} WHERE ${sql}
        ORDER BY CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END, ${col} ${dir}, s.code, p.sku, r.id
        LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [total] = await sqlQuery<CountRow>(
      this.dataSource,
      `SELECT COUNT(*) AS n FROM recommendations r JOIN stores s ON s.id = r.store_id
         JOIN products p ON p.id = r.product_id WHERE ${sql}`,
      params,
    );
    return {
      items: rows.map((r) => toLine(r)),
      total: Number(total?.n ?? 0),
      offset: q.offset,
      limit: q.limit,
    };
  }

  /** One line; a line of a store outside the reader's scope is refused (403). */
  async row(id: number, scope: StoreScope): Promise<RecommendationRow> {
    const [r] = await sqlQuery<RecommendationRow>(
      this.dataSource,
      `${LINE_SELECT} WHERE r.id = ?`,
      [id],
    );
    if (!r)
      throw new RecommendationsException(
        'not_found',
        `No recommendation ${id}`,
      );
    assertStoreInScope(scope, Number(r.store_id));
    return r;
  }

  async detail(id: number, scope: StoreScope): Promise<RecommendationDetail> {
    const r = await this.row(id, scope);
    const inputs = await this.seriesInputs(r);
    const breakdown = JSON.parse(String(r.explanation_json)) as Record<
      string,
      unknown
    >;
    const asOf = isoDay(r.as_of);
    const orderQuantity = Number(r.final_qty);
    const { risk, lostMargin: margin } = afterOrderRisk(
      r,
      inputs,
      orderQuantity,
    );
    const periods = Math.max(
      inputs.p50.length,
      Math.ceil(Number(r.protection_periods)),
      risk.nextDeliveryPeriod + 1,
    );
    const projection = projectStock({
      moments: periodMoments(inputs.served, periods),
      periods,
      onHand: Number(r.on_hand),
      backorders: 0,
      openOrders: inputs.openOrders,
      orderQuantity,
      orderArrivalPeriod: risk.arrivalPeriod,
      reorderPoint: Number(r.reorder_point),
      safetyStock: Number(r.safety_stock),
      asOf,
      periodUnit: inputs.unit,
    });
    const dateOf = (t: number) => addPeriods(asOf, t, inputs.unit);
    return {
      ...toLine(r),
      breakdown,
      projection: projection.map((p) => ({
        date: p.date,
        onHand: p.onHand,
        onHandWithoutOrder: p.onHandWithoutOrder,
        inbound: p.inbound,
        recommendedArrival: p.recommendedArrival,
        forecast: p.forecast,
        forecastP90: p.forecastP90,
        reorderPoint: p.reorderPoint,
        safetyStock: p.safetyStock,
      })),
      afterOrder: {
        orderQuantity,
        arrivalDate: dateOf(risk.arrivalPeriod),
        nextDeliveryDate: dateOf(risk.nextDeliveryPeriod),
        stockOutDate:
          risk.stockOutPeriod === null ? null : dateOf(risk.stockOutPeriod),
        reason: risk.reason,
        expectedLostUnits: risk.expectedLostUnits,
        lostMargin: margin,
        leadTimeDays: inputs.leadTime * inputs.days,
      },
    };
  }

  /** The line's run forecast (overrides applied), open orders and supplier timing, in periods. */
  async seriesInputs(r: RecommendationRow) {
    const storeId = Number(r.store_id);
    const productId = Number(r.product_id);
    const values = await sqlQuery<ForecastValueRow>(
      this.dataSource,
      'SELECT date, p10, p50, p90, quantiles FROM forecast_values WHERE run_id = ? AND store_id = ? AND product_id = ? ORDER BY date',
      [String(r.run_id), storeId, productId],
    );
    const overrides = (
      await sqlQuery<OverrideRow>(
        this.dataSource,
        'SELECT id, start_date, end_date, mode, value FROM forecast_overrides WHERE store_id = ? AND product_id = ?',
        [storeId, productId],
      )
    ).map((o) => overrideSpec(o));
    const [sp] = await sqlQuery<GrainRow>(
      this.dataSource,
      'SELECT grain FROM store_products WHERE store_id = ? AND product_id = ?',
      [storeId, productId],
    );
    const period = periodDays(sp?.grain ?? 'day') ?? {
      unit: 'day' as const,
      days: 1,
    };
    const orders = await sqlQuery<OpenOrderRow>(
      this.dataSource,
      "SELECT quantity, expected_date FROM purchase_orders WHERE store_id = ? AND product_id = ? AND status = 'open'",
      [storeId, productId],
    );
    const breakdown = JSON.parse(String(r.explanation_json)) as {
      leadTime?: number;
      leadTimeSd?: number;
      reviewPeriod?: number;
      shelfLife?: number | null;
      unmetDemand?: 'lost-sales' | 'backorder' | null;
    };
    const f = seriesForecast(values, overrides);
    const promo = await promotionPrices(
      this.dataSource,
      storeId,
      new Map([[productId, isoDay(r.as_of)]]),
    );
    return {
      ...f,
      /** The price in effect on the as-of day: a running promotion's, else the regular price. */
      unitPrice: promo.get(productId) ?? Number(r.regular_price ?? 0),
      unit: period.unit,
      days: period.days,
      leadTime: breakdown.leadTime ?? 0,
      leadTimeSd: breakdown.leadTimeSd ?? 0,
      reviewPeriod: breakdown.reviewPeriod ?? 1,
      // Lines generated before the setting existed were sized for backorders.
      unmetDemand: breakdown.unmetDemand ?? ('backorder' as const),
      openOrders: openOrdersOf(orders, isoDay(r.as_of), period.days),
    };
  }
}

/** A stored line's inputs, read again: its run forecast with overrides, open orders, supplier timing. */
export type SeriesInputs = Awaited<
  ReturnType<RecommendationQueries['seriesInputs']>
>;

/**
 * What ordering `orderQuantity` on a stored line leaves at risk up to the next delivery, and its
 * lost margin: lineRisk read from the demand the served decision was sized on, as the generator
 * reads it (sizeLine). The detail's "after order" and the columns stored on an adjustment both
 * come from here, so the list and the detail agree.
 */
export function afterOrderRisk(
  r: RecommendationRow,
  inputs: SeriesInputs,
  orderQuantity: number,
): { risk: LineRisk; lostMargin: number } {
  const policy = servedPolicy(servedDecisionOf(r, inputs));
  const risk = lineRisk({
    forecast: inputs.served,
    onHand: Number(r.on_hand),
    openOrders: inputs.openOrders,
    orderQuantity,
    leadTime: inputs.leadTime,
    reviewPeriod: inputs.reviewPeriod,
    limits: policy.order.limits,
    policy,
  });
  return {
    risk,
    lostMargin: lostMargin(
      risk.expectedLostUnits,
      inputs.unitPrice,
      Number(r.unit_cost),
    ),
  };
}

/** The served policy's inputs for a stored line (at its own service level unless one is given). */
export function servedDecisionOf(
  r: RecommendationRow,
  inputs: SeriesInputs,
  level = Number(r.service_level),
): ServedDecision {
  const service: ServiceTarget = {
    kind: r.service_kind === 'cycle-service' ? 'cycle-service' : 'fill-rate',
    level,
  };
  return {
    forecast: inputs.served,
    unmetDemand: inputs.unmetDemand,
    onHand: Number(r.on_hand),
    openOrders: inputs.openOrders,
    leadTime: inputs.leadTime,
    leadTimeSd: inputs.leadTimeSd,
    reviewPeriod: inputs.reviewPeriod,
    service,
    casePack: Number(r.case_pack),
    moq: Number(r.moq),
  };
}

/** `!` is the LIKE escape character in every filter here. */
function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}
