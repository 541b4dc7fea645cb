import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/** Frozen (issued) forecasts, realized-accuracy sums, scored days and drift flags. */
export class CreateRealizedAccuracy1765100060000 implements MigrationInterface {
  name = 'CreateRealizedAccuracy1765100060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'frozen_issues',
        columns: [
          d.id(),
          d.varchar('run_id', 36),
          d.date('origin'),
          d.timestamp('issued_at'),
          d.int('rows', { default: '0' }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_frozen_issues_run',
            columnNames: ['run_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    const frozen = new Table({
      name: 'frozen_forecasts',
      columns: [
        { ...d.date('date'), isPrimary: true },
        { ...d.int('store_id'), isPrimary: true },
        { ...d.int('product_id'), isPrimary: true },
        { ...d.int('issue_id'), isPrimary: true },
        d.int('step'),
        d.double('p10'),
        d.double('p50'),
        d.double('p90'),
      ],
    });
    if (d.pg) await queryRunner.createTable(frozen);
    // SQLite: WITHOUT ROWID stores the rows in the primary-key b-tree itself instead of a rowid
    // table plus a key index repeating the four key columns (about a third less space per point).
    else
      await queryRunner.query(
        `CREATE TABLE "frozen_forecasts" ("date" date NOT NULL, "store_id" integer NOT NULL,
           "product_id" integer NOT NULL, "issue_id" integer NOT NULL, "step" integer NOT NULL,
           "p10" double precision NOT NULL, "p50" double precision NOT NULL,
           "p90" double precision NOT NULL,
           PRIMARY KEY ("date", "store_id", "product_id", "issue_id")) WITHOUT ROWID`,
      );
    await queryRunner.createTable(
      new Table({
        name: 'frozen_scales',
        columns: [
          { ...d.int('issue_id'), isPrimary: true },
          { ...d.int('store_id'), isPrimary: true },
          { ...d.int('product_id'), isPrimary: true },
          d.double('scale'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'realized_accuracy',
        columns: [
          { ...d.date('week'), isPrimary: true },
          { ...d.varchar('bucket', 8), isPrimary: true },
          { ...d.varchar('level', 16), isPrimary: true },
          { ...d.varchar('scope_key', 300), isPrimary: true },
          d.int('store_id', { isNullable: true }),
          d.int('n', { default: '0' }),
          d.double('abs_error', { default: '0' }),
          d.double('error', { default: '0' }),
          d.double('actual', { default: '0' }),
          d.double('scaled_error', { default: '0' }),
          d.int('scaled_n', { default: '0' }),
          d.int('hits', { default: '0' }),
        ],
        indices: [
          new TableIndex({
            name: 'idx_realized_accuracy_level',
            columnNames: ['level', 'week'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'realized_days',
        columns: [
          { ...d.date('date'), isPrimary: true },
          d.timestamp('scored_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'drift_flags',
        columns: [
          d.id(),
          d.varchar('level', 16),
          d.varchar('scope_key', 300),
          d.int('store_id', { isNullable: true }),
          d.date('week'),
          d.varchar('reason', 16),
          d.double('realized_wape', { isNullable: true }),
          d.double('backtest_wape', { isNullable: true }),
          d.double('bias', { isNullable: true }),
          d.int('periods'),
          d.varchar('action', 300),
          d.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_drift_flags_scope_week',
            columnNames: ['level', 'scope_key', 'week', 'reason'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'drift_flags',
      'realized_days',
      'realized_accuracy',
      'frozen_scales',
      'frozen_forecasts',
      'frozen_issues',
    ])
      await queryRunner.dropTable(table);
  }
}
