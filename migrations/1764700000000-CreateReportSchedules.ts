import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/** Scheduled reports and the files they produced. */
export class CreateReportSchedules1764700000000 implements MigrationInterface {
  name = 'CreateReportSchedules1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'report_schedules',
        columns: [
          d.id(),
          d.varchar('report_id', 32),
          d.varchar('format', 8),
          d.varchar('cron', 100),
          d.varchar('timezone', 64, { default: d.str('UTC') }),
          d.text('filters'),
          d.bool('bom', false),
          d.int('created_by_id', { isNullable: true }),
          d.varchar('created_by', 254, { isNullable: true }),
          d.createdAt('created_at'),
          d.timestamp('last_file_at', { isNullable: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_files',
        columns: [
          d.id(),
          d.int('schedule_id'),
          d.varchar('report_id', 32),
          d.varchar('format', 8),
          d.varchar('file_name', 300),
          d.bigint('bytes', { default: '0' }),
          d.int('rows', { default: '0' }),
          d.varchar('run_id', 36, { isNullable: true }),
          d.varchar('status', 16),
          d.text('message', { isNullable: true }),
          d.createdAt('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_report_files_schedule',
            columnNames: ['schedule_id', 'created_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_files');
    await queryRunner.dropTable('report_schedules');
  }
}
