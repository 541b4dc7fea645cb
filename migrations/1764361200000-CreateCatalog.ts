import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { dialect } from './support/dialect';

export class CreateCatalog1764361200000 implements MigrationInterface {
  name = 'CreateCatalog1764361200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'stores',
        columns: [
          d.id(),
          d.varchar('code', 64, { isUnique: true }),
          d.varchar('name', 200),
          d.varchar('region', 100),
          d.varchar('timezone', 64, { default: d.str('UTC') }),
          d.createdAt('created_at'),
          d.createdAt('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'suppliers',
        columns: [
          d.id(),
          d.varchar('code', 64, { isUnique: true }),
          d.varchar('name', 200),
          d.double('lead_time_mean_days'),
          d.double('lead_time_sd_days', { default: '0' }),
          d.int('review_period_days', { default: '7' }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'products',
        columns: [
          d.id(),
          d.varchar('sku', 64, { isUnique: true }),
          d.varchar('name', 300),
          d.varchar('category_path', 300),
          d.varchar('brand', 100, { isNullable: true }),
          d.double('regular_price'),
          d.double('unit_cost'),
          d.int('case_pack', { default: '1' }),
          d.int('moq', { default: '0' }),
          d.int('shelf_life_days', { isNullable: true }),
          d.int('supplier_id', { isNullable: true }),
          d.text('attributes', { default: d.str('{}') }),
          d.createdAt('created_at'),
          d.createdAt('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_products_category_path',
            columnNames: ['category_path'],
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_products_supplier',
            columnNames: ['supplier_id'],
            referencedTableName: 'suppliers',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'store_products',
        columns: [
          d.id(),
          d.int('store_id'),
          d.int('product_id'),
          d.varchar('grain', 8, { default: d.str('day') }),
          d.date('active_from', { isNullable: true }),
          d.date('active_to', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_store_products_store_product',
            columnNames: ['store_id', 'product_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_store_products_product',
            columnNames: ['product_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('store_products');
    await queryRunner.dropTable('products');
    await queryRunner.dropTable('suppliers');
    await queryRunner.dropTable('stores');
  }
}
