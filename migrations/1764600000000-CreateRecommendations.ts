import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/** Replenishment recommendations per run × store × product, and manual forecast overrides. */
export class CreateRecommendations1764600000000 implements MigrationInterface {
  name = 'CreateRecommendations1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'recommendations',
        columns: [
          d.id(),
          d.varchar('run_id', 36),
          d.int('store_id'),
          d.int('product_id'),
          d.int('supplier_id', { isNullable: true }),
          d.timestamp('generated_at'),
          d.date('as_of'),
          d.varchar('status', 16, { default: d.str('pending') }),
          d.double('recommended_qty'),
          d.double('final_qty'),
          d.int('cases', { default: '0' }),
          d.int('case_pack', { default: '1' }),
          d.int('moq', { default: '0' }),
          d.double('safety_stock'),
          d.double('reorder_point'),
          d.double('order_up_to'),
          d.double('inventory_position'),
          d.double('on_hand'),
          d.double('inbound'),
          d.double('demand_mean'),
          d.double('demand_sd'),
          d.double('protection_periods'),
          d.varchar('service_kind', 16),
          d.double('service_level'),
          d.varchar('abc', 1),
          d.varchar('xyz', 1),
          d.date('stockout_date_p50', { isNullable: true }),
          d.date('stockout_date_p90', { isNullable: true }),
          d.double('days_of_cover', { isNullable: true }),
          d.double('excess_units', { default: '0' }),
          d.double('excess_value', { default: '0' }),
          d.double('expiry_risk', { isNullable: true }),
          d.double('unit_cost', { default: '0' }),
          d.text('explanation'),
          d.text('explanation_json'),
          d.int('decided_by_id', { isNullable: true }),
          d.varchar('decided_by', 254, { isNullable: true }),
          d.timestamp('decided_at', { isNullable: true }),
          d.varchar('reason', 500, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_recommendations_line',
            columnNames: ['run_id', 'store_id', 'product_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_recommendations_store_status',
            columnNames: ['store_id', 'status'],
          }),
          new TableIndex({
            name: 'idx_recommendations_generated',
            columnNames: ['generated_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'forecast_overrides',
        columns: [
          d.id(),
          d.int('store_id'),
          d.int('product_id'),
          d.date('start_date'),
          d.date('end_date'),
          d.varchar('mode', 16),
          d.double('value'),
          d.varchar('reason', 500),
          d.int('user_id', { isNullable: true }),
          d.varchar('user_email', 254, { isNullable: true }),
          d.varchar('run_id', 36, { isNullable: true }),
          d.double('baseline_total', { default: '0' }),
          d.double('final_total', { default: '0' }),
          d.text('baseline_values'),
          d.createdAt('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_forecast_overrides_series',
            columnNames: ['store_id', 'product_id', 'start_date'],
          }),
          new TableIndex({
            name: 'idx_forecast_overrides_user',
            columnNames: ['user_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('forecast_overrides');
    await queryRunner.dropTable('recommendations');
  }
}
