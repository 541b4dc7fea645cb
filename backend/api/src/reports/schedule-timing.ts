import { CronTime } from 'cron';
import type { ReportSchedule } from './entities/report-schedule.entity';
import { ReportsException } from './reports.exception';

/** A five-field pattern in a valid zone, or a 400 naming the problem. */
export function cronTime(pattern: string, timezone: string): CronTime {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new ReportsException(
      'invalid',
      `cron must have five fields (minute hour day month weekday), got "${pattern}"`,
      { field: 'cron' },
    );
  try {
    return new CronTime(pattern.trim(), timezone);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportsException(
      'invalid',
      /timezone/i.test(reason)
        ? `timezone is not a known IANA zone: ${timezone}`
        : `cron is not a valid pattern ("${pattern}"): ${reason}`,
      { field: /timezone/i.test(reason) ? 'timezone' : 'cron' },
    );
  }
}

/** Due when it has no file yet, or its cron fired after its last file and by `now`. */
export function isDue(s: ReportSchedule, now: Date): boolean {
  if (!s.lastFileAt) return true;
  const next = cronTime(s.cron, s.timezone)
    .getNextDateFrom(new Date(s.lastFileAt))
    .toJSDate();
  return next.getTime() <= now.getTime();
}
