import type { Database, Statement } from 'better-sqlite3';
import { type DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import { DatabaseBusyException } from './database-busy.exception';
import {
  holdsWriteLock,
  serializeWrites,
  takeWriteLock,
  type WriteLockRelease,
} from './write-gate';

export interface SqliteWriterOptions {
  /** Longest a write waits for the lock (and for another process's write) before a 503. */
  writeWaitMs: number;
}

/**
 * SQLite's busy timeout on connections that write only under the process's write lock. The
 * driver's busy handler blocks the thread, so it stays short: within the process the lock
 * orders writers; the rest (another process writing the same file) is retried asynchronously
 * up to the bounded wait.
 */
export const LOCKED_WRITER_BUSY_TIMEOUT_MS = 100;

const BEGIN = /^\s*BEGIN\b/i;
const END = /^\s*(COMMIT|END)\b|^\s*ROLLBACK\s*(TRANSACTION)?\s*;?\s*$/i;

type Query = (
  sql: string,
  params?: unknown[],
  structured?: boolean,
) => Promise<unknown>;

/**
 * Makes the API's better-sqlite3 connection a well-behaved writer: every statement that writes
 * and every transaction (BEGIN…COMMIT/ROLLBACK, TypeORM's own included) takes the process's
 * write lock first, waiting asynchronously and at most `writeWaitMs`, then fails with
 * {@link DatabaseBusyException} (503) instead of stalling the event loop. Transactions begin
 * IMMEDIATE so SQLite's lock is taken at BEGIN, where a busy answer can be retried. Reads pass
 * straight through (WAL readers do not wait for writers). A no-op on PostgreSQL.
 *
 * TypeORM's better-sqlite3 driver runs every statement through one query runner on one
 * connection, so patching that runner covers repositories, query builders and raw queries.
 */
export function guardSqliteWrites(
  dataSource: DataSource,
  options: SqliteWriterOptions,
): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const driver = dataSource.driver as unknown as {
    createQueryRunner(mode: string): QueryRunner;
    databaseConnection?: Database;
  };
  const create = driver.createQueryRunner.bind(driver);
  const patched = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode: string) => {
    const runner = create(mode);
    if (!patched.has(runner)) {
      patched.add(runner);
      patchRunner(runner, () => driver.databaseConnection, options);
    }
    return runner;
  };
}

function patchRunner(
  runner: QueryRunner,
  connection: () => Database | undefined,
  { writeWaitMs }: SqliteWriterOptions,
): void {
  const original = runner.query.bind(runner) as Query;
  const statement = (
    runner as unknown as { getStmt(sql: string): Promise<Statement> }
  ).getStmt.bind(runner);
  // The lock held by the connection's open transaction (release null: borrowed from
  // serializeWrites), and the one startTransaction took for the BEGIN it is about to send.
  let transaction: { release: WriteLockRelease | null } | null = null;
  let forBegin: { release: WriteLockRelease | null } | null = null;

  // The lock is taken before TypeORM marks the runner's transaction active: flows that start a
  // transaction meanwhile queue for the lock too, instead of nesting as a savepoint in a
  // transaction that has not begun. (A transaction started while one is open nests, as before.)
  const start = runner.startTransaction.bind(runner);
  runner.startTransaction = async (isolation) => {
    if (runner.isTransactionActive) return start(isolation);
    const release = holdsWriteLock() ? null : await takeWriteLock(writeWaitMs);
    forBegin = { release };
    try {
      await start(isolation);
    } catch (error) {
      forBegin = null;
      if (!connection()?.inTransaction) {
        release?.();
        // TypeORM marked the transaction active before its BEGIN failed (busy past the wait);
        // left so, every later transaction would nest in one that does not exist.
        const state = runner as { isTransactionActive: boolean };
        state.isTransactionActive = false;
        (runner as unknown as { transactionDepth: number }).transactionDepth =
          0;
      }
      throw error;
    } finally {
      forBegin = null;
    }
  };

  const begin = async (params?: unknown[], structured?: boolean) => {
    const lock = forBegin ?? {
      release: holdsWriteLock() ? null : await takeWriteLock(writeWaitMs),
    };
    forBegin = null;
    try {
      // Straight on the driver: a busy answer here is expected (another process is writing)
      // and retried, so it does not go through TypeORM's query-error log.
      const db = connection();
      const result: unknown = db
        ? await retryBusy(() => {
            db.exec('BEGIN IMMEDIATE');
          }, writeWaitMs)
        : await retryBusy(
            () => original('BEGIN IMMEDIATE', params, structured),
            writeWaitMs,
          );
      transaction = lock;
      return result;
    } catch (error) {
      lock.release?.();
      throw error;
    }
  };

  const end = async (sql: string, params?: unknown[], structured?: boolean) => {
    try {
      return (await original(sql, params, structured)) as unknown;
    } finally {
      if (!connection()?.inTransaction) {
        transaction?.release?.();
        transaction = null;
      }
    }
  };

  runner.query = (async (
    sql: string,
    params?: unknown[],
    structured?: boolean,
  ) => {
    if (BEGIN.test(sql)) return begin(params, structured);
    if (END.test(sql)) return end(sql, params, structured);
    // Inside the connection's transaction, which holds the lock (and SQLite's, since BEGIN
    // IMMEDIATE), or a read: straight through.
    if (transaction || connection()?.inTransaction)
      return original(sql, params, structured);
    if (await isReadOnly(statement, sql))
      return original(sql, params, structured);
    const write = () =>
      retryBusy(() => original(sql, params, structured), writeWaitMs);
    // Inside serializeWrites the lock is held already.
    return holdsWriteLock() ? write() : serializeWrites(write, writeWaitMs);
  }) as QueryRunner['query'];
}

async function isReadOnly(
  statement: (sql: string) => Promise<Statement>,
  sql: string,
): Promise<boolean> {
  try {
    return (await statement(sql)).readonly;
  } catch {
    // Not preparable: let the driver report the error.
    return true;
  }
}

/**
 * Runs `fn`, retrying (after an asynchronous pause) while SQLite answers busy because another
 * process holds its write lock, for at most `waitMs`.
 */
export async function retryBusy<T>(
  fn: () => Promise<T> | T,
  waitMs: number,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(250, pause * 2)) {
    try {
      return await fn();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + pause > deadline)
        throw DatabaseBusyException.lockWait(waitMs);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** SQLITE_BUSY (and its extended codes), raw or wrapped by TypeORM. */
export function isBusy(error: unknown): boolean {
  const cause =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: unknown })
      : (error as { code?: unknown } | null);
  return (
    typeof cause?.code === 'string' && cause.code.startsWith('SQLITE_BUSY')
  );
}
