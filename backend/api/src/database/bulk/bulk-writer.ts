/** Column types the bulk writers know how to encode for SQLite and for PostgreSQL COPY. */
export type BulkColumnType = 'int' | 'float' | 'text' | 'date' | 'bool';

export interface BulkColumn {
  name: string;
  type: BulkColumnType;
}

/**
 * Where parsed rows go. By default an upsert on `conflict` that overwrites `update`; a spec with
 * `merge` instead stages the rows and runs the given statements (for rows that need joins, such as
 * signal values whose parent signal may be new).
 */
export interface UpsertSpec {
  table: string;
  columns: readonly BulkColumn[];
  conflict: readonly string[];
  update: readonly string[];
  merge?: (stagingTable: string) => string[];
}

export type BulkValue = string | number | boolean | null;

export interface RowSink {
  /** Queues one row (values in spec column order); resolves when the writer can take more. */
  write(values: readonly BulkValue[]): void | Promise<void>;
  /** Flushes and merges; returns the number of rows written. */
  close(): Promise<number>;
  /** Abandons the rows (the transaction is about to roll back). */
  abort(): Promise<void>;
}

/** One database transaction on a connection of its own, for one import. */
export interface BulkTransaction {
  readonly dialect: 'sqlite' | 'postgres';
  openSink(spec: UpsertSpec): Promise<RowSink>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** INSERT … SELECT … ON CONFLICT; ordering by the key makes the index inserts sequential. */
export function upsertSql(
  spec: UpsertSpec,
  source: string,
  orderBy: readonly string[] = [],
): string {
  const cols = spec.columns.map((c) => c.name).join(', ');
  const action = spec.update.length
    ? `DO UPDATE SET ${spec.update.map((c) => `${c} = excluded.${c}`).join(', ')}`
    : 'DO NOTHING';
  // "WHERE true" disambiguates INSERT … SELECT … ON CONFLICT for SQLite's parser.
  const order = orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : '';
  return `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${source} WHERE true${order} ON CONFLICT (${spec.conflict.join(', ')}) ${action}`;
}
