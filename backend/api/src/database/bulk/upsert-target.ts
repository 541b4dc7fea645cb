import type { BulkColumn, BulkColumnType, UpsertSpec } from './bulk-writer';

/** Column name → type, in the order of a parsed row's values. */
export type ColumnTypes = Readonly<Record<string, BulkColumnType>>;

/** The columns of `types` in their declaration order (the row values' order). */
export function bulkColumns(types: ColumnTypes): BulkColumn[] {
  return Object.entries(types).map(([name, type]) => ({ name, type }));
}

/** An upsert on the `conflict` key that overwrites every other column of the row. */
export function upsertTarget(
  table: string,
  conflict: readonly string[],
  types: ColumnTypes,
): UpsertSpec {
  const columns = bulkColumns(types);
  const update = columns
    .map((c) => c.name)
    .filter((name) => !conflict.includes(name));
  return { table, columns, conflict, update };
}
