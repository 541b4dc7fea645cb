import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/**
 * The policy proof: each replay of the served policy over the retailer's recent weeks (one row per
 * proof) and its outcome per recommendation line, fed by the champion's backtest and by seasonal
 * naive side by side, or the reason the line was skipped.
 */
export class CreatePolicyProof1765210000000 implements MigrationInterface {
  name = 'CreatePolicyProof1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    const side = (prefix: string) => [
      d.double(`${prefix}_fill_rate`, { isNullable: true }),
      d.double(`${prefix}_avg_on_hand`, { isNullable: true }),
      d.double(`${prefix}_stockout_days`, { isNullable: true }),
      d.double(`${prefix}_lost_units`, { isNullable: true }),
    ];
    await queryRunner.createTable(
      new Table({
        name: 'policy_proofs',
        columns: [
          d.id(),
          d.varchar('status', 16),
          d.varchar('trigger_type', 16),
          d.varchar('run_id', 36, { isNullable: true }),
          d.int('weeks'),
          d.date('from_date', { isNullable: true }),
          d.date('to_date', { isNullable: true }),
          d.int('lines', { default: '0' }),
          d.int('skipped', { default: '0' }),
          d.int('duration_ms', { isNullable: true }),
          d.varchar('error', 500, { isNullable: true }),
          d.timestamp('started_at'),
          d.timestamp('finished_at', { isNullable: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'policy_proof_lines',
        columns: [
          d.id(),
          d.int('proof_id'),
          d.int('store_id'),
          d.int('product_id'),
          d.int('recommendation_id', { isNullable: true }),
          d.varchar('period_unit', 8),
          d.int('periods', { default: '0' }),
          d.double('demand', { default: '0' }),
          ...side('served'),
          ...side('naive'),
          d.varchar('skip_reason', 32, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'idx_policy_proof_lines_proof',
            columnNames: ['proof_id', 'store_id', 'product_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('policy_proof_lines');
    await queryRunner.dropTable('policy_proofs');
  }
}
