import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RegenerateResult } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import { AppConfig } from '../config/app-config';
import {
  postPromotionStep,
  RECOMMENDATIONS_GENERATED,
  TRAINING_RUN_FINISHED,
  type PostPromotionStepDone,
  type TrainingRunFinishedEvent,
} from '../common/training-events';
import { generateRecommendations } from './recommendation-generator';
import { auditActor } from './recommendation-decisions.service';
import { RecommendationsException } from './recommendations.exception';
import { sqlQuery } from '../database/raw-sql';

/** Generates the lines of a run, one generation at a time: after each promotion and on demand. */
@Injectable()
export class RecommendationGeneration {
  // The log context predates the split; operators' log filters rely on it.
  private readonly logger = new Logger('RecommendationsService');
  private running: Promise<unknown> = Promise.resolve();
  private active: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * The first post-promotion step. It starts once the promoted run is finished (its log saved, so
   * the steps recorded after it stay) and announces its end so the scheduled reports run next.
   */
  @OnEvent(TRAINING_RUN_FINISHED)
  onRunFinished(event: TrainingRunFinishedEvent): void {
    if (event.status !== 'promoted') return;
    const runId = event.runId;
    this.logger.log(`run ${runId} promoted: regenerating recommendations`);
    const step = postPromotionStep(this.events, runId, 'recommendations');
    step('started');
    void this.schedule(runId, (result) => {
      if (result instanceof Error) step('failed', result.message);
      else step('finished', `${result.lines} lines`);
      this.events.emit(RECOMMENDATIONS_GENERATED, {
        runId,
        ok: !(result instanceof Error),
      } satisfies PostPromotionStepDone);
    }).catch(() => undefined);
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
  private schedule(
    runId: string,
    onDone?: (result: RegenerateResult | Error) => void,
  ): Promise<RegenerateResult> {
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
          const result: RegenerateResult = {
            runId,
            async: false,
            lines: out.lines,
            superseded: out.superseded,
            durationMs: Date.now() - started,
          };
          this.active = null;
          // Announced while this job is still the running one: waitForIdle() callers see the next step.
          onDone?.(result);
          return result;
        } catch (error) {
          this.logger.error(
            `recommendations for run ${runId} failed`,
            error instanceof Error ? error.stack : String(error),
          );
          this.active = null;
          onDone?.(error instanceof Error ? error : new Error(String(error)));
          throw error;
        } finally {
          this.active = null;
        }
      });
    this.running = job;
    return job;
  }

  async regenerate(actor: AuthUser): Promise<RegenerateResult> {
    const [serving] = await sqlQuery(
      this.dataSource,
      'SELECT run_id FROM serving WHERE id = 1',
    );
    const runId = (serving?.['run_id'] as string | null | undefined) ?? null;
    if (!runId)
      throw new RecommendationsException(
        'conflict',
        'No forecast run is being served yet',
      );
    const [count] = await sqlQuery(
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

  get generating(): string | null {
    return this.active;
  }
}
