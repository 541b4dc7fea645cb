import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { yieldToLoop } from '../common/yield-to-loop';
import { addDays } from '../common/dates';
import { isoDay, sqlQuery } from '../database/raw-sql';
import {
  type PostPromotionStepDone,
  RECOMMENDATIONS_GENERATED,
} from '../common/training-events';
import { PolicyProofLine } from './entities/policy-proof-line.entity';
import {
  PolicyProof,
  type PolicyProofTrigger,
} from './entities/policy-proof.entity';
import { PolicyProofException } from './policy-proof.exception';
import { type ProofLineRow, storeLineInputs } from './proof-inputs';
import { replayProof } from './proof-replay';

/** Weeks replayed unless asked otherwise. */
export const DEFAULT_PROOF_WEEKS = 13;

interface ServingRow {
  run_id: string | null;
}

const LINES_PER_INSERT = 200;

/**
 * Replays the served policy over the retailer's recent weeks for every line of the serving run:
 * after each promotion (once that run's recommendations are generated) and on demand. A failure
 * is recorded on the proof, never thrown into the promotion.
 */
@Injectable()
export class PolicyProofService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PolicyProofService');
  private running: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The promoted run's recommendations are generated (the first post-promotion step): prove them. */
  @OnEvent(RECOMMENDATIONS_GENERATED)
  onRecommendationsGenerated(event: PostPromotionStepDone): void {
    if (!event.ok) return;
    void this.schedule(event.runId, 'promotion', DEFAULT_PROOF_WEEKS).catch(
      () => undefined,
    );
  }

  /** Starts a proof of the serving run; resolves with its id once it is recorded as running. */
  async start(weeks = DEFAULT_PROOF_WEEKS): Promise<PolicyProof> {
    const [serving] = await sqlQuery<ServingRow>(
      this.dataSource,
      'SELECT run_id FROM serving WHERE id = 1',
    );
    if (!serving?.run_id)
      throw new PolicyProofException(
        'conflict',
        'No forecast run is being served yet',
      );
    const proof = await this.create(serving.run_id, 'manual', weeks);
    this.running = this.running
      .catch(() => undefined)
      .then(() => this.execute(proof));
    this.running.catch(() => undefined);
    return proof;
  }

  /** A proof in flight finishes before the database connection closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.waitForIdle();
  }

  /** Resolves when no proof is running (tests, shutdown). */
  async waitForIdle(): Promise<void> {
    for (;;) {
      const current = this.running;
      await current.catch(() => undefined);
      if (current === this.running) return;
    }
  }

  private schedule(
    runId: string,
    trigger: PolicyProofTrigger,
    weeks: number,
  ): Promise<void> {
    const job = this.running
      .catch(() => undefined)
      .then(async () => {
        await this.execute(await this.create(runId, trigger, weeks));
      });
    this.running = job;
    return job;
  }

  private create(
    runId: string,
    trigger: PolicyProofTrigger,
    weeks: number,
  ): Promise<PolicyProof> {
    return this.dataSource.getRepository(PolicyProof).save({
      status: 'running',
      trigger,
      runId,
      weeks,
      lines: 0,
      skipped: 0,
      startedAt: new Date(),
    });
  }

  private async execute(proof: PolicyProof): Promise<void> {
    const started = Date.now();
    const proofs = this.dataSource.getRepository(PolicyProof);
    try {
      const out = await this.replayRun(proof);
      await proofs.update(proof.id, {
        status: 'done',
        ...out,
        durationMs: Date.now() - started,
        finishedAt: new Date(),
      });
      this.logger.log(
        `policy proof ${proof.id} of run ${proof.runId}: ${out.lines} lines, ${out.skipped} skipped, ${Date.now() - started} ms`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`policy proof ${proof.id} failed: ${message}`);
      await proofs
        .update(proof.id, {
          status: 'failed',
          error: message.slice(0, 500),
          durationMs: Date.now() - started,
          finishedAt: new Date(),
        })
        .catch(() => undefined);
    }
  }

  /** Replays every line store by store and writes the outcomes in one transaction. */
  private async replayRun(proof: PolicyProof): Promise<{
    lines: number;
    skipped: number;
    fromDate: string | null;
    toDate: string | null;
  }> {
    const runId = String(proof.runId);
    const all = await sqlQuery<ProofLineRow>(
      this.dataSource,
      `SELECT r.id, r.store_id, r.product_id, r.service_level, r.case_pack, r.moq, r.as_of,
              r.explanation_json, s.unmet_demand
         FROM recommendations r JOIN stores s ON s.id = r.store_id
        WHERE r.run_id = ? ORDER BY r.store_id, r.product_id`,
      [runId],
    );
    const byStore = new Map<number, ProofLineRow[]>();
    for (const l of all) {
      const list = byStore.get(Number(l.store_id));
      if (list) list.push(l);
      else byStore.set(Number(l.store_id), [l]);
    }
    const rows: Partial<PolicyProofLine>[] = [];
    let skipped = 0;
    let from: string | null = null;
    let to: string | null = null;
    for (const [storeId, lines] of byStore) {
      for (const input of await storeLineInputs(
        this.dataSource,
        runId,
        storeId,
        lines,
        proof.weeks,
      )) {
        const days = input.periodUnit === 'week' ? 7 : 1;
        // A line's replay takes up to a few hundred ms: let requests in between lines.
        await yieldToLoop();
        const outcome = input.series
          ? replayProof(input.series)
          : ({ skipped: true, reason: 'unsupported-grain' } as const);
        const base = {
          proofId: proof.id,
          storeId,
          productId: Number(input.line.product_id),
          recommendationId: Number(input.line.id),
          periodUnit: input.periodUnit,
        };
        if (outcome.skipped) {
          skipped++;
          rows.push({ ...base, skipReason: outcome.reason });
          continue;
        }
        if (input.from && (!from || input.from < from)) from = input.from;
        const last = addDays(isoDay(input.line.as_of), -1);
        if (!to || last > to) to = last;
        rows.push({
          ...base,
          periods: outcome.periods,
          demand: outcome.demand,
          servedFillRate: outcome.served.fillRate,
          servedAvgOnHand: outcome.served.avgOnHand,
          servedStockoutDays: outcome.served.stockOutPeriods * days,
          servedLostUnits: outcome.served.lostUnits,
          naiveFillRate: outcome.naive.fillRate,
          naiveAvgOnHand: outcome.naive.avgOnHand,
          naiveStockoutDays: outcome.naive.stockOutPeriods * days,
          naiveLostUnits: outcome.naive.lostUnits,
        });
      }
    }
    await this.dataSource.transaction(async (em) => {
      for (let i = 0; i < rows.length; i += LINES_PER_INSERT)
        await em.insert(PolicyProofLine, rows.slice(i, i + LINES_PER_INSERT));
    });
    return { lines: rows.length, skipped, fromDate: from, toDate: to };
  }
}
