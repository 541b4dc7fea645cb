import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/** Alerts, the in-app notification centre, per-user channel settings, webhooks and the delivery log. */
export class CreateNotifications1765100000000 implements MigrationInterface {
  name = 'CreateNotifications1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'alert_events',
        columns: [
          d.id(),
          d.varchar('type', 32),
          d.varchar('dedupe_key', 200),
          d.int('store_id', { isNullable: true }),
          d.varchar('severity', 16),
          d.varchar('title', 300),
          d.text('body'),
          d.varchar('link', 300, { isNullable: true }),
          d.text('data', { isNullable: true }),
          d.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_alert_events_dedupe',
            columnNames: ['dedupe_key'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          d.id(),
          d.int('user_id'),
          d.int('event_id'),
          d.timestamp('read_at', { isNullable: true }),
          d.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_notifications_user_event',
            columnNames: ['user_id', 'event_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_settings',
        columns: [
          { ...d.int('user_id'), isPrimary: true },
          { ...d.varchar('event_type', 32), isPrimary: true },
          d.bool('in_app', true),
          d.bool('email', false),
          d.bool('webhook', false),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          d.id(),
          d.int('user_id'),
          d.varchar('name', 100),
          d.varchar('url', 500),
          d.varchar('secret', 128),
          d.bool('active', true),
          d.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_webhook_endpoints_user',
            columnNames: ['user_id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          d.id(),
          d.int('event_id'),
          d.varchar('channel', 16),
          d.int('user_id', { isNullable: true }),
          d.int('endpoint_id', { isNullable: true }),
          d.varchar('target', 500),
          d.varchar('status', 16),
          d.int('attempts', { default: '0' }),
          d.text('log', { isNullable: true }),
          d.timestamp('next_attempt_at', { isNullable: true }),
          d.timestamp('created_at'),
          d.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_notification_deliveries_created',
            columnNames: ['created_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_deliveries',
      'webhook_endpoints',
      'notification_settings',
      'notifications',
      'alert_events',
    ])
      await queryRunner.dropTable(table);
  }
}
