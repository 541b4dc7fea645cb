import type { AuditEntryDto, Page, RunDetail } from '@shelfcast/contracts';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { seedPanel, testTraining } from '../../test/support/training-fixtures';
import { runTraining } from '../../test/support/training-runs';
import { ShardExecutor } from './engine/shard-executor';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';
import { TrainingRunQueries } from './training-run-queries.service';

describe('training: cancelling a run (integration)', () => {
  let t: TestApp;
  const serving = async () =>
    (
      await t.query<{ run_id: string | null }>(
        'SELECT run_id FROM serving WHERE id = 1',
      )
    )[0]?.run_id ?? null;

  beforeAll(async () => {
    // Worker threads: the event loop (and the test's keep-alive sockets) stay responsive.
    t = await createTestApp(testTraining({ inThread: false }));
    await seedPanel(t.db.dataSource, { stores: 2, products: 3, days: 150 });
  });

  afterAll(() => t.close());

  it('a planner cancels the active run; the champion keeps serving and the cancel is audited', async () => {
    const first = await runTraining(t.app);
    expect(first.status).toBe('promoted');
    const champion = await serving();
    expect(champion).toBe(first.id);

    // Hold the next run before its shards start, so that it is still running when cancelled.
    let release: () => void = () => undefined;
    const held = new Promise<string | null>((resolve) => {
      release = () => resolve(null);
    });
    // The run plans its shards (database writes) before the preflight; cancel once it is held
    // there, not before (on PostgreSQL the cancel request could otherwise overtake the planning).
    let entered: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const preflight = jest
      .spyOn(t.app.get(ShardExecutor), 'preflight')
      .mockImplementationOnce(() => {
        entered();
        return held;
      });
    const started = await t.post<RunDetail>(
      '/api/training/runs',
      {},
      'planner',
    );
    expect(started.status).toBe(202);
    const id = started.body.id;
    await reached;
    expect(
      (await t.post(`/api/training/runs/${id}/cancel`, {}, 'viewer')).status,
    ).toBe(403);
    const cancelled = await t.post<RunDetail>(
      `/api/training/runs/${id}/cancel`,
      {},
      'planner',
    );
    expect(cancelled.status).toBe(202);
    expect(preflight).toHaveBeenCalled();
    release();
    await t.app.get(TrainingRunLifecycle).waitForIdle();
    expect((await t.app.get(TrainingRunQueries).get(id)).status).toBe(
      'cancelled',
    );
    expect(await serving()).toBe(champion);

    // An ended run cannot be cancelled again.
    expect(
      (await t.post(`/api/training/runs/${id}/cancel`, {}, 'planner')).status,
    ).toBe(409);
    const audit = await t.get<Page<AuditEntryDto>>(
      '/api/audit?action=training.cancel',
    );
    expect(audit.body.items.map((e) => e.entityId)).toEqual([id]);
    // Two training runs, the first to the end in two fresh worker threads (global step, shard).
  }, 300_000);
});
