import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

export class CreateSalesAndInventory1764361260000
  implements MigrationInterface
{
  name = 'CreateSalesAndInventory1764361260000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    const seriesKey = (name: string) => ({ ...d.int(name), isPrimary: true });
    await queryRunner.createTable(
      new Table({
        name: 'sales',
        columns: [
          seriesKey('store_id'),
          seriesKey('product_id'),
          { ...d.date('date'), isPrimary: true },
          d.double('units'),
          d.double('revenue'),
          d.double('price', { isNullable: true }),
          d.bool('on_promo', false),
          d.bool('stockout', false),
        ],
        indices: [
          new TableIndex({ name: 'idx_sales_date', columnNames: ['date'] }),
          new TableIndex({
            name: 'idx_sales_product_date',
            columnNames: ['product_id', 'date'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'inventory_snapshots',
        columns: [
          seriesKey('store_id'),
          seriesKey('product_id'),
          { ...d.date('date'), isPrimary: true },
          d.double('on_hand'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'purchase_orders',
        columns: [
          d.id(),
          d.varchar('po_number', 64),
          d.int('store_id'),
          d.int('product_id'),
          d.int('supplier_id', { isNullable: true }),
          d.double('quantity'),
          d.date('ordered_date'),
          d.date('expected_date'),
          d.varchar('status', 16, { default: d.str('open') }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_purchase_orders_line',
            columnNames: ['po_number', 'store_id', 'product_id'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_purchase_orders_series',
            columnNames: ['store_id', 'product_id', 'status'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('purchase_orders');
    await queryRunner.dropTable('inventory_snapshots');
    await queryRunner.dropTable('sales');
  }
}
