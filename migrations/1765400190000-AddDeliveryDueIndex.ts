import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The delivery sweep looks for deliveries whose next attempt is due on every instance every
 * WEBHOOK_SWEEP_MS: an index on `next_attempt_at` keeps that a range read as the log grows
 * (delivered and failed rows hold null there).
 */
export class AddDeliveryDueIndex1765400190000 implements MigrationInterface {
  name = 'AddDeliveryDueIndex1765400190000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'notification_deliveries',
      new TableIndex({
        name: 'idx_notification_deliveries_due',
        columnNames: ['next_attempt_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(
      'notification_deliveries',
      'idx_notification_deliveries_due',
    );
  }
}
