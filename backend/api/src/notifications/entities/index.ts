import { AlertEvent } from './alert-event.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationSetting } from './notification-setting.entity';
import { Notification } from './notification.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export {
  AlertEvent,
  Notification,
  NotificationDelivery,
  NotificationSetting,
  WebhookEndpoint,
};

export const NOTIFICATION_ENTITIES = [
  AlertEvent,
  Notification,
  NotificationSetting,
  WebhookEndpoint,
  NotificationDelivery,
];
