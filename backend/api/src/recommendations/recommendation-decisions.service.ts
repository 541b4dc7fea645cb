import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DecisionAction,
  DecisionHistoryEntry,
  DecisionResult,
  RecommendationLine,
  RecommendationStatus,
} from '@shelfcast/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import type { StoreScope } from '../common/identity/store-scope';
import { AppConfig } from '../config/app-config';
import { sqlQuery, utcTimestamp } from '../database/raw-sql';
import { implausibleAdjustment } from './adjustment-guard';
import type { RecommendationFiltersDto } from './dto/recommendation-filters.dto';
import { RecommendationDecision } from './entities/recommendation-decision.entity';
import { Recommendation } from './entities/recommendation.entity';
import { type LineRow, toLine } from './recommendation-line';
import {
  afterOrderRisk,
  RecommendationQueries,
} from './recommendation-queries.service';
import { RecommendationsException } from './recommendations.exception';

/** What one decision changes on a line. */
interface Change {
  action: DecisionAction;
  next: RecommendationStatus;
  finalQty: number;
  reason: string | null;
}

/** A row of the bulk approval's selection. */
interface PendingRow {
  id: number | string;
  final_qty: number | string;
  recommended_qty: number | string;
}

/** A row of a line's decision history. */
interface HistoryRow {
  id: number | string;
  action: DecisionAction;
  from_status: RecommendationStatus;
  to_status: RecommendationStatus;
  from_qty: number | string;
  to_qty: number | string;
  actor_email: string | null;
  reason: string | null;
  created_at: Date | string;
}

/**
 * Approve, adjust, reject one line, bulk-approve a filtered set, or give the second approval of an
 * implausible adjustment. Every change is written with its history row in one transaction (who,
 * when, why, from what to what) and audited.
 */
