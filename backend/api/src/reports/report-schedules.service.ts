import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
} from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ReportFileDto,
  ReportFilters,
  ReportScheduleDto,
} from '@shelfcast/contracts';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import { ALL_STORES } from '../common/identity/store-scope';
import { AppConfig } from '../config/app-config';
import {
  postPromotionStep,
  PROMOTION_REPORTS_WRITTEN,
  RECOMMENDATIONS_GENERATED,
  TRAINING_RUN_FINISHED,
  type PostPromotionStepDone,
  type TrainingRunFinishedEvent,
} from '../common/training-events';
import type { CreateReportScheduleDto } from './dto/report-schedule.dto';
import { ReportFile } from './entities/report-file.entity';
import { ReportSchedule } from './entities/report-schedule.entity';
import { ReportsException } from './reports.exception';
import { ReportsService } from './reports.service';
import { cronTime, isDue } from './schedule-timing';

/** Runs whose end means "the nightly run finished": the champion serves either way. */
const WRITES_AFTER = new Set(['promoted', 'rejected']);

/**
 * Scheduled reports. A schedule is due when its cron has fired since its last file (or it has no
 * file yet); due schedules are written after a training run ends promoted or rejected (after the
 * recommendations for a promoted run are regenerated), into the reports directory, one file per
 * schedule, each recorded in `report_files`. Only the instance that ran the training receives the
 * event, so one instance writes.
 */
