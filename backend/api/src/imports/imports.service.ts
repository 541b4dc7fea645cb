import { EventEmitter2 } from '@nestjs/event-emitter';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ImportKind,
  ImportProgress,
  ImportReport,
} from '@shelfcast/contracts';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { StoreScope } from '../common/identity/store-scope';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import type { BulkTransaction } from '../database/bulk/bulk-writer';
import { beginBulkTransaction } from '../database/bulk-transaction';
import { ImportRun } from './entities/import-run.entity';
import { isoDateToDay } from './csv/field-reader';
import { clip } from './csv/import-errors';
import { ImportAbortedError, ImportLimits, runImport } from './import-engine';
import { ImportProgressService } from './import-progress.service';
import { ImportsException } from './imports.exception';
import { CustomerIdHasher } from '../privacy/customer-id-hasher';
import { IMPORTERS, type KindImporter } from './kinds';
import {
  SALES_IMPORTED,
  type SalesImportedEvent,
} from '../realized/realized-events';
import { loadLookups } from './lookups.loader';

export interface ImportSource {
  stream: Readable;
  fileName: string;
  /** Size of the upload when known, for progress as a share of bytes. */
  totalBytes: number | null;
  /** Aborted when the client goes away: the import rolls back and is recorded as "aborted". */
  signal?: AbortSignal;
}

export interface ImportOptions {
  userName: string | null;
  /** The signed-in user who started it; null/absent for the CLI and the demo seeder. */
  userId?: number | null;
  ref?: string | null;
}

