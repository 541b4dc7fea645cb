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
import { isoDay, type SqlNumeric, sqlQuery } from '../database/raw-sql';
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
import {
  type LineInputs,
  type ProofLineRow,
  storeLineInputs,
} from './proof-inputs';
import { replayProof } from './proof-replay';

/** Weeks replayed unless asked otherwise. */
export const DEFAULT_PROOF_WEEKS = 13;

interface ServingRow {
  run_id: string | null;
}

const LINES_PER_INSERT = 200;

/** Lines read, replayed and written together: bounds the proof's memory whatever the catalogue. */
export const PROOF_BATCH_LINES = 250;

/** A long proof logs its progress at most this often. */
const PROGRESS_EVERY_MS = 15_000;

/**
 * Replays the served policy over the retailer's recent weeks for every line of the serving run:
 * after each promotion (once that run's recommendations are generated) and on demand. A failure
 * is recorded on the proof, never thrown into the promotion.
 */
@Injectable()
export class PolicyProofService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PolicyProofService');
  private running: Promise<unknown> = Promise.resolve();
  private shuttingDown = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The promoted run's recommendations are generated (the first post-promotion step): prove them. */
  @OnEvent(RECOMMENDATIONS_GENERATED)
  onRecommendationsGenerated(event: PostPromotionStepDone): void {
    if (!event.ok) return;
    void this.schedule(event.runId, 'promotion', DEFAULT_PROOF_WEEKS).catch(
      () => undefined,
    );
  }

  /**
   * Starts a proof of the serving run; resolves with its id once it is recorded as running.
   * `batchLines` only changes how much is held at once, never the result.
   */
  async start(
    weeks = DEFAULT_PROOF_WEEKS,
    batchLines = PROOF_BATCH_LINES,
  ): Promise<PolicyProof> {
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
      .then(() => this.execute(proof, batchLines));
    this.running.catch(() => undefined);
    return proof;
  }

  /**
   * A proof in flight stops at its next line (recorded as failed, its lines removed) before the
   * database connection closes: shutdown never waits for the rest of a long proof.
   */
  beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
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
        await this.execute(
          await this.create(runId, trigger, weeks),
          PROOF_BATCH_LINES,
        );
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

  private async execute(proof: PolicyProof, batchLines: number): Promise<void> {
    const started = Date.now();
    const proofs = this.dataSource.getRepository(PolicyProof);
    try {
      const out = await this.replayRun(proof, batchLines);
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
      if (error instanceof ProofCancelled)
        this.logger.warn(`policy proof ${proof.id} ${message}`);
      else this.logger.error(`policy proof ${proof.id} failed: ${message}`);
      // The batches written so far go with it: a failed proof holds no lines.
      await this.dataSource
        .transaction(async (em) => {
          await em.delete(PolicyProofLine, { proofId: proof.id });
          await em.update(PolicyProof, proof.id, {
            status: 'failed',
            error: message.slice(0, 500),
            lines: 0,
            skipped: 0,
            durationMs: Date.now() - started,
            finishedAt: new Date(),
          });
        })
        .catch(() => undefined);
    }
  }

  /**
   * Replays the run's lines in key-range batches of `batchLines` (store, product): each batch is
   * read, replayed and written in its own transaction with the proof's progress, so memory follows
   * the batch, not the catalogue. Between lines it yields to requests and stops when the app shuts
   * down; a proof that does not finish has its lines removed (see execute).
   */
  private async replayRun(
    proof: PolicyProof,
    batchLines: number,
  ): Promise<{
    lines: number;
    skipped: number;
    fromDate: string | null;
    toDate: string | null;
  }> {
    const runId = String(proof.runId);
    const [count] = await sqlQuery<CountRow>(
      this.dataSource,
      'SELECT COUNT(*) AS n FROM recommendations WHERE run_id = ?',
      [runId],
    );
    const total = Number(count?.n ?? 0);
    const progress = new ProofProgress(this.logger, proof.id, total);
    let lines = 0;
    let skipped = 0;
    let from: string | null = null;
    let to: string | null = null;
    let after: [number, number] = [-1, -1];
    for (;;) {
      this.throwIfShuttingDown();
      const batch = await sqlQuery<ProofLineRow>(
        this.dataSource,
        `SELECT r.id, r.store_id, r.product_id, r.service_level, r.case_pack, r.moq, r.as_of,
                r.explanation_json, s.unmet_demand
           FROM recommendations r JOIN stores s ON s.id = r.store_id
          WHERE r.run_id = ? AND (r.store_id, r.product_id) > (?, ?)
          ORDER BY r.store_id, r.product_id LIMIT ?`,
        [runId, after[0], after[1], batchLines],
      );
      if (!batch.length) break;
      const last = batch[batch.length - 1];
      after = [Number(last.store_id), Number(last.product_id)];
      const rows: Partial<PolicyProofLine>[] = [];
      for (const [storeId, storeLines] of byStore(batch)) {
        for (const input of await storeLineInputs(
          this.dataSource,
          runId,
          storeId,
          storeLines,
          proof.weeks,
        )) {
          // A line's replay takes up to a few hundred ms: let requests in between lines.
          await yieldToLoop();
          this.throwIfShuttingDown();
          const row = proofLineRow(proof.id, storeId, input);
          rows.push(row);
          if (row.skipReason) {
            skipped++;
            continue;
          }
          if (input.from && (!from || input.from < from)) from = input.from;
          const lastDay = addDays(isoDay(input.line.as_of), -1);
          if (!to || lastDay > to) to = lastDay;
        }
      }
      lines += rows.length;
      await this.dataSource.transaction(async (em) => {
        for (let i = 0; i < rows.length; i += LINES_PER_INSERT)
          await em.insert(PolicyProofLine, rows.slice(i, i + LINES_PER_INSERT));
        await em.update(PolicyProof, proof.id, { lines, skipped });
      });
      progress.report(lines);
      if (batch.length < batchLines) break;
    }
    return { lines, skipped, fromDate: from, toDate: to };
  }

  private throwIfShuttingDown(): void {
    if (this.shuttingDown)
      throw new ProofCancelled(
        'cancelled: the application shut down before the proof finished',
      );
  }
}

