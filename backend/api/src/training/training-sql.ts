import type { DataSource } from 'typeorm';
import { yieldToLoop } from '../common/yield-to-loop';
import { forDialect } from '../database/raw-sql';
import { serializeWrites } from '../database/write-gate';

export { forDialect };

/**
 * Runs each store's statements (SQL with `?` placeholders) in one short serialized transaction,
 * with the event loop served between stores: run-wide statements over a big run held the API's
 * thread, and a yield inside a SQLite transaction is not an option (another write from this
 * thread would wait in the driver's synchronous busy handler for the lock its own thread holds).
 */
export async function storeByStore(
  dataSource: DataSource,
  stores: readonly unknown[],
  statements: (store: unknown) => [sql: string, params: unknown[]][],
): Promise<void> {
  for (const store of stores) {
    await serializeWrites(() =>
      dataSource.transaction(async (m) => {
        for (const [sql, params] of statements(store))
          await m.query(forDialect(dataSource, sql), params);
      }),
    );
    await yieldToLoop();
  }
}
