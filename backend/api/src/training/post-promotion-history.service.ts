import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forDialect } from '../database/raw-sql';
import {
  POST_PROMOTION_STEP,
  type PostPromotionStepEvent,
} from '../common/training-events';

/** The log line of a post-promotion step, e.g. `after promotion: reports finished: 2 files`. */
export function postPromotionLine(
  e: PostPromotionStepEvent,
  at = new Date(),
): string {
  return `${at.toISOString()} after promotion: ${e.step} ${e.state}${e.detail ? `: ${e.detail}` : ''}`;
}

/**
 * Records each post-promotion step (recommendations, reports, affinity) in the promoted run's
 * log, the history the training run detail shows. Appends one at a time, in arrival order.
 */
@Injectable()
export class PostPromotionHistory {
  private readonly logger = new Logger(PostPromotionHistory.name);
  private appending: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnEvent(POST_PROMOTION_STEP)
  onStep(event: PostPromotionStepEvent): void {
    const line = postPromotionLine(event);
    this.appending = this.appending
      .then(() => this.append(event.runId, line))
      .catch((error: unknown) =>
        this.logger.error(
          `could not record "${line}" in run ${event.runId}: ${String(error)}`,
        ),
      );
  }

  /** Resolves when every recorded step is written (tests, shutdown). */
  async waitForIdle(): Promise<void> {
    for (;;) {
      const current = this.appending;
      await current;
      if (current === this.appending) return;
    }
  }

  private async append(runId: string, line: string): Promise<void> {
    await this.dataSource.query(
      forDialect(
        this.dataSource,
        `UPDATE forecast_runs SET log = CASE WHEN log IS NULL OR log = '' THEN ? ELSE log || ? END WHERE id = ?`,
      ),
      [line, `\n${line}`, runId],
    );
  }
}
