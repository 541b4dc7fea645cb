import { Module } from '@nestjs/common';
import { AlertDelivery } from './alert-delivery.service';
import { AlertMailer } from './alert-mailer';
import { AlertSources } from './alert-sources';
import { AlertsScheduler } from './alerts.scheduler';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Alerts: the in-app notification centre, e-mail and signed webhooks, and what raises them. */
@Module({
  controllers: [NotificationsController],
  providers: [
    AlertMailer,
    AlertDelivery,
    NotificationsService,
    NotificationSettingsService,
    AlertSources,
    AlertsScheduler,
  ],
  exports: [NotificationsService, AlertSources],
})
export class NotificationsModule {}
