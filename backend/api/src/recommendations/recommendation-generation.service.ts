import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RegenerateResult } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import { AppConfig } from '../config/app-config';
import type { ForecastsPromotedEvent } from '../training/training.service';
import { generateRecommendations } from './recommendation-generator';
import { auditActor } from './recommendation-decisions.service';
import { RecommendationsException } from './recommendations.exception';
import { query } from './series-inputs';

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
  ) {}

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

  get generating(): string | null {
    return this.active;
  }
}
