import Database from 'better-sqlite3';
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

const sqliteType: Record<BulkColumnType, string> = {
  int: 'INTEGER',
  float: 'REAL',
  text: 'TEXT',
  date: 'TEXT',
  bool: 'INTEGER',
};

/**
 * An import transaction on its own better-sqlite3 connection, so that API requests running on
 * the main connection never become part of it. WAL mode lets readers continue meanwhile.
 */
export class SqliteBulkTransaction implements BulkTransaction {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private stagingCount = 0;

  constructor(path: string) {
    this.db = new Database(path, { timeout: 15000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // A large page cache keeps the B-tree pages of a big upsert in memory until commit.
    this.db.pragma('cache_size = -262144');
    this.db.exec('BEGIN IMMEDIATE');
  }

  async openSink(spec: UpsertSpec): Promise<RowSink> {
    if (!spec.merge)
      return new SqliteDirectSink(
        this.db,
        spec,
        spec.table,
        upsertClause(spec),
      );
    const staging = `temp.stg_${spec.table}_${++this.stagingCount}`;
    const cols = spec.columns
      .map((c) => `${c.name} ${sqliteType[c.type]}`)
      .join(', ');
    this.db.exec(`CREATE TABLE ${staging} (${cols})`);
    const merge = spec.merge;
    const sink = new SqliteDirectSink(this.db, spec, staging, '');
    return {
      write: (values) => sink.write(values),
      abort: () => sink.abort(),
      close: async () => {
        const count = await sink.close();
        for (const sql of merge(staging)) this.db.exec(sql);
        this.db.exec(`DROP TABLE ${staging}`);
        return count;
      },
    };
  }

  async commit(): Promise<void> {
    try {
      this.db.exec('COMMIT');
    } finally {
      this.db.close();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
    }
  }
}

function upsertClause(spec: UpsertSpec): string {
  // Reuse the shared builder's ON CONFLICT tail so SQLite and PostgreSQL upsert identically.
  const sql = upsertSql(spec, 'x');
  return sql.slice(sql.indexOf(' ON CONFLICT'));
}

class SqliteDirectSink implements RowSink {
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
    private readonly conflictClause: string,
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
    return `INSERT INTO ${this.table} (${cols}) VALUES ${new Array(rows).fill(tuple).join(', ')}${this.conflictClause}`;
  }
}
