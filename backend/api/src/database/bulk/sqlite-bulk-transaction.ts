import Database from 'better-sqlite3';
import { yieldToLoop } from '../../common/yield-to-loop';
import { LOCKED_WRITER_BUSY_TIMEOUT_MS, retryBusy } from '../sqlite-writer';
import { serializeWrites } from '../write-gate';
import {
  BulkColumnType,
  BulkTransaction,
  BulkValue,
  RowSink,
  UpsertSpec,
  upsertSql,
} from './bulk-writer';

// SQLite allows 32,766 bound parameters per statement; multi-row VALUES amortise the call cost.
const MAX_PARAMS = 30000;
const MAX_ROWS_PER_STATEMENT = 400;
/** Rows per merge statement: the event loop runs between them while the merge holds the lock. */
const MERGE_ROWS = 25000;

const sqliteType: Record<BulkColumnType, string> = {
  int: 'INTEGER',
  float: 'REAL',
  text: 'TEXT',
  date: 'TEXT',
  bool: 'INTEGER',
};

/** A row of PRAGMA table_info. */
interface TableColumnRow {
  name: string;
  notnull: number;
}

export interface SqliteBulkOptions {
  /** Longest the final merge waits for the write lock (and for another process) before failing. */
  writeWaitMs?: number;
}

/** A closed sink's rows, merged into the main database at commit. */
type MergeStep =
  | { kind: 'upsert'; spec: UpsertSpec; staging: string }
  | { kind: 'statements'; sql: string[] };

/**
 * An import transaction on its own better-sqlite3 connection, in two phases, so that it holds
 * SQLite's write lock only for as long as the final merge takes:
 *
 * 1. Staging: every sink writes into a TEMP table. Temp tables live in the connection's own
 *    temp database, so these writes take no lock on the main database and do not open a read
 *    transaction on it either (which would pin a WAL snapshot and make the later upgrade to a
 *    write fail with SQLITE_BUSY_SNAPSHOT once anybody else had committed). The upload streams
 *    for as long as it takes while the API, the training and other imports keep writing.
 * 2. Commit: under the process's write lock ({@link serializeWrites}: asynchronous, reentrant
 *    for the training's own writes), BEGIN IMMEDIATE, the staged rows merged into the real tables
 *    in the order the sinks closed (rowid chunks with a yield between, so the event loop keeps
 *    running), COMMIT. Other writers wait at most the merge, asynchronously.
 *
 * Columns that are NOT NULL in the target table are NOT NULL in the staging table too, so a
 * missing value still fails at the row that has it. A rollback just drops the staging tables.
 */
export class SqliteBulkTransaction implements BulkTransaction {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly writeWaitMs: number;
  private readonly steps: MergeStep[] = [];
  private stagingCount = 0;

  constructor(path: string, options: SqliteBulkOptions = {}) {
    this.writeWaitMs = options.writeWaitMs ?? 60000;
    // Writes to the main database happen only under the write lock: the busy handler (which
    // blocks the thread) covers just another process's writer, retried asynchronously.
    this.db = new Database(path, { timeout: LOCKED_WRITER_BUSY_TIMEOUT_MS });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // A large page cache keeps the B-tree pages of a big merge in memory until commit.
    this.db.pragma('cache_size = -262144');
    this.db.pragma('temp.cache_size = -131072');
  }

  async openSink(spec: UpsertSpec): Promise<RowSink> {
    const staging = `temp.stg_${spec.table}_${++this.stagingCount}`;
    const required = spec.merge ? new Set<string>() : this.notNull(spec.table);
    const cols = spec.columns
      .map(
        (c) =>
          `${c.name} ${sqliteType[c.type]}${required.has(c.name) ? ' NOT NULL' : ''}`,
      )
      .join(', ');
    this.db.exec(`CREATE TABLE ${staging} (${cols})`);
    const sink = new SqliteStagingSink(this.db, spec, staging);
    const merge = spec.merge;
    return {
      write: (values) => sink.write(values),
      abort: () => sink.abort(),
      close: async () => {
        const count = await sink.close();
        this.steps.push(
          merge
            ? { kind: 'statements', sql: merge(staging) }
            : { kind: 'upsert', spec, staging },
        );
        return count;
      },
    };
  }

