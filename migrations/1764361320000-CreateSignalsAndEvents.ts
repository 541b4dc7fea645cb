import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

export class CreateSignalsAndEvents1764361320000 implements MigrationInterface {
  name = 'CreateSignalsAndEvents1764361320000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'signals',
        columns: [
          d.id(),
          d.varchar('name', 100),
          d.varchar('scope', 16),
          d.varchar('scope_key', 300, { default: d.str('') }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_signals_name_scope',
            columnNames: ['name', 'scope', 'scope_key'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'signal_values',
        columns: [
          { ...d.int('signal_id'), isPrimary: true },
          { ...d.date('date'), isPrimary: true },
          d.double('value'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'calendar_events',
        columns: [
          d.id(),
          d.varchar('name', 200),
          d.varchar('type', 16),
          d.date('start_date'),
          d.date('end_date'),
          d.varchar('scope', 16, { default: d.str('global') }),
          d.varchar('scope_key', 300, { default: d.str('') }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_calendar_events',
            columnNames: ['name', 'start_date', 'scope', 'scope_key'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_calendar_events_dates',
            columnNames: ['start_date', 'end_date'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_events');
    await queryRunner.dropTable('signal_values');
    await queryRunner.dropTable('signals');
  }
}
