import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DecisionResult,
  Page,
  RecommendationDetail,
  RecommendationLine,
  RecommendationRisk,
  RecommendationSort,
  RecommendationStatus,
  RegenerateResult,
  WhatIfResult,
} from '@shelfcast/contracts';
import {
  cachingForecaster,
  computePolicy,
  periodMoments,
  projectStock,
  replayPolicy,
  seasonalNaiveForecaster,
  type ServiceTarget,
} from '@shelfcast/inventory-policy';
import { DataSource, In } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import {
  assertStoreInScope,
  type StoreScope,
  storeScopeSql,
} from '../auth/store-scope';
import { AppConfig } from '../config/app-config';
import {
  FORECASTS_PROMOTED,
  type ForecastsPromotedEvent,
} from '../training/training.service';
import type {
  RecommendationFiltersDto,
  RecommendationQueryDto,
} from './dto/recommendation-filters.dto';
import { Recommendation } from './entities/recommendation.entity';
import { explanationFactsOf } from './explanation-facts';
import { generateRecommendations } from './recommendation-generator';
import { RecommendationsException } from './recommendations.exception';
import {
  addDays,
  day,
  openOrdersOf,
  overrideSpec,
  periodDays,
  query,
  type Row,
  seriesForecast,
} from './series-inputs';

const SORT_COLUMNS: Record<RecommendationSort, string> = {
  store: 's.code',
  sku: 'p.sku',
  recommendedQty: 'r.recommended_qty',
  finalQty: 'r.final_qty',
  excessValue: 'r.excess_value',
  daysOfCover: 'r.days_of_cover',
  stockoutDate: 'r.stockout_date_p50',
  abc: 'r.abc',
  status: 'r.status',
};

const LINE_SELECT = `SELECT r.*, s.code AS store_code, s.name AS store_name, p.sku, p.name AS product_name,
       p.category_path, su.code AS supplier_code, su.name AS supplier_name
  FROM recommendations r
  JOIN stores s ON s.id = r.store_id
  JOIN products p ON p.id = r.product_id
  LEFT JOIN suppliers su ON su.id = r.supplier_id`;

const CSV_HEADER = [
  'supplier_code',
  'supplier_name',
  'store_code',
  'store_name',
  'sku',
  'product_name',
  'quantity',
  'cases',
  'case_pack',
  'unit_cost',
  'line_value',
  'status',
  'approved_by',
  'approved_at',
  'reason',
];

/**
 * Replenishment workflow: generation after each promotion and on demand, a store-scoped read
 * side, per-line and bulk decisions (audited), the purchase-order CSV and the what-if replay.
 */
@Injectable()
export class RecommendationsService {
  private readonly logger = new Logger(RecommendationsService.name);
  private running: Promise<unknown> = Promise.resolve();
  private active: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  @OnEvent(FORECASTS_PROMOTED)
  onPromoted(event: ForecastsPromotedEvent): void {
    this.logger.log(
      `run ${event.runId} promoted (previous ${event.previousRunId ?? 'none'}): regenerating recommendations`,
    );
    void this.schedule(event.runId).catch(() => undefined);
  }

  /** Resolves when no generation is running (tests, shutdown). */
  async waitForIdle(): Promise<void> {
    for (;;) {
      const current = this.running;
      await current.catch(() => undefined);
      if (current === this.running) return;
    }
  }

  /** Generations run one at a time, in the background of whoever triggered them. */
  private schedule(runId: string): Promise<RegenerateResult> {
    const job = this.running
      .catch(() => undefined)
      .then(async () => {
        this.active = runId;
        const started = Date.now();
        try {
          const out = await generateRecommendations(
            this.dataSource,
            this.config.database,
            this.config.recommendations,
            runId,
            (m) => this.logger.log(m),
          );
          return {
            runId,
            async: false,
            lines: out.lines,
            superseded: out.superseded,
            durationMs: Date.now() - started,
          } satisfies RegenerateResult;
        } catch (error) {
          this.logger.error(
            `recommendations for run ${runId} failed`,
            error instanceof Error ? error.stack : String(error),
          );
          throw error;
        } finally {
          this.active = null;
        }
      });
    this.running = job;
    return job;
  }

