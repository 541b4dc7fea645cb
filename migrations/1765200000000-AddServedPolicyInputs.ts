import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { dialect } from './support/dialect';

/**
 * What the served policy reads beyond P10/P50/P90: the forecast's values at the nine levels of
 * SERVED_QUANTILE_LEVELS (a JSON array per row, null for runs written before this migration),
 * and per store whether unmet demand is lost (the retail default) or backordered.
 */
export class AddServedPolicyInputs1765200000000 implements MigrationInterface {
  name = 'AddServedPolicyInputs1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.addColumn(
      'forecast_values',
      new TableColumn(d.text('quantiles', { isNullable: true })),
    );
    await queryRunner.addColumn(
      'stores',
      new TableColumn(
        d.varchar('unmet_demand', 16, { default: d.str('lost-sales') }),
      ),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('stores', 'unmet_demand');
    await queryRunner.dropColumn('forecast_values', 'quantiles');
  }
}
