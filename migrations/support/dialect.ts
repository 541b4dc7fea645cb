import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * One set of migrations serves SQLite and PostgreSQL: the few types and defaults that differ are
 * chosen here, everything else is portable SQL through TypeORM's Table API.
 */
export function dialect(queryRunner: QueryRunner) {
  const pg = queryRunner.connection.driver.options.type === 'postgres';
  const timestamp = pg ? 'timestamp' : 'datetime';
  const now = pg ? 'now()' : "datetime('now')";
  return {
    pg,
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    int: (
      name: string,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    }),
    bigint: (
      name: string,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: 'bigint',
      ...extra,
    }),
    double: (
      name: string,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: 'double precision',
      ...extra,
    }),
    varchar: (
      name: string,
      length: number,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    }),
    text: (
      name: string,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: 'text',
      ...extra,
    }),
    date: (
      name: string,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: 'date',
      ...extra,
    }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: pg ? String(defaultValue) : defaultValue ? '1' : '0',
    }),
    timestamp: (
      name: string,
      extra: Partial<TableColumnOptions> = {},
    ): TableColumnOptions => ({
      name,
      type: timestamp,
      ...extra,
    }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({
      name,
      type: timestamp,
      default: now,
    }),
    str: (value: string) => `'${value.replace(/'/g, "''")}'`,
  };
}
