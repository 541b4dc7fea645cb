import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/**
 * Basket lines (the `transactions` import) and the affinity results the nightly run computes from
 * them and from sales: bought-together pairs, content-similar products, store assortment gaps,
 * customer-segment picks, and one row describing the latest computation.
 */
export class CreateAffinity1764800000000 implements MigrationInterface {
  name = 'CreateAffinity1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'basket_lines',
        columns: [
          d.int('store_id', { isPrimary: true }),
          d.varchar('basket_id', 64, { isPrimary: true }),
          d.int('product_id', { isPrimary: true }),
          d.date('date'),
          d.varchar('sold_at', 19),
          d.double('quantity'),
          d.varchar('customer_hash', 64, { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'idx_basket_lines_date',
            columnNames: ['date'],
          }),
        ],
      }),
    );
    const pairColumns = (extra: ReturnType<typeof d.int>[]) => [
      d.int('product_id', { isPrimary: true }),
      d.int('rank', { isPrimary: true }),
      d.int('neighbour_id'),
      ...extra,
    ];
    await queryRunner.createTable(
      new Table({
        name: 'affinity_pairs',
        columns: pairColumns([
          d.int('baskets'),
          d.double('support'),
          d.double('confidence'),
          d.double('lift'),
          d.double('cosine'),
        ]),
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'product_similarities',
        columns: pairColumns([
          d.double('similarity'),
          d.varchar('matches', 64),
          d.int('common_depth'),
          d.varchar('common_words', 200),
        ]),
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'assortment_gaps',
        columns: [
          d.int('store_id', { isPrimary: true }),
          d.int('rank', { isPrimary: true }),
          d.int('product_id'),
          d.double('expected_share'),
          d.int('stores_selling'),
          d.int('stores_compared'),
          d.double('mean_share'),
          d.double('expected_units'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'segment_picks',
        columns: [
          d.int('store_id', { isPrimary: true }),
          d.int('rank', { isPrimary: true }),
          d.int('product_id'),
          d.double('score'),
          d.int('customers'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'affinity_runs',
        columns: [
          d.id(),
          d.timestamp('computed_at'),
          d.int('baskets'),
          d.int('window_days'),
          d.int('pairs'),
          d.int('similar_pairs'),
          d.int('gaps'),
          d.int('segment_picks'),
          d.int('duration_ms'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'affinity_runs',
      'segment_picks',
      'assortment_gaps',
      'product_similarities',
      'affinity_pairs',
      'basket_lines',
    ])
      await queryRunner.dropTable(table);
  }
}
