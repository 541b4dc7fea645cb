import type { TrainingSchedule } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';
import { testTraining } from '../../test/support/training-fixtures';
import { TrainingScheduler } from './training.scheduler';

describe('GET /api/training/schedule (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Weekdays at 02:30 in Shanghai (UTC+8, no daylight saving): 18:30 UTC the evening before.
    t = await createTestApp(
      testTraining({
        enabled: false,
        cron: '30 2 * * 1-5',
        timezone: 'Asia/Shanghai',
      }),
    );
  });

  afterAll(() => t?.close());

  it('computes the next ticks in the configured time zone, skipping the weekend', () => {
    // Friday 2026-11-27 19:00 UTC is Saturday 03:00 in Shanghai: next is Monday 02:30 there.
    expect(
      t.app.get(TrainingScheduler).schedule(new Date('2026-11-27T19:00:00Z')),
    ).toEqual({
      cron: '30 2 * * 1-5',
      timezone: 'Asia/Shanghai',
      enabled: false,
      nextRuns: [
        '2026-11-29T18:30:00.000Z',
        '2026-11-30T18:30:00.000Z',
        '2026-12-01T18:30:00.000Z',
      ],
    });
  });

  it('answers every role with the schedule from now on', async () => {
    const before = Date.now();
    const res = await t.get<TrainingSchedule>(
      '/api/training/schedule',
      'viewer',
    );
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({
      cron: '30 2 * * 1-5',
      timezone: 'Asia/Shanghai',
      enabled: false,
    });
    expect(body.nextRuns).toHaveLength(3);
    const times = body.nextRuns.map((r) => Date.parse(r));
    expect(times[0]).toBeGreaterThan(before);
    expect(times[1]).toBeGreaterThan(times[0]);
    expect(times[2]).toBeGreaterThan(times[1]);
    for (const time of times) {
      const d = new Date(time);
      expect([d.getUTCHours(), d.getUTCMinutes()]).toEqual([18, 30]);
      // 18:30 UTC on Sunday–Thursday is 02:30 Monday–Friday in Shanghai.
      expect(d.getUTCDay()).toBeLessThan(5);
    }
  });

  it('refuses an anonymous caller', async () => {
    expect((await t.get('/api/training/schedule', null)).status).toBe(401);
  });
});
