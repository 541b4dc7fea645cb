import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AlertMailer } from './alert-mailer';
import { AlertEvent, NotificationDelivery, WebhookEndpoint } from './entities';
import type {
  DeliveryAttempt,
  DeliveryChannel,
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

/**
 * Outbound delivery of alerts by e-mail and webhook. Each delivery is a row of the delivery log;
 * every attempt is appended to it. A failed attempt is retried after WEBHOOK_BACKOFF_MS, doubled
 * per attempt, up to WEBHOOK_MAX_ATTEMPTS; the retry timers live in this process (pending retries
 * of a process that stops are logged as `retrying` and not resumed).
 */
@Injectable()
export class AlertDelivery implements OnModuleDestroy {
  private readonly logger = new Logger(AlertDelivery.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
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

  /** Logs a delivery and starts its first attempt in the background (retries follow on their own). */
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
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      }),
    );
    this.track(delivery.id, event, target.endpoint ?? null);
    return delivery;
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
    delivery.nextAttemptAt = retry ? new Date(Date.now() + delay) : null;
    delivery.updatedAt = new Date();
    await this.deliveries.save(delivery);
    if (!entry.ok && !retry)
      this.logger.warn(
        `Delivery ${delivery.id} (${delivery.channel} to ${delivery.target}) failed after ${attempts} attempts: ${entry.error}`,
      );
    if (retry) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.track(deliveryId, event, endpoint);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
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

  /** Stops retrying and lets attempts under way finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

class WebhookHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
