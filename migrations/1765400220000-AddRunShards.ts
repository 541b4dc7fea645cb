import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { dialect } from './support/dialect';

/**
 * Resumable training runs: each run's shard plan (`run_shards`, one row per shard with its stores,
 * written when the run is planned) and the shard's completion (status `done`, the outcome as JSON,
 * attempts, finish time) written by the shard itself after its rows; and the run's `history`
 * (started / interrupted / resumed) on `forecast_runs`.
 */
export class AddRunShards1765400220000 implements MigrationInterface {
  name = 'AddRunShards1765400220000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'run_shards',
        columns: [
          { ...d.varchar('run_id', 36), isPrimary: true },
          { ...d.varchar('shard', 100), isPrimary: true },
          d.text('store_ids', { isNullable: true }),
          d.varchar('status', 16, { default: d.str('pending') }),
          d.int('attempts', { default: 0 }),
          d.text('outcome', { isNullable: true }),
          d.varchar('started_at', 32, { isNullable: true }),
          d.varchar('finished_at', 32, { isNullable: true }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'forecast_runs',
      new TableColumn(d.text('history', { isNullable: true })),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('forecast_runs', 'history');
    await queryRunner.dropTable('run_shards');
  }
}
