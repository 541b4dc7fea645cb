import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/identity/auth-user';
import { sqlQuery, type SqlDate, utcTimestamp } from '../database/raw-sql';
import { ALERT_TYPES } from './alert-types';
import type {
  CreateWebhookDto,
  DeliveryLogItem,
  NotificationSettingItem,
  UpdateNotificationSettingsDto,
  WebhookEndpointItem,
} from './dto/notification.dto';
import { NotificationSetting, WebhookEndpoint } from './entities';
import type { DeliveryAttempt } from './entities/notification-delivery.entity';
import { NotificationsException } from './notifications.exception';

interface DeliveryLogRow {
  id: number;
  event_id: number;
  event_type: string;
  title: string;
  channel: string;
  user_id: number | null;
  endpoint_id: number | null;
  target: string;
  status: string;
  attempts: number;
  log: string | null;
  next_attempt_at: SqlDate | null;
  created_at: SqlDate;
}

const toItem = (e: WebhookEndpoint): WebhookEndpointItem => ({
  id: e.id,
  userId: e.userId,
  name: e.name,
  url: e.url,
  active: e.active,
  createdAt: e.createdAt.toISOString(),
});

/** Each user's channel choices per alert type, their webhook endpoints, and the admins' delivery log. */
@Injectable()
export class NotificationSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every alert type with the user's channels (defaults where never set: in-app only). */
  async settings(userId: number): Promise<NotificationSettingItem[]> {
    const saved = new Map(
      (
        await this.dataSource
          .getRepository(NotificationSetting)
          .findBy({ userId })
      ).map((s) => [s.eventType, s]),
    );
    return ALERT_TYPES.map((event) => {
      const s = saved.get(event);
      return {
        event,
        inApp: s ? Boolean(s.inApp) : true,
        email: s ? Boolean(s.email) : false,
        webhook: s ? Boolean(s.webhook) : false,
      };
    });
  }

  /** Replaces the user's choices for the listed alert types (others keep theirs). */
  async update(
    userId: number,
    body: UpdateNotificationSettingsDto,
  ): Promise<NotificationSettingItem[]> {
    const events = body.settings.map((s) => s.event);
    const twice = events.find((e, i) => events.indexOf(e) !== i);
    if (twice)
      throw new NotificationsException(
        'invalid',
        `settings: the event ${twice} is listed twice`,
      );
    await this.dataSource.transaction(async (m) => {
      for (const s of body.settings) {
        await m.delete(NotificationSetting, { userId, eventType: s.event });
        await m.insert(NotificationSetting, {
          userId,
          eventType: s.event,
          inApp: s.inApp,
          email: s.email,
          webhook: s.webhook,
        });
      }
    });
    return this.settings(userId);
  }

  /** The user's endpoints; every endpoint for admins. */
  async webhooks(user: AuthUser): Promise<WebhookEndpointItem[]> {
    const repo = this.dataSource.getRepository(WebhookEndpoint);
    const rows =
      user.role === 'admin'
        ? await repo.find({ order: { id: 'ASC' } })
        : await repo.find({ where: { userId: user.id }, order: { id: 'ASC' } });
    return rows.map(toItem);
  }

  /** A new endpoint of the user; the answer carries the signing secret, once. */
  async createWebhook(
    user: AuthUser,
    body: CreateWebhookDto,
  ): Promise<WebhookEndpointItem> {
    const saved = await this.dataSource.getRepository(WebhookEndpoint).save(
      Object.assign(new WebhookEndpoint(), {
        userId: user.id,
        name: body.name,
        url: body.url,
        secret: body.secret ?? randomBytes(32).toString('hex'),
        active: true,
        createdAt: new Date(),
      }),
    );
    return { ...toItem(saved), secret: saved.secret };
  }

  async deleteWebhook(user: AuthUser, id: number): Promise<void> {
    const repo = this.dataSource.getRepository(WebhookEndpoint);
    const found = await repo.findOneBy({ id });
    if (!found || (found.userId !== user.id && user.role !== 'admin'))
      throw new NotificationsException(
        'not_found',
        `Webhook endpoint ${id} not found`,
      );
    await repo.delete({ id });
  }

  /** Outbound deliveries, newest first, with every attempt (admins). */
  async deliveryLog(query: {
    status?: string;
    limit?: number;
  }): Promise<DeliveryLogItem[]> {
    const params: unknown[] = [];
    if (query.status) params.push(query.status);
    params.push(query.limit ?? 100);
    const rows = await sqlQuery<DeliveryLogRow>(
      this.dataSource,
      `SELECT d.id, d.event_id, e.type AS event_type, e.title, d.channel, d.user_id, d.endpoint_id,
              d.target, d.status, d.attempts, d.log, d.next_attempt_at, d.created_at
         FROM notification_deliveries d JOIN alert_events e ON e.id = d.event_id
        ${query.status ? 'WHERE d.status = ?' : ''}
        ORDER BY d.id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      eventId: Number(r.event_id),
      eventType: r.event_type,
      title: r.title,
      channel: r.channel,
      userId: r.user_id === null ? null : Number(r.user_id),
      endpointId: r.endpoint_id === null ? null : Number(r.endpoint_id),
      target: r.target,
      status: r.status,
      attempts: Number(r.attempts),
      log: r.log ? (JSON.parse(r.log) as DeliveryAttempt[]) : [],
      nextAttemptAt: utcTimestamp(r.next_attempt_at)?.toISOString() ?? null,
      createdAt: (utcTimestamp(r.created_at) ?? new Date(0)).toISOString(),
    }));
  }
}
