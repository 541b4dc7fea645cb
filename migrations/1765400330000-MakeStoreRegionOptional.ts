import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { dialect } from './support/dialect';

/**
 * A store's region becomes optional (issue 21): chains without regions import stores without the
 * column, and the region level of the reconciled forecasts shows those stores under "(no region)".
 * SQLite cannot drop NOT NULL in place, so TypeORM rebuilds the table there (migrations run with
 * foreign keys off). Down: stores without a region get '' (the old column refused NULL).
 */
export class MakeStoreRegionOptional1765400330000
  implements MigrationInterface
{
  name = 'MakeStoreRegionOptional1765400330000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.changeColumn(
      'stores',
      'region',
      new TableColumn(d.varchar('region', 100, { isNullable: true })),
    );
    // Before this migration the import required a region; a blank one meant none.
    await queryRunner.query(
      "UPDATE stores SET region = NULL WHERE TRIM(region) = ''",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.query(
      "UPDATE stores SET region = '' WHERE region IS NULL",
    );
    await queryRunner.changeColumn(
      'stores',
      'region',
      new TableColumn(d.varchar('region', 100)),
    );
  }
}