/** A proof stopped by the application's shutdown (recorded as failed, its lines removed). */
class ProofCancelled extends Error {}

interface CountRow {
  n: SqlNumeric;
}

/** A batch's lines by store, in the batch's order. */
function byStore(batch: readonly ProofLineRow[]): Map<number, ProofLineRow[]> {
  const out = new Map<number, ProofLineRow[]>();
  for (const l of batch) {
    const list = out.get(Number(l.store_id));
    if (list) list.push(l);
    else out.set(Number(l.store_id), [l]);
  }
  return out;
}

/** One line replayed (the served policy and the naive-fed one), or why it was skipped. */
function proofLineRow(
  proofId: number,
  storeId: number,
  input: LineInputs,
): Partial<PolicyProofLine> {
  const days = input.periodUnit === 'week' ? 7 : 1;
  const outcome = input.series
    ? replayProof(input.series)
    : ({ skipped: true, reason: 'unsupported-grain' } as const);
  const base = {
    proofId,
    storeId,
    productId: Number(input.line.product_id),
    recommendationId: Number(input.line.id),
    periodUnit: input.periodUnit,
  };
  if (outcome.skipped) return { ...base, skipReason: outcome.reason };
  return {
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
  };
}

/** Logs a long proof's progress, at most every PROGRESS_EVERY_MS. */
class ProofProgress {
  private readonly started = Date.now();
  private logged = Date.now();

  constructor(
    private readonly logger: Logger,
    private readonly proofId: number,
    private readonly total: number,
  ) {}

  report(done: number): void {
    const now = Date.now();
    if (now - this.logged < PROGRESS_EVERY_MS || done >= this.total) return;
    this.logged = now;
    this.logger.log(
      `policy proof ${this.proofId}: ${done} of ${this.total} lines in ${Math.round((now - this.started) / 1000)} s`,
    );
  }
}