@Injectable()
export class RecommendationDecisions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly queries: RecommendationQueries,
    private readonly config: AppConfig,
  ) {}

  async decide(
    id: number,
    action: 'approve' | 'reject' | 'adjust',
    user: AuthUser,
    scope: StoreScope,
    input: { quantity?: number; reason?: string },
  ): Promise<RecommendationLine> {
    const r = await this.line(id, scope);
    const status = r.status;
    if (status === 'superseded')
      throw new RecommendationsException(
        'conflict',
        'This line was superseded by a newer forecast run',
      );
    const reason = input.reason?.trim() || null;
    const recommended = Number(r.recommended_qty);
    const change: Change = {
      action,
      next: 'approved',
      finalQty: recommended,
      reason,
    };
    if (action === 'reject') {
      change.next = 'rejected';
      change.finalQty = 0;
    } else if (action === 'adjust') {
      const q = input.quantity ?? 0;
      const pack = Math.max(1, Number(r.case_pack));
      const moq = Number(r.moq);
      if (q % pack !== 0 || (q > 0 && q < moq))
        throw new RecommendationsException(
          'invalid',
          `Quantity must be 0 or a multiple of the case pack (${pack}) of at least the MOQ (${moq})`,
          { casePack: pack, moq },
        );
      const limits = this.config.recommendations.adjustmentLimits;
      const unitCost = Number(r.unit_cost);
      const because = implausibleAdjustment(
        { quantity: q, suggested: recommended, casePack: pack, moq, unitCost },
        limits,
      );
      if (because.length && !reason)
        throw new RecommendationsException(
          'invalid',
          `${q} units (order value ${round2(q * unitCost)}) is more than ${limits.maxMultiple}× the suggestion of ${recommended} or above ${limits.maxOrderValue} of order value: give a reason; a planner must then approve it`,
          {
            code: 'reason_required',
            because,
            quantity: q,
            suggested: recommended,
            orderValue: round2(q * unitCost),
            ...limits,
          },
        );
      change.next = because.length ? 'pending_approval' : 'adjusted';
      change.finalQty = q;
    }
    await this.apply(id, r, user, change, { secondApproval: false });
    return toLine(await this.queries.row(id, scope));
  }

  /**
   * The second approval of an adjustment waiting for one: by a planner (the route allows admins
   * and planners) other than the user who made the adjustment. The adjusted quantity then counts
   * as approved and goes into the purchase-order file.
   */
  async secondApproval(
    id: number,
    user: AuthUser,
    scope: StoreScope,
    reason: string | undefined,
  ): Promise<RecommendationLine> {
    const r = await this.line(id, scope);
    if (r.status !== 'pending_approval')
      throw new RecommendationsException(
        'conflict',
        `This line is ${r.status}, not waiting for a second approval`,
      );
    if (r.decided_by_id !== null && Number(r.decided_by_id) === user.id)
      throw new RecommendationsException(
        'forbidden',
        'The second approval must come from another user than the one who made the adjustment',
      );
    await this.apply(
      id,
      r,
      user,
      {
        action: 'second_approval',
        next: 'adjusted',
        finalQty: Number(r.final_qty),
        reason: reason?.trim() || null,
      },
      { secondApproval: true },
    );
    return toLine(await this.queries.row(id, scope));
  }

  /** One line of the reader's stores, as a {@link LineRow}. */
  private async line(id: number, scope: StoreScope): Promise<LineRow> {
    return (await this.queries.row(id, scope)) as unknown as LineRow;
  }

  /** Every change of a line's decision, oldest first. */
  async history(
    id: number,
    scope: StoreScope,
  ): Promise<DecisionHistoryEntry[]> {
    await this.queries.row(id, scope);
    const rows = (await sqlQuery(
      this.dataSource,
      `SELECT id, action, from_status, to_status, from_qty, to_qty, actor_email, reason, created_at
         FROM recommendation_decisions WHERE recommendation_id = ? ORDER BY id`,
      [id],
    )) as unknown as HistoryRow[];
    return rows.map((h) => ({
      id: Number(h.id),
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      fromQty: Number(h.from_qty),
      toQty: Number(h.to_qty),
      actor: h.actor_email,
      at: (utcTimestamp(h.created_at) ?? new Date(Number.NaN)).toISOString(),
      reason: h.reason,
    }));
  }

  /**
   * Writes the decision and its history row in one transaction. The update is conditional on the
   * status read, so two people deciding the same line at once cannot both win silently.
   */
  private async apply(
    id: number,
    r: LineRow,
    user: AuthUser,
    change: Change,
    opts: { secondApproval: boolean },
  ): Promise<void> {
    const at = new Date();
    const pack = Math.max(1, Number(r.case_pack));
    const fromQty = Number(r.final_qty);
    const risk =
      opts.secondApproval || change.finalQty === fromQty
        ? {}
        : await this.storedRisk(r, change.finalQty);
    await this.dataSource.transaction(async (m) => {
      const set: Partial<Recommendation> = opts.secondApproval
        ? {
            status: change.next,
            approvedById: user.id,
            approvedBy: user.email,
            approvedAt: at,
          }
        : {
            status: change.next,
            finalQty: change.finalQty,
            cases: Math.ceil(change.finalQty / pack),
            decidedById: user.id,
            decidedBy: user.email,
            decidedAt: at,
            reason: change.reason,
            approvedById: null,
            approvedBy: null,
            approvedAt: null,
            ...risk,
          };
      const result = await m
        .createQueryBuilder()
        .update(Recommendation)
        .set(set)
        .where({ id, status: r.status })
        .execute();
      if (result.affected === 0)
        throw new RecommendationsException(
          'conflict',
          'This line was changed meanwhile; reload it and decide again',
        );
      await this.recordHistory(m, [
        {
          recommendationId: id,
          action: change.action,
          fromStatus: r.status,
          toStatus: change.next,
          fromQty,
          toQty: change.finalQty,
          actorId: user.id,
          actorEmail: user.email,
          reason: change.reason,
          createdAt: at,
        },
      ]);
    });
    await this.audit.record({
      actor: auditActor(user),
      action: `recommendation.${change.action}`,
      entity: 'recommendation',
      entityId: id,
      before: {
        status: r.status,
        finalQty: fromQty,
        decidedBy: r.decided_by ?? null,
      },
      after: {
        status: change.next,
        finalQty: change.finalQty,
        recommendedQty: Number(r.recommended_qty),
      },
      reason: change.reason,
    });
  }

  /**
   * The risk columns for a new final quantity, from the function the detail's "after order" uses
   * (the generator's lineRisk on the served decision), so the list ranks what was decided.
   */
  private async storedRisk(
    r: LineRow,
    quantity: number,
  ): Promise<Partial<Recommendation>> {
    const inputs = await this.queries.seriesInputs(r);
    const { risk, lostMargin } = afterOrderRisk(r, inputs, quantity);
    return {
      expectedLostUnits: risk.expectedLostUnits,
      lostMargin,
      stockoutRisk: risk.atRisk ? 1 : 0,
      riskReason: risk.reason,
    };
  }

  private async recordHistory(
    m: EntityManager,
    rows: Omit<RecommendationDecision, 'id'>[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await m.insert(RecommendationDecision, rows.slice(i, i + 200));
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
    const rows = (await sqlQuery(
      this.dataSource,
      `SELECT r.id, r.final_qty, r.recommended_qty FROM recommendations r JOIN stores s ON s.id = r.store_id
         JOIN products p ON p.id = r.product_id WHERE ${sql} ORDER BY r.id`,
      params,
    )) as unknown as PendingRow[];
    const decidedAt = new Date();
    const approved: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.dataSource.transaction(async (m) => {
        // Lines decided by someone else since the selection stay as they are.
        const still = (
          (await m
            .createQueryBuilder()
            .select('r.id', 'id')
            .from(Recommendation, 'r')
            .where({
              id: In(chunk.map((x) => Number(x.id))),
              status: 'pending',
            })
            .getRawMany()) as { id: number | string }[]
        ).map((x) => Number(x.id));
        if (!still.length) return;
        await m
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
          .where({ id: In(still), status: 'pending' })
          .execute();
        const open = new Set(still);
        await this.recordHistory(
          m,
          chunk
            .filter((x) => open.has(Number(x.id)))
            .map((x) => ({
              recommendationId: Number(x.id),
              action: 'bulk_approve',
              fromStatus: 'pending',
              toStatus: 'approved',
              fromQty: Number(x.final_qty),
              toQty: Number(x.recommended_qty),
              actorId: user.id,
              actorEmail: user.email,
              reason: reason?.trim() || null,
              createdAt: decidedAt,
            })),
        );
        approved.push(...still);
      });
    }
    await this.audit.record({
      actor: auditActor(user),
      action: 'recommendation.bulk_approve',
      entity: 'recommendation',
      entityId: null,
      before: { status: 'pending', ids: approved },
      after: { status: 'approved', count: approved.length, filters },
      reason: reason ?? null,
    });
    return { updated: approved.length, ids: approved };
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function auditActor(user: AuthUser): AuditActor {
  return { id: user.id, email: user.email };
}
