import type { RunDetail } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { seedPanel, testTraining } from '../../test/support/training-fixtures';
import { AffinityService } from '../affinity/affinity.service';
import { RecommendationGeneration } from '../recommendations/recommendation-generation.service';
import { ReportSchedulesService } from '../reports/report-schedules.service';
import { PostPromotionHistory } from './post-promotion-history.service';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';

/** The work after a promotion runs as explicit steps, each recorded in the run's history. */
describe('post-promotion steps (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testTraining());
    await seedPanel(t.db.dataSource, { stores: 1, products: 2, days: 120 });
  });

  afterAll(async () => {
    await t.close();
  });

  /** Waits for each step in the order they run: each one starts the next before it settles. */
  async function stepsSettled(): Promise<void> {
    await t.app.get(TrainingRunLifecycle).waitForIdle();
    await t.app.get(RecommendationGeneration).waitForIdle();
    await t.app.get(ReportSchedulesService).waitForIdle();
    await t.app.get(AffinityService).waitForIdle();
    await t.app.get(PostPromotionHistory).waitForIdle();
  }

  it('lists recommendations, then reports, then affinity in the promoted run’s history', async () => {
    const run = await t.app.get(TrainingRunLifecycle).trigger({});
    await stepsSettled();
    const { body: detail } = await t.get<RunDetail>(
      `/api/training/runs/${run.id}`,
      'planner',
    );
    expect(detail.status).toBe('promoted');
    const steps = detail.log
      .split('\n')
      .map((line) =>
        /after promotion: (\w+) (started|finished|failed)/.exec(line),
      )
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} ${m[2]}`);
    expect(steps).toEqual([
      'recommendations started',
      'recommendations finished',
      'reports started',
      'reports finished',
      'affinity started',
      'affinity finished',
    ]);
    // The training's own log stays ahead of the steps.
    expect(detail.log.indexOf('promoted: now serving')).toBeLessThan(
      detail.log.indexOf('after promotion:'),
    );
  }, 180_000);
});
