import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntryDto, Page } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AuditEntry } from './entities/audit-entry.entity';

/** Who did it: the signed-in user (an AuthUser fits), or null for the system (CLI, seeder, jobs). */
export type AuditActor = { id: number | null; email: string | null } | null;

export interface AuditRecord {
  actor: AuditActor;
  /** Dotted verb, e.g. `auth.login`, `user.role_change`, `import.run`, `forecast.override`. */
  action: string;
  /** What it acted on, e.g. `user`, `import`, `forecast`, `order`. */
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditFilter {
  action?: string;
  entity?: string;
  actorId?: number;
  /** First and last day (UTC, inclusive), yyyy-mm-dd. */
  from?: string;
  to?: string;
}

export interface AuditQuery extends AuditFilter {
  limit: number;
  offset: number;
}

/** The append-only audit log every feature writes to. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord): Promise<void> {
    try {
      const repo = this.dataSource.getRepository(AuditEntry);
      await repo.save({
        at: new Date(),
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email?.slice(0, 254) ?? null,
        action: entry.action.slice(0, 64),
        entity: entry.entity.slice(0, 64),
        entityId:
          entry.entityId === undefined || entry.entityId === null
            ? null
            : String(entry.entityId).slice(0, 100),
        before: entry.before ?? null,
        after: entry.after ?? null,
        reason: entry.reason?.slice(0, 500) ?? null,
      });
    } catch (error) {
      // Losing an audit entry is logged loudly but never turns a done action into an error.
      this.logger.error(
        `Could not record audit entry ${entry.action}`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }

  async list(query: AuditQuery): Promise<Page<AuditEntryDto>> {
    const [rows, total] = await this.filtered(query)
      .orderBy('a.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return {
      items: rows.map(toDto),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Every matching entry, newest first, a page at a time (keyset on id: stable while entries are added). */
  async *entries(
    filter: AuditFilter,
    pageSize = 1000,
  ): AsyncGenerator<AuditEntryDto[]> {
    let before: number | null = null;
    for (;;) {
      const qb = this.filtered(filter).orderBy('a.id', 'DESC').take(pageSize);
      if (before !== null) qb.andWhere('a.id < :before', { before });
      const rows = await qb.getMany();
      if (rows.length === 0) return;
      yield rows.map(toDto);
      if (rows.length < pageSize) return;
      before = rows[rows.length - 1].id;
    }
  }

  /** The distinct actions recorded so far (the filter's choices). */
  async actions(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select('DISTINCT a.action', 'action')
      .orderBy('action')
      .getRawMany<{ action: string }>();
    return rows.map((r) => r.action);
  }

  /** Midnight UTC of `day` plus `days`, as the driver stores the `at` column. */
  private atValue(day: string, days: number): unknown {
    const column = this.dataSource
      .getMetadata(AuditEntry)
      .findColumnWithPropertyName('at');
    const instant = new Date(
      Date.parse(`${day}T00:00:00Z`) + days * 86_400_000,
    );
    return column
      ? this.dataSource.driver.preparePersistentValue(instant, column)
      : instant;
  }

  private filtered(f: AuditFilter) {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a');
    if (f.action) qb.andWhere('a.action = :action', { action: f.action });
    if (f.entity) qb.andWhere('a.entity = :entity', { entity: f.entity });
    if (f.actorId !== undefined)
      qb.andWhere('a.actorId = :actorId', { actorId: f.actorId });
    // Day bounds as UTC instants in the column's stored form (SQLite keeps text, PostgreSQL a timestamp).
    if (f.from) qb.andWhere('a.at >= :from', { from: this.atValue(f.from, 0) });
    if (f.to) qb.andWhere('a.at < :until', { until: this.atValue(f.to, 1) });
    return qb;
  }
}

function toDto(a: AuditEntry): AuditEntryDto {
  return {
    id: a.id,
    at: new Date(a.at).toISOString(),
    actorId: a.actorId,
    actorEmail: a.actorEmail,
    action: a.action,
    entity: a.entity,
    entityId: a.entityId,
    before: a.before,
    after: a.after,
    reason: a.reason,
  };
}