  async commit(): Promise<void> {
    try {
      await serializeWrites(async () => {
        await retryBusy(
          () => this.db.exec('BEGIN IMMEDIATE'),
          this.writeWaitMs,
        );
        try {
          for (const step of this.steps) await this.merge(step);
          this.db.exec('COMMIT');
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
      }, this.writeWaitMs);
    } finally {
      this.db.close();
    }
  }

  async rollback(): Promise<void> {
    if (!this.db.open) return;
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      // The staging tables go with the connection.
      this.db.close();
    }
  }

  private async merge(step: MergeStep): Promise<void> {
    if (step.kind === 'statements') {
      for (const sql of step.sql) this.db.exec(sql);
      return;
    }
    const { spec, staging } = step;
    const cols = spec.columns.map((c) => c.name).join(', ');
    const insert = this.db.prepare(
      `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${staging} WHERE rowid > ? AND rowid <= ?${upsertClause(spec)}`,
    );
    const { last } = this.db
      .prepare(`SELECT COALESCE(MAX(rowid), 0) AS last FROM ${staging}`)
      .get() as { last: number };
    for (let from = 0; from < last; from += MERGE_ROWS) {
      insert.run(from, Math.min(last, from + MERGE_ROWS));
      if (from + MERGE_ROWS < last) await yieldToLoop();
    }
    this.db.exec(`DROP TABLE ${staging}`);
  }

  private notNull(table: string): Set<string> {
    const columns = this.db.pragma(`table_info(${table})`) as TableColumnRow[];
    return new Set(columns.filter((c) => c.notnull).map((c) => c.name));
  }
}

function upsertClause(spec: UpsertSpec): string {
  // Reuse the shared builder's ON CONFLICT tail so SQLite and PostgreSQL upsert identically.
  const sql = upsertSql(spec, 'x');
  return sql.slice(sql.indexOf(' ON CONFLICT'));
}

/** Rows into a staging table, in multi-row INSERTs. */
class SqliteStagingSink implements RowSink {
  private readonly width: number;
  private readonly rowsPerStatement: number;
  private readonly batch: Database.Statement;
  private readonly buffer: BulkValue[] = [];
  private readonly bools: number[];
  private count = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly spec: UpsertSpec,
    private readonly table: string,
  ) {
    this.width = spec.columns.length;
    this.rowsPerStatement = Math.max(
      1,
      Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / this.width)),
    );
    this.batch = db.prepare(this.insertSql(this.rowsPerStatement));
    this.bools = spec.columns.flatMap((c, i) => (c.type === 'bool' ? [i] : []));
  }

  write(values: readonly BulkValue[]): void {
    for (let i = 0; i < this.width; i++) this.buffer.push(values[i] ?? null);
    for (const i of this.bools) {
      const at = this.buffer.length - this.width + i;
      const v = this.buffer[at];
      if (v !== null) this.buffer[at] = v ? 1 : 0;
    }
    if (this.buffer.length === this.rowsPerStatement * this.width) {
      this.batch.run(this.buffer);
      this.buffer.length = 0;
    }
    this.count++;
  }

  async close(): Promise<number> {
    const rest = this.buffer.length / this.width;
    if (rest > 0) this.db.prepare(this.insertSql(rest)).run(this.buffer);
    this.buffer.length = 0;
    return this.count;
  }

  async abort(): Promise<void> {
    this.buffer.length = 0;
  }

  private insertSql(rows: number): string {
    const tuple = `(${new Array(this.width).fill('?').join(', ')})`;
    const cols = this.spec.columns.map((c) => c.name).join(', ');
    return `INSERT INTO ${this.table} (${cols}) VALUES ${new Array(rows).fill(tuple).join(', ')}`;
  }
}
