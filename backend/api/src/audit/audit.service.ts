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

export interface AuditQuery {
  limit: number;
  offset: number;
  action?: string;
  entity?: string;
  actorId?: number;
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
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .skip(query.offset)
      .take(query.limit);
    if (query.action)
      qb.andWhere('a.action = :action', { action: query.action });
    if (query.entity)
      qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.actorId !== undefined)
      qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((a) => ({
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
      })),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }
}
