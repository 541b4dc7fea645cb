import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ForecastOverrideDto, ValueAddedRow } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import {
  assertStoreInScope,
  type StoreScope,
  storeScopeSql,
} from '../common/identity/store-scope';
import { daysBetween } from '../common/dates';
import { servingRun } from '../database/current-runs';
import {
  isoDay,
  type SqlDate,
  sqlQuery,
  utcTimestamp,
} from '../database/raw-sql';
import type { CreateOverrideDto, OverrideQueryDto } from './dto/override.dto';
import { ForecastOverride } from './entities/forecast-override.entity';
import { overrideValues } from './override-math';
import { type OverrideRow, overrideSpec } from './override-row';
import { OverridesException } from './overrides.exception';

interface IdRow {
  id: number;
}

interface ValueRow {
  date: SqlDate;
  p50: number;
}

interface SaleRow {
  date: SqlDate;
  units: number;
}

/** A forecast_overrides row with its store code and SKU. */
interface StoredOverrideRow extends OverrideRow {
  store_id: number;
  product_id: number;
  reason: string;
  user_id: number | null;
  user_email: string | null;
  run_id: string | null;
  baseline_total: number;
  final_total: number;
  baseline_values: string;
  created_at: SqlDate;
  store_code: string;
  sku: string;
}

interface BaselinePoint {
  date: string;
  p50: number;
}

/** Manual forecast overrides and their forecast value added. */
@Injectable()
export class OverridesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private async ids(store: string, sku: string) {
    const [s] = await sqlQuery<IdRow>(
      this.dataSource,
      'SELECT id FROM stores WHERE code = ?',
      [store],
    );
    if (!s) throw new OverridesException('not_found', `Unknown store ${store}`);
    const [p] = await sqlQuery<IdRow>(
      this.dataSource,
      'SELECT id FROM products WHERE sku = ?',
      [sku],
    );
    if (!p) throw new OverridesException('not_found', `Unknown product ${sku}`);
    return { storeId: Number(s.id), productId: Number(p.id) };
  }

  async create(
    dto: CreateOverrideDto,
    user: AuthUser,
    scope: StoreScope,
  ): Promise<ForecastOverrideDto> {
    const { storeId, productId } = await this.ids(dto.store, dto.sku);
    assertStoreInScope(scope, storeId);
    if (dto.endDate < dto.startDate)
      throw new OverridesException('invalid', 'endDate is before startDate');
    if (daysBetween(dto.startDate, dto.endDate) > 366)
      throw new OverridesException(
        'invalid',
        'An override covers at most 367 days',
      );
    const runId = await servingRun(this.dataSource);
    if (!runId)
      throw new OverridesException(
        'conflict',
        'No forecast is being served yet',
      );
    const values = await sqlQuery<ValueRow>(
      this.dataSource,
      `SELECT date, p50 FROM forecast_values
        WHERE run_id = ? AND store_id = ? AND product_id = ? AND date >= ? AND date <= ? ORDER BY date`,
      [runId, storeId, productId, dto.startDate, dto.endDate],
    );
    if (values.length === 0)
      throw new OverridesException(
        'invalid',
        'The served forecast has no periods in this range',
      );
    const baseline: BaselinePoint[] = values.map((v) => ({
      date: isoDay(v.date),
      p50: Number(v.p50),
    }));
    const finals = overrideValues(
      {
        id: 0,
        startDate: dto.startDate,
        endDate: dto.endDate,
        mode: dto.mode,
        value: dto.value,
      },
      baseline.map((b) => b.date),
      baseline.map((b) => b.p50),
    );
    const saved = await this.dataSource.getRepository(ForecastOverride).save({
      storeId,
      productId,
      startDate: dto.startDate,
      endDate: dto.endDate,
      mode: dto.mode,
      value: dto.value,
      reason: dto.reason,
      userId: user.id,
      userEmail: user.email,
      runId,
      baselineTotal: baseline.reduce((s, b) => s + b.p50, 0),
      finalTotal: finals.reduce((s, f) => s + f, 0),
      baselineValues: JSON.stringify(baseline),
    });
    const out = toDto(saved, dto.store, dto.sku);
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'forecast.override',
      entity: 'forecast',
      entityId: `${dto.store}/${dto.sku}`,
      before: { baselineTotal: out.baselineTotal, runId },
      after: {
        id: out.id,
        startDate: out.startDate,
        endDate: out.endDate,
        mode: out.mode,
        value: out.value,
        finalTotal: out.finalTotal,
      },
      reason: dto.reason,
    });
    return out;
  }

  private async load(
    scope: StoreScope,
    q: OverrideQueryDto = {},
  ): Promise<StoredOverrideRow[]> {
    const parts = [storeScopeSql('o.store_id', scope)];
    const params: unknown[] = [];
    if (q.store) {
      parts.push('s.code = ?');
      params.push(q.store);
    }
    if (q.sku) {
      parts.push('p.sku = ?');
      params.push(q.sku);
    }
    return sqlQuery<StoredOverrideRow>(
      this.dataSource,
      `SELECT o.*, s.code AS store_code, p.sku FROM forecast_overrides o
         JOIN stores s ON s.id = o.store_id JOIN products p ON p.id = o.product_id
        WHERE ${parts.join(' AND ')} ORDER BY o.id DESC LIMIT 1000`,
      params,
    );
  }

  async list(
    q: OverrideQueryDto,
    scope: StoreScope,
  ): Promise<ForecastOverrideDto[]> {
    return (await this.load(scope, q)).map((r) =>
      toDto(rowToEntity(r), String(r.store_code), String(r.sku)),
    );
  }

  /**
   * Per user and store: WAPE of the final (overridden) values and of the captured baseline against
   * actual sales, over the override periods that have sales; value added = WAPE baseline − WAPE final.
   */
  async valueAdded(scope: StoreScope): Promise<ValueAddedRow[]> {
    const groups = new Map<
      string,
      ValueAddedRow & { errBase: number; errFinal: number }
    >();
    for (const r of await this.load(scope)) {
      const o = rowToEntity(r);
      const key = `${o.userEmail ?? ''}\u0000${String(r.store_code)}`;
      let g = groups.get(key);
      if (!g)
        groups.set(
          key,
          (g = {
            user: o.userEmail,
            store: String(r.store_code),
            overrides: 0,
            evaluatedPeriods: 0,
            actual: 0,
            wapeBaseline: null,
            wapeFinal: null,
            valueAdded: null,
            errBase: 0,
            errFinal: 0,
          }),
        );
      const group = g;
      group.overrides++;
      const baseline = JSON.parse(o.baselineValues) as BaselinePoint[];
      const finals = overrideValues(
        overrideSpec(r),
        baseline.map((b) => b.date),
        baseline.map((b) => b.p50),
      );
      const actual = new Map<string, number>();
      for (const s of await sqlQuery<SaleRow>(
        this.dataSource,
        'SELECT date, units FROM sales WHERE store_id = ? AND product_id = ? AND date >= ? AND date <= ?',
        [o.storeId, o.productId, o.startDate, o.endDate],
      ))
        actual.set(isoDay(s.date), Number(s.units));
      baseline.forEach((b, i) => {
        const a = actual.get(b.date);
        if (a === undefined) return;
        group.evaluatedPeriods++;
        group.actual += a;
        group.errBase += Math.abs(a - b.p50);
        group.errFinal += Math.abs(a - finals[i]);
      });
    }
    return [...groups.values()]
      .map(({ errBase, errFinal, ...g }) => {
        if (g.actual <= 0) return g;
        const wapeBaseline = errBase / g.actual;
        const wapeFinal = errFinal / g.actual;
        return {
          ...g,
          wapeBaseline,
          wapeFinal,
          valueAdded: wapeBaseline - wapeFinal,
        };
      })
      .sort(
        (a, b) =>
          (a.user ?? '').localeCompare(b.user ?? '') ||
          a.store.localeCompare(b.store),
      );
  }
}

