import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { dialect } from './support/dialect';

/**
 * A run's global step: the global models (GBDT, neural) trained once per run and frequency on a
 * bounded sample of series, stored as JSON so every shard (a worker thread or a BullMQ worker on
 * another machine) forecasts with the same models and a resumed run does not train them again;
 * with them, the run's calibration pool (backtest windows of part of the sample), so the served
 * quantiles are calibrated the same way in every shard.
 * Shards are now ranges of series keys (`series_range`) sized by series count.
 */
export class AddRunGlobalModels1765400300001 implements MigrationInterface {
  name = 'AddRunGlobalModels1765400300001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'run_global_models',
        columns: [
          { ...d.varchar('run_id', 36), isPrimary: true },
          { ...d.varchar('frequency', 8), isPrimary: true },
          d.text('artifact'),
          d.text('calibration', { isNullable: true }),
          d.int('sample_series', { default: 0 }),
          d.varchar('created_at', 32),
        ],
      }),
    );
    await queryRunner.addColumn(
      'run_shards',
      new TableColumn(d.text('series_range', { isNullable: true })),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('run_shards', 'series_range');
    await queryRunner.dropTable('run_global_models');
  }
}
