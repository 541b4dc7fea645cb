import type { ReportScheduleDto } from '@shelfcast/contracts';
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ReportSchedulesService } from '../../src/reports/report-schedules.service';
import { createTestApp, TestApp } from '../support/test-app';
import { seedPanel } from '../support/training-fixtures';

/**
 * Fault: the disk is full when a scheduled report file is written (every write to a report's
 * file fails with ENOSPC, from the kernel: the file is a link to /dev/full). The report run records the file as failed with the cause, leaves no
 * partial file, and the server keeps serving.
 */
let t: TestApp;
let reportsDir: string;

beforeAll(async () => {
  t = await createTestApp();
  reportsDir = join(t.app.get(ReportSchedulesService)['directory'] as string);
  await seedPanel(t.db.dataSource, { stores: 1, products: 2, days: 30 });
});
afterAll(async () => {
  await t.close();
});

function files(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

describe('a full disk while writing scheduled reports', () => {
  it('fails the report file cleanly and keeps serving', async () => {
    const created = await fetch(`${t.url}/api/reports/schedules`, {
      method: 'POST',
      headers: {
        ...(await t.as('planner')),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        reportId: 'forecasts',
        format: 'csv',
        cron: '0 6 * * *',
      }),
    });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as ReportScheduleDto;

    // /dev/full answers every write with ENOSPC: the file the run is about to stream into is
    // made a link to it (its name follows from the schedule and the run's time).
    const now = new Date();
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    mkdirSync(join(reportsDir, String(schedule.id)), { recursive: true });
    symlinkSync(
      '/dev/full',
      join(reportsDir, String(schedule.id), `forecasts-${stamp}.csv.part`),
    );
    const written = await t.app.get(ReportSchedulesService).runDue(null, now);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      scheduleId: schedule.id,
      status: 'failed',
    });
    expect(written[0].message).toMatch(/ENOSPC/);
    // No partial (.part) or final file was left behind.
    expect(
      files(reportsDir).filter(
        (f) => f.endsWith('.csv') || f.endsWith('.part'),
      ),
    ).toEqual([]);

    // The server keeps serving: ready, and the same report downloads on demand.
    expect((await fetch(`${t.url}/api/health/ready`)).status).toBe(200);
    const listed = await fetch(`${t.url}/api/reports/files`, {
      headers: await t.as('planner'),
    });
    expect(listed.status).toBe(200);
    // With space again, the next due run writes the file.
    const again = await t.app
      .get(ReportSchedulesService)
      .runDue(null, new Date(Date.now() + 86_400_000));
    expect(again.map((f) => f.status)).toEqual(['written']);
  });
});