@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly progress: ImportProgressService,
    private readonly audit: AuditService,
    private readonly hasher: CustomerIdHasher,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  /** The plausibility rules and size limits of an import starting now. */
  limits(): ImportLimits {
    const c = this.config.imports;
    const today = isoDateToDay(this.clock.today()) ?? 0;
    return {
      earliestDay: isoDateToDay(c.earliestDate) ?? -Infinity,
      today,
      horizon: today + c.maxFutureDays,
      maxUnits: c.maxUnits,
      maxFieldChars: c.maxFieldChars,
      maxRecordChars: c.maxRecordChars,
    };
  }

  /** An import still "running" at boot died with the process: record it as failed. */
  async onModuleInit(): Promise<void> {
    const stale = await this.dataSource
      .getRepository(ImportRun)
      .update(
        { status: 'running' },
        { status: 'failed', finishedAt: new Date() },
      );
    if (stale.affected)
      this.logger.warn(
        `Marked ${stale.affected} interrupted import(s) as failed`,
      );
  }

  async importStream(
    kind: ImportKind,
    source: ImportSource,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const repo = this.dataSource.getRepository(ImportRun);
    const startedAt = new Date();
    const run = repo.create({
      id: randomUUID(),
      kind,
      fileName: source.fileName.slice(0, 500),
      status: 'running',
      rowsRead: 0,
      rowsImported: 0,
      errorCount: 0,
      errorsByReason: null,
      errors: null,
      bytesRead: '0',
      userName: options.userName,
      userId: options.userId ?? null,
      startedAt,
      finishedAt: null,
      durationMs: null,
    });
    await repo.insert(run);
    const publish = (
      rows: number,
      bytesRead: number,
      errorCount: number,
      status: ImportProgress['status'],
    ) => {
      const seconds = Math.max((Date.now() - startedAt.getTime()) / 1000, 1e-3);
      this.progress.publish({
        id: run.id,
        ref: options.ref ?? null,
        kind,
        fileName: run.fileName,
        status,
        rows,
        rowsPerSecond: Math.round(rows / seconds),
        bytesRead,
        totalBytes: source.totalBytes,
        fraction: source.totalBytes
          ? Math.min(1, bytesRead / source.totalBytes)
          : null,
        errorCount,
      });
    };

    let importer: KindImporter | null = null;
    try {
      const lookups = await loadLookups(this.dataSource, kind);
      importer = IMPORTERS[kind]({
        ...lookups,
        hashCustomerId: (id) => this.hasher.hash(id),
      });
      const outcome = await runImport(
        kind,
        source.stream,
        importer,
        () => this.begin(),
        (t) => publish(t.rows, t.bytesRead, t.errorCount, 'running'),
        this.limits(),
        source.signal,
      );
      run.status = outcome.errors.count > 0 ? 'rejected' : 'succeeded';
      run.rowsRead = outcome.rowsRead;
      run.rowsImported = outcome.rowsImported;
      run.errorCount = outcome.errors.count;
      run.errorsByReason = outcome.errors.byReason;
      run.errors = outcome.errors.kept;
      run.bytesRead = String(outcome.bytesRead);
    } catch (error) {
      const aborted = error instanceof ImportAbortedError;
      if (aborted) this.logger.warn(`Import ${run.id} (${kind}) aborted`);
      else
        this.logger.error(
          `Import ${run.id} (${kind}) failed`,
          error instanceof Error ? error.stack : String(error),
        );
      run.status = aborted ? 'aborted' : 'failed';
      const reason = error instanceof Error ? error.message : String(error);
      run.errors = [
        {
          row: 0,
          column: null,
          value: null,
          reason: 'malformed_csv',
          message: aborted
            ? `${reason}; nothing was written`
            : `The import failed and nothing was written: ${clip(reason, 500)}`,
        },
      ];
      run.errorCount = 1;
    }
    run.finishedAt = new Date();
    run.durationMs = run.finishedAt.getTime() - startedAt.getTime();
    await repo.save(run);
    // Actuals arrived: realized accuracy scores exactly the days this file covered.
    const range = run.status === 'succeeded' ? importer?.dateRange?.() : null;
    if (range)
      this.events.emit(SALES_IMPORTED, range satisfies SalesImportedEvent);
    publish(run.rowsRead, Number(run.bytesRead), run.errorCount, run.status);
    await this.audit.record({
      actor:
        options.userId || options.userName
          ? { id: options.userId ?? null, email: options.userName }
          : null,
      action: 'import.run',
      entity: 'import',
      entityId: run.id,
      after: {
        kind,
        fileName: run.fileName,
        status: run.status,
        rowsImported: run.rowsImported,
        errorCount: run.errorCount,
      },
    });
    this.logger.log(
      `Import ${kind} "${run.fileName}": ${run.status}, ${run.rowsImported}/${run.rowsRead} rows, ${run.errorCount} errors, ${run.durationMs} ms`,
    );
    return toReport(run);
  }

  /**
   * Imports are chain-level files whose error reports quote rows of any store, so a store-scoped
   * reader sees only the imports they started themselves (none today: managers may not import).
   */
  async history(limit: number, scope: StoreScope): Promise<ImportReport[]> {
    const runs = await this.dataSource.getRepository(ImportRun).find({
      where: scope.kind === 'all' ? {} : { userId: scope.userId },
      order: { startedAt: 'DESC' },
      take: limit,
    });
    return runs.map((r) => ({ ...toReport(r), errors: [] }));
  }

  async get(id: string, scope: StoreScope): Promise<ImportReport> {
    const run = await this.dataSource
      .getRepository(ImportRun)
      .findOneBy(scope.kind === 'all' ? { id } : { id, userId: scope.userId });
    if (!run)
      throw new ImportsException('not_found', `No import with id ${id}`);
    return toReport(run);
  }

  private begin(): Promise<BulkTransaction> {
    // The commit waits for the write lock as long as any other write would (DB_WRITE_WAIT_MS).
    return beginBulkTransaction(this.config.database, this.dataSource, {
      writeWaitMs: this.config.dbWriteWaitMs,
    });
  }
}

function toReport(run: ImportRun): ImportReport {
  const errors = run.errors ?? [];
  return {
    id: run.id,
    kind: run.kind,
    fileName: run.fileName,
    status: run.status,
    rowsRead: run.rowsRead,
    rowsImported: run.rowsImported,
    errorCount: run.errorCount,
    errorsByReason: run.errorsByReason ?? {},
    errors,
    errorsTruncated: run.errorCount > errors.length,
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
    durationMs: run.durationMs,
    userName: run.userName,
  };
}
