import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, QueryFailedError } from 'typeorm';
import { sqlQuery, type SqlDate, utcTimestamp } from '../database/raw-sql';
import { AlertDelivery } from './alert-delivery.service';
import { alertAudience } from './alert-audience';
import type { AlertInput } from './alert-types';
import type { NotificationItem } from './dto/notification.dto';
import { AlertEvent, Notification, WebhookEndpoint } from './entities';
import { NotificationsException } from './notifications.exception';

interface InboxRow {
  id: number;
  type: string;
  severity: string;
  title: string;
  body: string;
  link: string | null;
  store_id: number | null;
  created_at: SqlDate;
  read_at: SqlDate | null;
}

interface CountRow {
  n: number | string;
}

function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const err = e.driverError as { code?: string; message?: string };
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}

/** Raises alerts (record once, notify the audience on its channels) and serves each user's inbox. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delivery: AlertDelivery,
  ) {}

  /**
   * Records the alert and notifies its audience; null when an alert with the same dedupe key was
   * raised before (by this or another instance), which is then not delivered again.
   */
  async raise(input: AlertInput): Promise<AlertEvent | null> {
    const events = this.dataSource.getRepository(AlertEvent);
    const dedupeKey = input.dedupeKey.slice(0, 200);
    // The lookup spares the database a failing insert in the usual case; the unique key still
    // settles a race between instances.
    if (await events.existsBy({ dedupeKey })) return null;
    let event: AlertEvent;
    try {
      event = await events.save(
        Object.assign(new AlertEvent(), {
          type: input.type,
          dedupeKey,
          storeId: input.storeId,
          severity: input.severity,
          title: input.title.slice(0, 300),
          body: input.body,
          link: input.link,
          data: input.data ?? null,
          createdAt: new Date(),
        }),
      );
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
    const audience = await alertAudience(this.dataSource, input);
    const inApp = audience.filter((r) => r.inApp);
    if (inApp.length)
      await this.dataSource.getRepository(Notification).insert(
        inApp.map((r) =>
          Object.assign(new Notification(), {
            userId: r.userId,
            eventId: event.id,
            readAt: null,
            createdAt: event.createdAt,
          }),
        ),
      );
    for (const r of audience.filter((a) => a.email)) {
      if (!this.delivery.mailEnabled) continue;
      await this.delivery.start(event, 'email', {
        userId: r.userId,
        address: r.address,
      });
    }
    const hooked = audience.filter((a) => a.webhook).map((a) => a.userId);
    if (hooked.length) {
      const endpoints = await this.dataSource
        .getRepository(WebhookEndpoint)
        .find({ where: { active: true } });
      for (const endpoint of endpoints.filter((e) => hooked.includes(e.userId)))
        await this.delivery.start(event, 'webhook', {
          userId: endpoint.userId,
          endpoint,
        });
    }
    this.logger.log(
      `Alert ${event.type} "${event.title}" to ${audience.length} users`,
    );
    return event;
  }

  async list(
    userId: number,
    options: { unread?: boolean; limit?: number },
  ): Promise<NotificationItem[]> {
    const rows = await sqlQuery<InboxRow>(
      this.dataSource,
      `SELECT n.id, e.type, e.severity, e.title, e.body, e.link, e.store_id, e.created_at, n.read_at
         FROM notifications n JOIN alert_events e ON e.id = n.event_id
        WHERE n.user_id = ? ${options.unread ? 'AND n.read_at IS NULL' : ''}
        ORDER BY n.id DESC LIMIT ?`,
      [userId, options.limit ?? 50],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      type: r.type,
      severity: r.severity,
      title: r.title,
      body: r.body,
      link: r.link,
      storeId: r.store_id === null ? null : Number(r.store_id),
      createdAt: (utcTimestamp(r.created_at) ?? new Date(0)).toISOString(),
      readAt: utcTimestamp(r.read_at)?.toISOString() ?? null,
    }));
  }

  async unreadCount(userId: number): Promise<number> {
    const [row] = await sqlQuery<CountRow>(
      this.dataSource,
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
      [userId],
    );
    return Number(row?.n ?? 0);
  }

  async markRead(userId: number, id: number): Promise<void> {
    const repo = this.dataSource.getRepository(Notification);
    const n = await repo.findOneBy({ id, userId });
    if (!n)
      throw new NotificationsException(
        'not_found',
        `Notification ${id} not found`,
      );
    if (!n.readAt) await repo.update({ id }, { readAt: new Date() });
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(userId: number): Promise<number> {
    const res = await this.dataSource
      .getRepository(Notification)
      .update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return res.affected ?? 0;
  }
}