  async regenerate(actor: AuthUser): Promise<RegenerateResult> {
    const [serving] = await query(
      this.dataSource,
      'SELECT run_id FROM serving WHERE id = 1',
    );
    const runId = (serving?.['run_id'] as string | null | undefined) ?? null;
    if (!runId)
      throw new RecommendationsException(
        'conflict',
        'No forecast run is being served yet',
      );
    const [count] = await query(
      this.dataSource,
      'SELECT COUNT(*) AS n FROM (SELECT DISTINCT store_id, product_id FROM forecast_values WHERE run_id = ?) x',
      [runId],
    );
    const series = Number(count?.['n'] ?? 0);
    await this.audit.record({
      actor: auditActor(actor),
      action: 'recommendation.regenerate',
      entity: 'recommendation',
      entityId: runId,
      after: { runId, series },
    });
    const job = this.schedule(runId);
    if (series > this.config.recommendations.syncMaxSeries) {
      job.catch(() => undefined);
      return {
        runId,
        async: true,
        lines: series,
        superseded: 0,
        durationMs: null,
      };
    }
    return job;
  }

  private async currentRun(): Promise<string | null> {
    const [r] = await query(
      this.dataSource,
      'SELECT run_id FROM recommendations ORDER BY generated_at DESC, id DESC LIMIT 1',
    );
    return (r?.['run_id'] as string | undefined) ?? null;
  }

