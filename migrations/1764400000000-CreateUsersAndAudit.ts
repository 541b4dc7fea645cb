import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { dialect } from './support/dialect';

/** Users, their store assignments, refresh tokens, the audit log, and who started an import. */
export class CreateUsersAndAudit1764400000000 implements MigrationInterface {
  name = 'CreateUsersAndAudit1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          d.id(),
          d.varchar('email', 254, { isUnique: true }),
          d.varchar('display_name', 200),
          d.varchar('password_hash', 255),
          d.varchar('role', 16),
          d.bool('active', true),
          d.int('token_version', { default: '0' }),
          d.timestamp('last_login_at', { isNullable: true }),
          d.createdAt('created_at'),
          d.createdAt('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_stores',
        columns: [
          { ...d.int('user_id'), isPrimary: true },
          { ...d.int('store_id'), isPrimary: true },
        ],
        indices: [
          new TableIndex({
            name: 'idx_user_stores_store',
            columnNames: ['store_id'],
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_user_stores_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_user_stores_store',
            columnNames: ['store_id'],
            referencedTableName: 'stores',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { ...d.varchar('id', 36), isPrimary: true },
          d.int('user_id'),
          d.varchar('token_hash', 64),
          d.timestamp('expires_at'),
          d.timestamp('revoked_at', { isNullable: true }),
          d.createdAt('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_refresh_tokens_user',
            columnNames: ['user_id'],
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_refresh_tokens_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          d.id(),
          d.timestamp('at'),
          d.int('actor_id', { isNullable: true }),
          d.varchar('actor_email', 254, { isNullable: true }),
          d.varchar('action', 64),
          d.varchar('entity', 64),
          d.varchar('entity_id', 100, { isNullable: true }),
          d.text('before', { isNullable: true }),
          d.text('after', { isNullable: true }),
          d.varchar('reason', 500, { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_log_at', columnNames: ['at'] }),
          new TableIndex({
            name: 'idx_audit_log_action',
            columnNames: ['action'],
          }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'import_runs',
      new TableColumn(d.int('user_id', { isNullable: true })),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('import_runs', 'user_id');
    await queryRunner.dropTable('audit_log');
    await queryRunner.dropTable('refresh_tokens');
    await queryRunner.dropTable('user_stores');
    await queryRunner.dropTable('users');
  }
}
