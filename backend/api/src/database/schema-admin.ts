import { DataSource } from 'typeorm';

/** Applies pending migrations; returns the names that ran. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}

/** Reverts every applied migration, newest first (each migration's `down`). */
export async function revertAll(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while (await hasAppliedMigrations(dataSource)) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted++;
  }
  return reverted;
}

async function hasAppliedMigrations(dataSource: DataSource): Promise<boolean> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    if (!(await queryRunner.hasTable('migrations'))) return false;
    const rows: unknown[] = await queryRunner.query(
      'SELECT 1 FROM migrations LIMIT 1',
    );
    return rows.length > 0;
  } finally {
    await queryRunner.release();
  }
}

/** SQL statements that would be needed to make the schema match the entities (empty = in sync). */
export async function pendingSchemaChanges(
  dataSource: DataSource,
): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