  /** WHERE fragments for the filters and the reader's stores. */
  private async where(
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
    if (f.risk === 'stockout') parts.push('r.stockout_date_p50 IS NOT NULL');
    if (f.risk === 'excess')
      parts.push('r.stockout_date_p50 IS NULL AND r.excess_units > 0');
    if (f.risk === 'none')
      parts.push('r.stockout_date_p50 IS NULL AND r.excess_units <= 0');
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
    const col = SORT_COLUMNS[q.sort ?? 'store'];
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const rows = await query(
      this.dataSource,
      `${LINE_SELECT} WHERE ${sql}
        ORDER BY CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END, ${col} ${dir}, s.code, p.sku, r.id
        LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [total] = await query(
      this.dataSource,
      `SELECT COUNT(*) AS n FROM recommendations r JOIN stores s ON s.id = r.store_id
         JOIN products p ON p.id = r.product_id WHERE ${sql}`,
      params,
    );
    return {
      items: rows.map(toLine),
      total: Number(total?.['n'] ?? 0),
      offset: q.offset,
      limit: q.limit,
    };
  }

  /** One line; a line of a store outside the reader's scope is refused (403). */
  private async row(id: number, scope: StoreScope): Promise<Row> {
    const [r] = await query(this.dataSource, `${LINE_SELECT} WHERE r.id = ?`, [
      id,
    ]);
    if (!r)
      throw new RecommendationsException(
        'not_found',
        `No recommendation ${id}`,
      );
    assertStoreInScope(scope, Number(r['store_id']));
    return r;
  }

  async detail(id: number, scope: StoreScope): Promise<RecommendationDetail> {
    const r = await this.row(id, scope);
    const inputs = await this.seriesInputs(r);
    const moments = periodMoments(
      { levels: [0.1, 0.5, 0.9], values: [inputs.p10, inputs.p50, inputs.p90] },
      Math.max(1, inputs.p50.length),
    );
    const breakdown = JSON.parse(String(r['explanation_json'])) as Record<
      string,
      unknown
    >;
    const projection = projectStock({
      moments,
      periods: Math.max(
        inputs.p50.length,
        Math.ceil(Number(r['protection_periods'])),
      ),
      onHand: Number(r['on_hand']),
      backorders: 0,
      openOrders: inputs.openOrders,
      orderQuantity: Number(r['final_qty']),
      orderArrivalPeriod: Math.round(Math.max(0, inputs.leadTime)),
      reorderPoint: Number(r['reorder_point']),
      safetyStock: Number(r['safety_stock']),
      asOf: day(r['as_of']),
      periodUnit: inputs.unit,
    });
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
    };
  }

  /** The line's run forecast (overrides applied), open orders and supplier timing, in periods. */
  private async seriesInputs(r: Row) {
    const storeId = Number(r['store_id']);
    const productId = Number(r['product_id']);
    const values = await query(
      this.dataSource,
      'SELECT date, p10, p50, p90 FROM forecast_values WHERE run_id = ? AND store_id = ? AND product_id = ? ORDER BY date',
      [String(r['run_id']), storeId, productId],
    );
    const overrides = (
      await query(
        this.dataSource,
        'SELECT id, start_date, end_date, mode, value FROM forecast_overrides WHERE store_id = ? AND product_id = ?',
        [storeId, productId],
      )
    ).map(overrideSpec);
    const [sp] = await query(
      this.dataSource,
      'SELECT grain FROM store_products WHERE store_id = ? AND product_id = ?',
      [storeId, productId],
    );
    const period = periodDays(sp?.['grain'] ?? 'day') ?? {
      unit: 'day' as const,
      days: 1,
    };
    const orders = await query(
      this.dataSource,
      "SELECT quantity, expected_date FROM purchase_orders WHERE store_id = ? AND product_id = ? AND status = 'open'",
      [storeId, productId],
    );
    const breakdown = JSON.parse(String(r['explanation_json'])) as {
      leadTime?: number;
      leadTimeSd?: number;
      reviewPeriod?: number;
      shelfLife?: number | null;
    };
    const f = seriesForecast(values, overrides);
    return {
      ...f,
      unit: period.unit,
      days: period.days,
      leadTime: breakdown.leadTime ?? 0,
      leadTimeSd: breakdown.leadTimeSd ?? 0,
      reviewPeriod: breakdown.reviewPeriod ?? 1,
      openOrders: openOrdersOf(orders, day(r['as_of']), period.days),
    };
  }

  async whatIf(
    id: number,
    serviceLevel: number | undefined,
    scope: StoreScope,
  ): Promise<WhatIfResult> {
    const r = await this.row(id, scope);
    const inputs = await this.seriesInputs(r);
    const level = serviceLevel ?? Number(r['service_level']);
    const service: ServiceTarget = {
      kind:
        r['service_kind'] === 'cycle-service' ? 'cycle-service' : 'fill-rate',
      level,
    };
    const storeId = Number(r['store_id']);
    const productId = Number(r['product_id']);
    const [end] = await query(
      this.dataSource,
      'SELECT MAX(date) AS d FROM sales WHERE store_id = ? AND product_id = ?',
      [storeId, productId],
    );
    const historyDays = 364;
    const demand = new Float64Array(end?.['d'] ? historyDays : 0);
    if (end?.['d']) {
      const from = addDays(day(end['d']), -(historyDays - 1));
      for (const s of await query(
        this.dataSource,
        'SELECT date, units FROM sales WHERE store_id = ? AND product_id = ? AND date >= ?',
        [storeId, productId, from],
      )) {
        const i =
          (Date.parse(`${day(s['date'])}T00:00:00Z`) -
            Date.parse(`${from}T00:00:00Z`)) /
          86_400_000;
        if (i >= 0 && i < historyDays) demand[i] += Number(s['units']);
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
        casePack: Number(r['case_pack']),
        moq: Number(r['moq']),
      },
    );
    const policy = computePolicy({
      forecast: {
        levels: [0.1, 0.5, 0.9],
        values: [inputs.p10, inputs.p50, inputs.p90],
      },
      onHand: Number(r['on_hand']),
      openOrders: inputs.openOrders,
      leadTime: inputs.leadTime,
      leadTimeSd: inputs.leadTimeSd,
      reviewPeriod: inputs.reviewPeriod,
      service,
      casePack: Number(r['case_pack']),
      moq: Number(r['moq']),
    });
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

  async decide(
    id: number,
    action: 'approve' | 'reject' | 'adjust',
    user: AuthUser,
    scope: StoreScope,
    input: { quantity?: number; reason?: string },
  ): Promise<RecommendationLine> {
    const r = await this.row(id, scope);
    const status = r['status'] as RecommendationStatus;
    if (status === 'superseded')
      throw new RecommendationsException(
        'conflict',
        'This line was superseded by a newer forecast run',
      );
    const recommended = Number(r['recommended_qty']);
    let finalQty = recommended;
    let next: RecommendationStatus = 'approved';
    if (action === 'reject') {
      next = 'rejected';
      finalQty = 0;
    } else if (action === 'adjust') {
      const q = input.quantity ?? 0;
      const pack = Math.max(1, Number(r['case_pack']));
      const moq = Number(r['moq']);
      if (q % pack !== 0 || (q > 0 && q < moq))
        throw new RecommendationsException(
          'invalid',
          `Quantity must be 0 or a multiple of the case pack (${pack}) of at least the MOQ (${moq})`,
          { casePack: pack, moq },
        );
      next = 'adjusted';
      finalQty = q;
    }
    const before = {
      status,
      finalQty: Number(r['final_qty']),
      decidedBy: r['decided_by'] ?? null,
    };
    const decidedAt = new Date();
    await this.dataSource.getRepository(Recommendation).update(
      { id },
      {
        status: next,
        finalQty,
        cases: Math.ceil(finalQty / Math.max(1, Number(r['case_pack']))),
        decidedById: user.id,
        decidedBy: user.email,
        decidedAt,
        reason: input.reason ?? null,
      },
    );
    await this.audit.record({
      actor: auditActor(user),
      action: `recommendation.${action}`,
      entity: 'recommendation',
      entityId: id,
      before,
      after: { status: next, finalQty, recommendedQty: recommended },
      reason: input.reason ?? null,
    });
    return toLine((await this.row(id, scope)) as Row);
  }

  /** Approves the pending lines matching the filters within the user's stores. */
  async bulkApprove(
    filters: RecommendationFiltersDto,
    reason: string | undefined,
    user: AuthUser,
    scope: StoreScope,
  ): Promise<DecisionResult> {
    if (filters.status && filters.status !== 'pending')
      return { updated: 0, ids: [] };
    const { sql, params } = await this.where(
      { ...filters, status: 'pending' },
      scope,
    );
    const rows = await query(
      this.dataSource,
      `SELECT r.id FROM recommendations r JOIN stores s ON s.id = r.store_id
         JOIN products p ON p.id = r.product_id WHERE ${sql} ORDER BY r.id`,
      params,
    );
    const ids = rows.map((x) => Number(x['id']));
    const decidedAt = new Date();
    const repo = this.dataSource.getRepository(Recommendation);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await repo
        .createQueryBuilder()
        .update(Recommendation)
        .set({
          status: 'approved',
          finalQty: () => 'recommended_qty',
          decidedById: user.id,
          decidedBy: user.email,
          decidedAt,
          reason: reason ?? null,
        })
        .where({ id: In(chunk), status: 'pending' })
        .execute();
    }
    await this.audit.record({
      actor: auditActor(user),
      action: 'recommendation.bulk_approve',
      entity: 'recommendation',
      entityId: null,
      before: { status: 'pending', ids },
      after: { status: 'approved', count: ids.length, filters },
      reason: reason ?? null,
    });
    return { updated: ids.length, ids };
  }

  /** CSV lines of approved (or adjusted) quantities, grouped by supplier, in pages. */
  async *exportCsv(
    q: { supplier?: string; runId?: string },
    scope: StoreScope,
  ): AsyncGenerator<string> {
    const runId = q.runId ?? (await this.currentRun());
    const params: unknown[] = [runId ?? ''];
    let filter = '';
    if (q.supplier) {
      filter = ' AND su.code = ?';
      params.push(q.supplier);
    }
    yield `${CSV_HEADER.join(',')}\r\n`;
    const page = 1000;
    for (let offset = 0; ; offset += page) {
      const rows = await query(
        this.dataSource,
        `${LINE_SELECT}
          WHERE r.run_id = ? AND r.status IN ('approved', 'adjusted') AND r.final_qty > 0
            AND ${storeScopeSql('r.store_id', scope)}${filter}
          ORDER BY CASE WHEN su.code IS NULL THEN 1 ELSE 0 END, su.code, s.code, p.sku, r.id
          LIMIT ${page} OFFSET ${offset}`,
        params,
      );
      let chunk = '';
      for (const r of rows) {
        const qty = Number(r['final_qty']);
        const cost = Number(r['unit_cost']);
        chunk += `${[
          csvCell(r['supplier_code'] ?? ''),
          csvCell(r['supplier_name'] ?? ''),
          csvCell(r['store_code']),
          csvCell(r['store_name']),
          csvCell(r['sku']),
          csvCell(r['product_name']),
          String(qty),
          String(Math.ceil(qty / Math.max(1, Number(r['case_pack'])))),
          String(r['case_pack']),
          String(cost),
          String(Math.round(qty * cost * 100) / 100),
          csvCell(r['status']),
          csvCell(r['decided_by'] ?? ''),
          csvCell(r['decided_at'] ? iso(r['decided_at']) : ''),
          csvCell(r['reason'] ?? ''),
        ].join(',')}\r\n`;
      }
      if (chunk) yield chunk;
      if (rows.length < page) return;
    }
  }

  get generating(): string | null {
    return this.active;
  }
}

function auditActor(user: AuthUser): AuditActor {
  return { id: user.id, email: user.email };
}

function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(s)
    ? new Date(`${s.replace(' ', 'T')}Z`).toISOString()
    : new Date(s).toISOString();
}

/**
 * One CSV cell: text that a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed
 * with an apostrophe, then cells with separators, quotes or line breaks are quoted.
 */
export function csvCell(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function riskOf(r: Row): RecommendationRisk {
  if (r['stockout_date_p50'] !== null) return 'stockout';
  return Number(r['excess_units']) > 0 ? 'excess' : 'none';
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function toLine(r: Row): RecommendationLine {
  return {
    id: Number(r['id']),
    runId: String(r['run_id']),
    generatedAt: iso(r['generated_at']),
    asOf: day(r['as_of']),
    store: String(r['store_code']),
    storeName: String(r['store_name']),
    sku: String(r['sku']),
    productName: String(r['product_name']),
    category: String(r['category_path']),
    supplier: (r['supplier_code'] as string | null) ?? null,
    status: r['status'] as RecommendationStatus,
    risk: riskOf(r),
    recommendedQty: Number(r['recommended_qty']),
    finalQty: Number(r['final_qty']),
    cases: Number(r['cases']),
    casePack: Number(r['case_pack']),
    moq: Number(r['moq']),
    safetyStock: Number(r['safety_stock']),
    reorderPoint: Number(r['reorder_point']),
    orderUpTo: Number(r['order_up_to']),
    inventoryPosition: Number(r['inventory_position']),
    onHand: Number(r['on_hand']),
    inbound: Number(r['inbound']),
    demandMean: Number(r['demand_mean']),
    demandSd: Number(r['demand_sd']),
    protectionPeriods: Number(r['protection_periods']),
    serviceKind:
      r['service_kind'] === 'cycle-service' ? 'cycle-service' : 'fill-rate',
    serviceLevel: Number(r['service_level']),
    abc: r['abc'] as RecommendationLine['abc'],
    xyz: r['xyz'] as RecommendationLine['xyz'],
    stockoutDateP50: r['stockout_date_p50']
      ? day(r['stockout_date_p50'])
      : null,
    stockoutDateP90: r['stockout_date_p90']
      ? day(r['stockout_date_p90'])
      : null,
    daysOfCover: numOrNull(r['days_of_cover']),
    excessUnits: Number(r['excess_units']),
    excessValue: Number(r['excess_value']),
    expiryRisk: numOrNull(r['expiry_risk']),
    unitCost: Number(r['unit_cost']),
    explanation: String(r['explanation']),
    explanationFacts: explanationFactsOf(r['explanation_json']),
    decidedBy: (r['decided_by'] as string | null) ?? null,
    decidedAt: r['decided_at'] ? iso(r['decided_at']) : null,
    reason: (r['reason'] as string | null) ?? null,
  };
}