@Injectable()
export class ReportSchedulesService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportSchedulesService.name);
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /** A write in progress finishes before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.waitForIdle();
  }

  get directory(): string {
    return resolve(
      this.config.reportsDir ?? join(this.config.dataDir, 'reports'),
    );
  }

  private get schedules() {
    return this.dataSource.getRepository(ReportSchedule);
  }

  private get files() {
    return this.dataSource.getRepository(ReportFile);
  }

  async list(): Promise<ReportScheduleDto[]> {
    const rows = await this.schedules.find({ order: { id: 'ASC' } });
    return rows.map((s) => this.toDto(s));
  }

  async create(
    dto: CreateReportScheduleDto,
    user: AuthUser,
  ): Promise<ReportScheduleDto> {
    const timezone = dto.timezone ?? 'UTC';
    cronTime(dto.cron, timezone);
    const filters = cleanFilters(dto.filters ?? {});
    // Same validation as a download (report, format, filters, stores), with every store in reach.
    await this.reports.prepare(
      { reportId: dto.reportId, format: dto.format, filters },
      ALL_STORES,
    );
    const saved = await this.schedules.save(
      this.schedules.create({
        reportId: dto.reportId,
        format: dto.format,
        cron: dto.cron.trim(),
        timezone,
        filters,
        bom: dto.format === 'csv' && dto.bom === true,
        createdById: user.id,
        createdBy: user.email,
        lastFileAt: null,
      }),
    );
    const created = this.toDto(saved);
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'report.schedule_create',
      entity: 'report_schedule',
      entityId: saved.id,
      after: created,
    });
    return created;
  }

  /** Deletes the schedule, its history and its files. */
  async remove(id: number, user: AuthUser): Promise<void> {
    const schedule = await this.schedules.findOneBy({ id });
    if (!schedule)
      throw new ReportsException('not_found', `No report schedule ${id}`);
    await this.dataSource.transaction(async (m) => {
      await m.delete(ReportFile, { scheduleId: id });
      await m.delete(ReportSchedule, { id });
    });
    await rm(join(this.directory, String(id)), {
      recursive: true,
      force: true,
    });
    await this.audit.record({
      actor: { id: user.id, email: user.email },
      action: 'report.schedule_delete',
      entity: 'report_schedule',
      entityId: id,
      before: this.toDto(schedule),
    });
  }

  async history(scheduleId?: number, limit = 200): Promise<ReportFileDto[]> {
    const rows = await this.files.find({
      where: scheduleId === undefined ? {} : { scheduleId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toFileDto);
  }

  async open(
    id: number,
  ): Promise<{ file: ReportFileDto; stream: Readable; bytes: number }> {
    const row = await this.files.findOneBy({ id });
    if (!row || row.status !== 'written')
      throw new ReportsException('not_found', `No report file ${id}`);
    const path = resolve(this.directory, row.fileName);
    if (!path.startsWith(this.directory + sep))
      throw new ReportsException('not_found', `No report file ${id}`);
    const info = await stat(path).catch(() => null);
    if (!info)
      throw new ReportsException(
        'not_found',
        `Report file ${id} is no longer on disk (${row.fileName})`,
      );
    return {
      file: toFileDto(row),
      stream: createReadStream(path),
      bytes: info.size,
    };
  }

  /** After a rejected run; a promoted run's reports wait for its recommendations (below). */
  @OnEvent(TRAINING_RUN_FINISHED)
  onRunFinished(event: TrainingRunFinishedEvent): void {
    if (!WRITES_AFTER.has(event.status) || event.status === 'promoted') return;
    void this.runDue(event.runId).catch((error: unknown) =>
      this.logger.error(
        `scheduled reports after run ${event.runId} failed`,
        error instanceof Error ? error.stack : String(error),
      ),
    );
  }

  /**
   * The second post-promotion step: the promoted run's recommendations are regenerated (or
   * failed), so the reports include them. Its end starts affinity.
   */
  @OnEvent(RECOMMENDATIONS_GENERATED)
  onRecommendationsGenerated({ runId }: PostPromotionStepDone): void {
    const step = postPromotionStep(this.events, runId, 'reports');
    step('started');
    void this.runDue(runId, new Date(), (result) => {
      if (result instanceof Error) {
        this.logger.error(
          `scheduled reports after run ${runId} failed`,
          result.stack,
        );
        step('failed', result.message);
      } else step('finished', `${result.length} scheduled reports`);
      this.events.emit(PROMOTION_REPORTS_WRITTEN, {
        runId,
        ok: !(result instanceof Error),
      } satisfies PostPromotionStepDone);
    }).catch(() => undefined);
  }

  /** Resolves when no scheduled write is running (tests, shutdown). */
  async waitForIdle(): Promise<void> {
    for (;;) {
      const current = this.running;
      await current.catch(() => undefined);
      if (current === this.running) return;
    }
  }

  /** Writes every due schedule's file, one schedule after the other. Returns the files recorded. */
  runDue(
    runId: string | null,
    now = new Date(),
    onDone?: (result: ReportFileDto[] | Error) => void,
  ): Promise<ReportFileDto[]> {
    const job = this.running
      .catch(() => undefined)
      .then(async () => {
        try {
          const out: ReportFileDto[] = [];
          for (const s of await this.schedules.find({
            order: { id: 'ASC' },
          })) {
            if (!isDue(s, now)) continue;
            out.push(await this.writeOne(s, runId, now));
          }
          if (out.length)
            this.logger.log(
              `wrote ${out.filter((f) => f.status === 'written').length} of ${out.length} scheduled reports after run ${runId ?? '(none)'}`,
            );
          // Announced while this job is still the running one: waitForIdle() callers see the next step.
          onDone?.(out);
          return out;
        } catch (error) {
          onDone?.(error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
      });
    this.running = job;
    return job;
  }

  /** Streams into a temporary file and renames it: a failed report leaves no partial file. */
  private async writeOne(
    s: ReportSchedule,
    runId: string | null,
    now: Date,
  ): Promise<ReportFileDto> {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const fileName = `${s.id}/${s.reportId}-${stamp}.${s.format}`;
    const path = join(this.directory, fileName);
    const temp = `${path}.part`;
    let rows = 0;
    let bytes = 0;
    let message: string | null = null;
    try {
      await mkdir(join(this.directory, String(s.id)), { recursive: true });
      const prepared = await this.reports.prepare(
        {
          reportId: s.reportId,
          format: s.format,
          filters: s.filters,
          bom: s.bom,
        },
        ALL_STORES,
        now,
      );
      const out = createWriteStream(temp);
      const closed = new Promise<void>((ok, fail) => {
        out.once('close', ok);
        out.once('error', fail);
      });
      rows = (await this.reports.write(out, prepared)).rows;
      await closed;
      await rename(temp, path);
      bytes = (await stat(path)).size;
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
      await rm(temp, { force: true });
      this.logger.warn(
        `scheduled report ${s.id} (${s.reportId}) failed: ${message}`,
      );
    }
    const saved = await this.dataSource.transaction(async (m) => {
      const file = await m.save(
        m.create(ReportFile, {
          scheduleId: s.id,
          reportId: s.reportId,
          format: s.format,
          fileName,
          bytes,
          rows,
          runId,
          status: message ? 'failed' : 'written',
          message,
          createdAt: now,
        }),
      );
      await m.update(ReportSchedule, { id: s.id }, { lastFileAt: now });
      return file;
    });
    return toFileDto(saved);
  }

  private toDto(s: ReportSchedule): ReportScheduleDto {
    let next: string | null = null;
    try {
      next = cronTime(s.cron, s.timezone).sendAt().toJSDate().toISOString();
    } catch {
      next = null;
    }
    return {
      id: s.id,
      reportId: s.reportId,
      format: s.format,
      cron: s.cron,
      timezone: s.timezone,
      filters: s.filters,
      bom: s.bom,
      createdBy: s.createdBy,
      createdAt: new Date(s.createdAt).toISOString(),
      lastFileAt: s.lastFileAt ? new Date(s.lastFileAt).toISOString() : null,
      nextDueAt: next,
    };
  }
}

function cleanFilters(f: ReportFilters): ReportFilters {
  const out: ReportFilters = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.stores?.length) out.stores = [...f.stores];
  if (f.region) out.region = f.region;
  if (f.category) out.category = f.category;
  if (f.abc) out.abc = f.abc;
  if (f.status) out.status = f.status;
  return out;
}

function toFileDto(f: ReportFile): ReportFileDto {
  return {
    id: f.id,
    scheduleId: f.scheduleId,
    reportId: f.reportId,
    format: f.format,
    fileName: f.fileName,
    bytes: Number(f.bytes),
    rows: f.rows,
    runId: f.runId,
    status: f.status,
    message: f.message,
    createdAt: new Date(f.createdAt).toISOString(),
  };
}
