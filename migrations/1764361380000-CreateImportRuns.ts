import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

export class CreateImportRuns1764361380000 implements MigrationInterface {
  name = 'CreateImportRuns1764361380000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'import_runs',
        columns: [
          { ...d.varchar('id', 36), isPrimary: true },
          d.varchar('kind', 32),
          d.varchar('file_name', 500),
          d.varchar('status', 16),
          d.int('rows_read', { default: '0' }),
          d.int('rows_imported', { default: '0' }),
          d.int('error_count', { default: '0' }),
          d.text('errors_by_reason', { isNullable: true }),
          d.text('errors', { isNullable: true }),
          d.bigint('bytes_read', { default: '0' }),
          d.varchar('user_name', 200, { isNullable: true }),
          d.timestamp('started_at'),
          d.timestamp('finished_at', { isNullable: true }),
          d.int('duration_ms', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'idx_import_runs_started',
            columnNames: ['started_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_runs');
  }
}
