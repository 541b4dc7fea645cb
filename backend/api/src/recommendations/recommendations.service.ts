import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type {
  DecisionHistoryEntry,
  DecisionResult,
  Page,
  RecommendationDetail,
  RecommendationLine,
  RegenerateResult,
  WhatIfResult,
} from '@shelfcast/contracts';
import type { AuthUser } from '../common/identity/auth-user';
import type { StoreScope } from '../common/identity/store-scope';
import {
  FORECASTS_PROMOTED,
  type ForecastsPromotedEvent,
} from '../training/training.service';
import type {
  RecommendationFiltersDto,
  RecommendationQueryDto,
} from './dto/recommendation-filters.dto';
import { PurchaseOrderExport } from './purchase-order-export.service';
import { RecommendationDecisions } from './recommendation-decisions.service';
import { RecommendationGeneration } from './recommendation-generation.service';
import { RecommendationQueries } from './recommendation-queries.service';
import { RecommendationWhatIf } from './recommendation-what-if.service';

export { csvCell } from './purchase-order-export.service';

/**
 * Replenishment workflow: generation after each promotion and on demand, a store-scoped read
 * side, per-line and bulk decisions (audited), the purchase-order CSV and the what-if replay.
 * The entry point for the controller and other modules; each part lives in its own provider.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly generation: RecommendationGeneration,
    private readonly queries: RecommendationQueries,
    private readonly decisions: RecommendationDecisions,
    private readonly purchaseOrders: PurchaseOrderExport,
    private readonly whatIfs: RecommendationWhatIf,
  ) {}

  @OnEvent(FORECASTS_PROMOTED)
  onPromoted(event: ForecastsPromotedEvent): void {
    this.generation.onPromoted(event);
  }

  /** Resolves when no generation is running (tests, shutdown). */
  waitForIdle(): Promise<void> {
    return this.generation.waitForIdle();
  }

  regenerate(actor: AuthUser): Promise<RegenerateResult> {
    return this.generation.regenerate(actor);
  }

  get generating(): string | null {
    return this.generation.generating;
  }

  list(
    q: RecommendationQueryDto,
    scope: StoreScope,
  ): Promise<Page<RecommendationLine>> {
    return this.queries.list(q, scope);
  }

  detail(id: number, scope: StoreScope): Promise<RecommendationDetail> {
    return this.queries.detail(id, scope);
  }

  whatIf(
    id: number,
    serviceLevel: number | undefined,
    scope: StoreScope,
  ): Promise<WhatIfResult> {
    return this.whatIfs.whatIf(id, serviceLevel, scope);
  }

  decide(
    id: number,
    action: 'approve' | 'reject' | 'adjust',
    user: AuthUser,
    scope: StoreScope,
    input: { quantity?: number; reason?: string },
  ): Promise<RecommendationLine> {
    return this.decisions.decide(id, action, user, scope, input);
  }

  /** The second approval of an implausible adjustment (another user than the one who made it). */
  secondApproval(
    id: number,
    user: AuthUser,
    scope: StoreScope,
    reason: string | undefined,
  ): Promise<RecommendationLine> {
    return this.decisions.secondApproval(id, user, scope, reason);
  }

  /** Every change of a line's decision, oldest first. */
  history(id: number, scope: StoreScope): Promise<DecisionHistoryEntry[]> {
    return this.decisions.history(id, scope);
  }

  /** Approves the pending lines matching the filters within the user's stores. */
  bulkApprove(
    filters: RecommendationFiltersDto,
    reason: string | undefined,
    user: AuthUser,
    scope: StoreScope,
  ): Promise<DecisionResult> {
    return this.decisions.bulkApprove(filters, reason, user, scope);
  }

  /** CSV lines of approved (or adjusted) quantities, grouped by supplier, in pages. */
  exportCsv(
    q: { supplier?: string; runId?: string },
    scope: StoreScope,
  ): AsyncGenerator<string> {
    return this.purchaseOrders.exportCsv(q, scope);
  }
}
