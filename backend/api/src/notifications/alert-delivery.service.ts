import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AlertMailer } from './alert-mailer';
import { AlertEvent, NotificationDelivery, WebhookEndpoint } from './entities';
import type {
  DeliveryAttempt,
  DeliveryChannel,
  DeliveryStatus,
} from './entities/notification-delivery.entity';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

/** The JSON a webhook receives (signed as sent, byte for byte). */
export interface WebhookPayload {
  id: number;
  type: string;
  severity: string;
  title: string;
  body: string;
  link: string | null;
  storeId: number | null;
  data: Record<string, unknown> | null;
  createdAt: string;
}

/** Deliveries the sweep takes at a time. */
const SWEEP_BATCH = 50;
const OPEN: DeliveryStatus[] = ['pending', 'retrying'];

/**
 * Outbound delivery of alerts by e-mail and webhook. Each delivery is a row of the delivery log;
 * every attempt is appended to it. A failed attempt is retried after WEBHOOK_BACKOFF_MS, doubled
 * per attempt, up to WEBHOOK_MAX_ATTEMPTS. The time of the next attempt is stored on the row and
 * every instance sweeps for due ones each WEBHOOK_SWEEP_MS, so retries (and first attempts of a
 * process that stopped) survive a restart. An attempt first claims its row by moving
 * `next_attempt_at` past the attempt's own lease in one conditional UPDATE: of two instances
 * sweeping at once, one sends.
 */
@Injectable()
export class AlertDelivery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertDelivery.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly mailer: AlertMailer,
  ) {}

  get mailEnabled(): boolean {
    return this.mailer.enabled;
  }

  private get deliveries() {
    return this.dataSource.getRepository(NotificationDelivery);
  }

  /** How long one attempt owns its delivery before a sweep may take it over. */
  private get leaseMs(): number {
    return 2 * this.config.alerts.webhookTimeoutMs + 30_000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep(),
      this.config.alerts.webhookSweepMs,
    );
    this.timer.unref();
  }

  /** Logs a delivery, claimed by this process, and starts its first attempt in the background. */
  async start(
    event: AlertEvent,
    channel: DeliveryChannel,
    target: { userId: number; address?: string; endpoint?: WebhookEndpoint },
  ): Promise<NotificationDelivery> {
    const now = new Date();
    const delivery = await this.deliveries.save(
      Object.assign(new NotificationDelivery(), {
        eventId: event.id,
        channel,
        userId: target.userId,
        endpointId: target.endpoint?.id ?? null,
        target:
          channel === 'email'
            ? (target.address ?? '')
            : (target.endpoint?.url ?? ''),
        status: 'pending',
        attempts: 0,
        log: [],
        nextAttemptAt: new Date(now.getTime() + this.leaseMs),
        createdAt: now,
        updatedAt: now,
      }),
    );
    this.track(delivery.id, event, target.endpoint ?? null);
    return delivery;
  }

  /**
   * Sends the deliveries whose next attempt is due (retries, and first attempts a stopped process
   * left behind); returns how many this instance claimed.
   */
  async sweep(now: Date = new Date()): Promise<number> {
    if (this.sweeping || this.stopped) return 0;
    this.sweeping = true;
    try {
      const due = await this.deliveries.find({
        where: { status: In(OPEN), nextAttemptAt: LessThanOrEqual(now) },
        order: { nextAttemptAt: 'ASC' },
        take: SWEEP_BATCH,
      });
      let claimed = 0;
      for (const d of due) {
        if (!(await this.claim(d.id, now))) continue;
        claimed++;
        const event = await this.dataSource
          .getRepository(AlertEvent)
          .findOneBy({ id: d.eventId });
        const endpoint =
          d.endpointId === null
            ? null
            : await this.dataSource
                .getRepository(WebhookEndpoint)
                .findOneBy({ id: d.endpointId });
        if (event) this.track(d.id, event, endpoint);
        else await this.finish(d.id, 'failed', 'The alert no longer exists');
      }
      return claimed;
    } catch (e) {
      this.logger.error(`Delivery sweep: ${String(e)}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  /** Takes a due delivery for one attempt; false when another instance took it first. */
  private async claim(id: number, now: Date): Promise<boolean> {
    const result = await this.deliveries
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ nextAttemptAt: new Date(now.getTime() + this.leaseMs) })
      .where('id = :id', { id })
      .andWhere('status IN (:...open)', { open: OPEN })
      .andWhere('next_attempt_at <= :now', { now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async finish(
    id: number,
    status: DeliveryStatus,
    error: string,
  ): Promise<void> {
    await this.deliveries.update(
      { id },
      { status, nextAttemptAt: null, updatedAt: new Date() },
    );
    this.logger.warn(`Delivery ${id}: ${error}`);
  }

  private async attempt(
    deliveryId: number,
    event: AlertEvent,
    endpoint: WebhookEndpoint | null,
  ): Promise<void> {
    if (this.stopped) return;
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery) return;
    let entry: DeliveryAttempt;
    try {
      const code =
        delivery.channel === 'email'
          ? await this.mailer.send(
              delivery.target,
              `[Shelfcast] ${event.title}`,
              `${event.body}${event.link ? `\n\n${event.link}` : ''}`,
            )
          : await this.postWebhook(event, endpoint);
      entry = { at: new Date().toISOString(), ok: true, code, error: null };
    } catch (e) {
      const code =
        e instanceof WebhookHttpError
          ? e.status
          : ((e as { responseCode?: number }).responseCode ?? null);
      entry = {
        at: new Date().toISOString(),
        ok: false,
        code,
        error: (e instanceof Error ? e.message : String(e)).slice(0, 300),
      };
    }
    const attempts = delivery.attempts + 1;
    const retry = !entry.ok && attempts < this.config.alerts.webhookMaxAttempts;
    const delay = this.config.alerts.webhookBackoffMs * 2 ** (attempts - 1);
    delivery.attempts = attempts;
    delivery.log = [...(delivery.log ?? []), entry];
    delivery.status = entry.ok ? 'delivered' : retry ? 'retrying' : 'failed';
    // The sweep sends the retry once this time has passed (here or in another instance).
    delivery.nextAttemptAt = retry ? new Date(Date.now() + delay) : null;
    delivery.updatedAt = new Date();
    await this.deliveries.save(delivery);
    if (!entry.ok && !retry)
      this.logger.warn(
        `Delivery ${delivery.id} (${delivery.channel} to ${delivery.target}) failed after ${attempts} attempts: ${entry.error}`,
      );
  }

  private async postWebhook(
    event: AlertEvent,
    endpoint: WebhookEndpoint | null,
  ): Promise<number> {
    if (!endpoint) throw new Error('The webhook endpoint no longer exists');
    const payload: WebhookPayload = {
      id: event.id,
      type: event.type,
      severity: event.severity,
      title: event.title,
      body: event.body,
      link: event.link,
      storeId: event.storeId,
      data: event.data,
      createdAt: event.createdAt.toISOString(),
    };
    const raw = JSON.stringify(payload);
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhookBody(endpoint.secret, raw),
        'X-Shelfcast-Event': event.type,
      },
      body: raw,
      signal: AbortSignal.timeout(this.config.alerts.webhookTimeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new WebhookHttpError(res.status);
    return res.status;
  }

  private track(
    deliveryId: number,
    event: AlertEvent,
    endpoint: WebhookEndpoint | null,
  ): void {
    const p = this.attempt(deliveryId, event, endpoint)
      .catch((e: unknown) =>
        this.logger.error(`Delivery ${deliveryId}: ${String(e)}`),
      )
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Stops sweeping and lets attempts under way finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }
}

class WebhookHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