function rowToEntity(r: StoredOverrideRow): ForecastOverride {
  const o = new ForecastOverride();
  o.id = Number(r.id);
  o.storeId = Number(r.store_id);
  o.productId = Number(r.product_id);
  o.startDate = isoDay(r.start_date);
  o.endDate = isoDay(r.end_date);
  o.mode = r.mode === 'total' ? 'total' : 'per_period';
  o.value = Number(r.value);
  o.reason = String(r.reason);
  o.userId = r.user_id === null ? null : Number(r.user_id);
  o.userEmail = r.user_email ?? null;
  o.runId = r.run_id ?? null;
  o.baselineTotal = Number(r.baseline_total);
  o.finalTotal = Number(r.final_total);
  o.baselineValues = String(r.baseline_values);
  const c = r.created_at;
  o.createdAt = utcTimestamp(c) ?? new Date(Number.NaN);
  return o;
}

function toDto(
  o: ForecastOverride,
  store: string,
  sku: string,
): ForecastOverrideDto {
  const baseline = JSON.parse(o.baselineValues) as BaselinePoint[];
  const finals = overrideValues(
    o,
    baseline.map((b) => b.date),
    baseline.map((b) => b.p50),
  );
  return {
    id: o.id,
    store,
    sku,
    startDate: o.startDate,
    endDate: o.endDate,
    mode: o.mode,
    value: o.value,
    reason: o.reason,
    user: o.userEmail,
    createdAt: new Date(o.createdAt).toISOString(),
    runId: o.runId,
    baselineTotal: o.baselineTotal,
    finalTotal: o.finalTotal,
    periods: baseline.map((b, i) => ({
      date: b.date,
      baseline: b.p50,
      final: finals[i],
    })),
  };
}
