import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableIndex,
} from 'typeorm';
import { dialect } from './support/dialect';

/**
 * Second approval of implausible adjustments (who and when on the line) and the history of every
 * change of a line's decision (who, when, why, from what to what).
 */
export class AddDecisionApprovals1765000000000 implements MigrationInterface {
  name = 'AddDecisionApprovals1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.addColumns('recommendations', [
      new TableColumn(d.int('approved_by_id', { isNullable: true })),
      new TableColumn(d.varchar('approved_by', 254, { isNullable: true })),
      new TableColumn(d.timestamp('approved_at', { isNullable: true })),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'recommendation_decisions',
        columns: [
          d.id(),
          d.int('recommendation_id'),
          d.varchar('action', 32),
          d.varchar('from_status', 16),
          d.varchar('to_status', 16),
          d.double('from_qty'),
          d.double('to_qty'),
          d.int('actor_id', { isNullable: true }),
          d.varchar('actor_email', 254, { isNullable: true }),
          d.varchar('reason', 500, { isNullable: true }),
          d.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_recommendation_decisions_line',
            columnNames: ['recommendation_id', 'id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('recommendation_decisions');
    await queryRunner.dropColumn('recommendations', 'approved_at');
    await queryRunner.dropColumn('recommendations', 'approved_by');
    await queryRunner.dropColumn('recommendations', 'approved_by_id');
  }
}
