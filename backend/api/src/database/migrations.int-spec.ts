import {
  createTestDatabase,
  TestDatabase,
} from '../../test/support/test-database';
import { migrate, pendingSchemaChanges, revertAll } from './schema-admin';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('create exactly the schema the entities describe', async () => {
    const ran = await migrate(db.dataSource);
    expect(ran.length).toBeGreaterThanOrEqual(4);
    expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
  });

  it('run down to an empty schema and up again', async () => {
    const reverted = await revertAll(db.dataSource);
    expect(reverted).toBeGreaterThanOrEqual(4);
    const queryRunner = db.dataSource.createQueryRunner();
    try {
      expect(await queryRunner.hasTable('sales')).toBe(false);
      expect(await queryRunner.hasTable('stores')).toBe(false);
    } finally {
      await queryRunner.release();
    }
    await migrate(db.dataSource);
    expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
  });
});
