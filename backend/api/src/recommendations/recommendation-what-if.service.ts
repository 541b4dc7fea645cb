import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WhatIfResult } from '@shelfcast/contracts';
import {
  cachingForecaster,
  replayPolicy,
  servedPolicy,
  seasonalNaiveForecaster,
  type ServiceTarget,
} from '@shelfcast/inventory-policy';
import { DataSource } from 'typeorm';
import type { StoreScope } from '../common/identity/store-scope';
import {
  RecommendationQueries,
  servedDecisionOf,
} from './recommendation-queries.service';
import { addDays } from '../common/dates';
import { isoDay, type SqlDate, sqlQuery } from '../database/raw-sql';

interface LastSaleRow {
  d: SqlDate | null;
}

interface DailySaleRow {
  date: SqlDate;
  units: number;
}

/** What-if: replays a line's policy at another service level over its last year of sales. */
@Injectable()
export class RecommendationWhatIf {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: RecommendationQueries,
  ) {}

  async whatIf(
    id: number,
    serviceLevel: number | undefined,
    scope: StoreScope,
  ): Promise<WhatIfResult> {
    const r = await this.queries.row(id, scope);
    const inputs = await this.queries.seriesInputs(r);
    const level = serviceLevel ?? Number(r.service_level);
    const service: ServiceTarget = {
      kind: r.service_kind === 'cycle-service' ? 'cycle-service' : 'fill-rate',
      level,
    };
    const storeId = Number(r.store_id);
    const productId = Number(r.product_id);
    const [end] = await sqlQuery<LastSaleRow>(
      this.dataSource,
      'SELECT MAX(date) AS d FROM sales WHERE store_id = ? AND product_id = ?',
      [storeId, productId],
    );
    const historyDays = 364;
    const demand = new Float64Array(end?.d ? historyDays : 0);
    if (end?.d) {
      const from = addDays(isoDay(end.d), -(historyDays - 1));
      for (const s of await sqlQuery<DailySaleRow>(
        this.dataSource,
        'SELECT date, units FROM sales WHERE store_id = ? AND product_id = ? AND date >= ?',
        [storeId, productId, from],
      )) {
        const i =
          (Date.parse(`${isoDay(s.date)}T00:00:00Z`) -
            Date.parse(`${from}T00:00:00Z`)) /
          86_400_000;
        if (i >= 0 && i < historyDays) demand[i] += Number(s.units);
      }
    }
    // Only the recorded part of the year: leading days before the first sale are not history.
    let first = 0;
    while (first < demand.length && demand[first] === 0) first++;
    const history = { demand: demand.subarray(first) };
    const n = history.demand.length;
    const replay = replayPolicy(
      history,
      cachingForecaster(
        seasonalNaiveForecaster({ season: inputs.unit === 'week' ? 52 : 7 }),
      ),
      {
        service,
        leadTime: Math.max(0, Math.round(inputs.leadTime)),
        reviewPeriod: Math.max(1, Math.round(inputs.reviewPeriod)),
        start: Math.min(n, Math.max(28, n - 91)),
        casePack: Number(r.case_pack),
        moq: Number(r.moq),
        policyUnmetDemand: inputs.unmetDemand,
        lostSalesDemand: 'quantiles',
      },
    );
    // The same decision as the served line, at the asked level.
    const policy = servedPolicy(servedDecisionOf(r, inputs, level));
    return {
      serviceLevel: level,
      serviceKind: service.kind,
      periods: replay.periods,
      fillRate: replay.fillRate,
      cycleServiceLevel: replay.cycleServiceLevel,
      averageOnHand: replay.averageOnHand,
      orders: replay.orders,
      orderedUnits: replay.orderedUnits,
      reorderPoint: policy.levels.reorderPoint,
      safetyStock: policy.levels.safetyStock,
      orderQuantity: policy.order.quantity,
    };
  }
}
