import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dialect } from './support/dialect';

/** Each run's backtest forecasts per series and day (most recent origin), drawn against actuals. */
export class CreateRunBacktests1764900000000 implements MigrationInterface {
  name = 'CreateRunBacktests1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'run_backtests',
        columns: [
          { ...d.varchar('run_id', 36), isPrimary: true },
          { ...d.int('store_id'), isPrimary: true },
          { ...d.int('product_id'), isPrimary: true },
          { ...d.date('date'), isPrimary: true },
          d.date('origin'),
          d.double('p10'),
          d.double('p50'),
          d.double('p90'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_backtests');
  }
}
