import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IssuedForecast } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import {
  assertStoreInScope,
  type StoreScope,
} from '../common/identity/store-scope';
import {
  isoDay,
  sqlQuery,
  type SqlDate,
  utcTimestamp,
} from '../database/raw-sql';
import type { IssuedQueryDto } from './dto/realized.dto';
import { RealizedException } from './realized.exception';

interface IdRow {
  id: number;
}

interface IssueRow {
  id: number;
  run_id: string;
  origin: SqlDate;
  issued_at: SqlDate;
}

interface IssuedPointRow {
  issue_id: number;
  date: SqlDate;
  step: number;
  p10: number;
  p50: number;
  p90: number;
}

/** The frozen forecasts of one series as they were issued at past origins (newest first). */
@Injectable()
export class IssuedForecastsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async issued(
    query: IssuedQueryDto,
    scope: StoreScope,
  ): Promise<IssuedForecast[]> {
    const [store] = await sqlQuery<IdRow>(
      this.dataSource,
      'SELECT id FROM stores WHERE code = ?',
      [query.store],
    );
    if (!store)
      throw new RealizedException('not_found', `Unknown store ${query.store}`);
    assertStoreInScope(scope, Number(store.id));
    const [product] = await sqlQuery<IdRow>(
      this.dataSource,
      'SELECT id FROM products WHERE sku = ?',
      [query.sku],
    );
    if (!product)
      throw new RealizedException('not_found', `Unknown product ${query.sku}`);
    const series = [Number(store.id), Number(product.id)];
    const issues = await sqlQuery<IssueRow>(
      this.dataSource,
      `SELECT i.id, i.run_id, i.origin, i.issued_at FROM frozen_issues i
        WHERE EXISTS (SELECT 1 FROM frozen_forecasts f
                       WHERE f.issue_id = i.id AND f.store_id = ? AND f.product_id = ?)
        ORDER BY i.origin DESC, i.id DESC LIMIT ?`,
      [...series, query.origins ?? 5],
    );
    if (!issues.length) return [];
    const points = await sqlQuery<IssuedPointRow>(
      this.dataSource,
      `SELECT issue_id, date, step, p10, p50, p90 FROM frozen_forecasts
        WHERE store_id = ? AND product_id = ?
          AND issue_id IN (${issues.map(() => '?').join(', ')})
        ORDER BY date`,
      [...series, ...issues.map((i) => Number(i.id))],
    );
    const byIssue = new Map<number, IssuedForecast['points']>();
    for (const p of points) {
      const list = byIssue.get(Number(p.issue_id)) ?? [];
      list.push({
        date: isoDay(p.date),
        step: Number(p.step),
        p10: Number(p.p10),
        p50: Number(p.p50),
        p90: Number(p.p90),
      });
      byIssue.set(Number(p.issue_id), list);
    }
    return issues.map((i) => ({
      origin: isoDay(i.origin),
      issuedAt: (utcTimestamp(i.issued_at) ?? new Date(0)).toISOString(),
      runId: i.run_id,
      points: byIssue.get(Number(i.id)) ?? [],
    }));
  }
}
