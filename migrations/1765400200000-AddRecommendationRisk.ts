import {
  MigrationInterface,
  QueryRunner,
  TableColumn,
  TableIndex,
} from 'typeorm';
import { dialect } from './support/dialect';

/**
 * The risk a recommendation's order leaves up to the next delivery (inventory-policy lineRisk):
 * expected lost units and their margin (the value at risk the inventory list sorts by), whether
 * the P50 projection with the order still runs out before the next delivery (0/1) and why. Null
 * on lines generated before this migration (readers then fall back to the P50 stock-out date).
 */
export class AddRecommendationRisk1765400200000 implements MigrationInterface {
  name = 'AddRecommendationRisk1765400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.addColumns('recommendations', [
      new TableColumn(d.double('expected_lost_units', { isNullable: true })),
      new TableColumn(d.double('lost_margin', { isNullable: true })),
      new TableColumn(d.int('stockout_risk', { isNullable: true })),
      new TableColumn(d.varchar('risk_reason', 16, { isNullable: true })),
    ]);
    await queryRunner.createIndex(
      'recommendations',
      new TableIndex({
        name: 'idx_recommendations_lost_margin',
        columnNames: ['run_id', 'lost_margin'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(
      'recommendations',
      'idx_recommendations_lost_margin',
    );
    for (const column of [
      'risk_reason',
      'stockout_risk',
      'lost_margin',
      'expected_lost_units',
    ]) {
      await queryRunner.dropColumn('recommendations', column);
    }
  }
}
