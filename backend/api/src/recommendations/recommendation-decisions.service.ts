import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DecisionResult,
  RecommendationLine,
  RecommendationStatus,
} from '@shelfcast/contracts';
import { DataSource, In } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import type { StoreScope } from '../auth/store-scope';
import type { RecommendationFiltersDto } from './dto/recommendation-filters.dto';
import { Recommendation } from './entities/recommendation.entity';
import { toLine } from './recommendation-line';
import { RecommendationQueries } from './recommendation-queries.service';
import { RecommendationsException } from './recommendations.exception';
import { query, type Row } from './series-inputs';

/** Approve, adjust, reject one line or bulk-approve a filtered set; every decision is audited. */
@Injectable()
export class RecommendationDecisions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly queries: RecommendationQueries,
  ) {}

  async decide(
    id: number,
    action: 'approve' | 'reject' | 'adjust',
    user: AuthUser,
    scope: StoreScope,
    input: { quantity?: number; reason?: string },
  ): Promise<RecommendationLine> {
    const r = await this.queries.row(id, scope);
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
    return toLine((await this.queries.row(id, scope)) as Row);
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
    const { sql, params } = await this.queries.where(
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
}

export function auditActor(user: AuthUser): AuditActor {
  return { id: user.id, email: user.email };
}
