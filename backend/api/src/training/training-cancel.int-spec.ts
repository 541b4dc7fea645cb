import type { AuditEntryDto, Page, RunDetail } from '@shelfcast/contracts';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { seedPanel, testTraining } from '../../test/support/training-fixtures';
import { ShardExecutor } from './engine/shard-executor';
import { TrainingService } from './training.service';

describe('training: cancelling a run (integration)', () => {
  let t: TestApp;
  let training: TrainingService;
  const call = async <T>(
    role: 'planner' | 'viewer' | 'admin',
    path: string,
    method = 'GET',
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(await t.as(role)) },
      body: method === 'POST' ? '{}' : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const serving = async () =>
    (await t.query('SELECT run_id FROM serving WHERE id = 1'))[0]?.['run_id'] ??
    null;

  beforeAll(async () => {
    // Worker threads: the event loop (and the test's keep-alive sockets) stay responsive.
    t = await createTestApp(testTraining({ inThread: false }));
    training = t.app.get(TrainingService);
    await seedPanel(t.db.dataSource, { stores: 2, products: 3, days: 150 });
  });

  afterAll(() => t.close());

  it('a planner cancels the active run; the champion keeps serving and the cancel is audited', async () => {
    const first = await training.trigger({});
    await training.waitForIdle();
    expect((await training.get(first.id)).status).toBe('promoted');
    const champion = await serving();
    expect(champion).toBe(first.id);

    // Hold the next run before its shards start, so that it is still running when cancelled.
    let release: () => void = () => undefined;
    const held = new Promise<string | null>((resolve) => {
      release = () => resolve(null);
    });
    const preflight = jest
      .spyOn(t.app.get(ShardExecutor), 'preflight')
      .mockReturnValueOnce(held);
    const started = await call<RunDetail>(
      'planner',
      '/api/training/runs',
      'POST',
    );
    expect(started.status).toBe(202);
    const id = started.body.id;
    expect(
      (await call('viewer', `/api/training/runs/${id}/cancel`, 'POST')).status,
    ).toBe(403);
    const cancelled = await call<RunDetail>(
      'planner',
      `/api/training/runs/${id}/cancel`,
      'POST',
    );
    expect(cancelled.status).toBe(202);
    expect(preflight).toHaveBeenCalled();
    release();
    await training.waitForIdle();
    expect((await training.get(id)).status).toBe('cancelled');
    expect(await serving()).toBe(champion);

    // An ended run cannot be cancelled again.
    expect(
      (await call('planner', `/api/training/runs/${id}/cancel`, 'POST')).status,
    ).toBe(409);
    const audit = await call<Page<AuditEntryDto>>(
      'admin',
      '/api/audit?action=training.cancel',
    );
    expect(audit.body.items.map((e) => e.entityId)).toEqual([id]);
  }, 120_000); // two training runs, the first to the end
});
