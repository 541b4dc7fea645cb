import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { QueryRunner } from 'typeorm';
import {
  BulkColumnType,
  BulkTransaction,
  BulkValue,
  RowSink,
  UpsertSpec,
  upsertSql,
} from './bulk-writer';

const pgType: Record<BulkColumnType, string> = {
  int: 'integer',
  float: 'double precision',
  text: 'text',
  date: 'date',
  bool: 'boolean',
};

// COPY lines are gathered into chunks this size before they reach the socket.
const CHUNK_BYTES = 256 * 1024;

/**
 * An import transaction on a pooled connection of its own. Rows stream through COPY into a
 * temporary table (the fast path), then one INSERT … ON CONFLICT merges them into the target.
 */
export class PostgresBulkTransaction implements BulkTransaction {
  readonly dialect = 'postgres' as const;
  private stagingCount = 0;

  private constructor(
    private readonly queryRunner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  static async begin(
    queryRunner: QueryRunner,
  ): Promise<PostgresBulkTransaction> {
    const client = (await queryRunner.connect()) as PoolClient;
    await client.query('BEGIN');
    // The merge sorts the staged rows by key; give the sort memory instead of temp files.
    await client.query("SET LOCAL work_mem = '256MB'");
    return new PostgresBulkTransaction(queryRunner, client);
  }

  async openSink(spec: UpsertSpec): Promise<RowSink> {
    const staging = `stg_${spec.table}_${++this.stagingCount}`;
    const cols = spec.columns
      .map((c) => `${c.name} ${pgType[c.type]}`)
      .join(', ');
    await this.client.query(
      `CREATE TEMP TABLE ${staging} (${cols}) ON COMMIT DROP`,
    );
    const copy = this.client.query(
      copyFrom(
        `COPY ${staging} (${spec.columns.map((c) => c.name).join(', ')}) FROM STDIN`,
      ),
    );
    const custom = spec.merge;
    return new CopySink(copy, async () => {
      if (custom) {
        for (const sql of custom(staging)) await this.client.query(sql);
      } else {
        await this.upsert(spec, staging);
      }
    });
  }

  /**
   * INSERT … ON CONFLICT costs about a third more than a plain INSERT. When no staged key exists
   * in the table yet (the usual case: new dates), the plain INSERT runs; a savepoint falls back to
   * the upsert should a concurrent writer add one of the keys in between.
   */
  private async upsert(spec: UpsertSpec, staging: string): Promise<void> {
    const upsert = upsertSql(spec, staging, spec.conflict);
    const join = spec.conflict.map((c) => `t.${c} = s.${c}`).join(' AND ');
    const probe = await this.client.query(
      `SELECT 1 FROM ${staging} s WHERE EXISTS (SELECT 1 FROM ${spec.table} t WHERE ${join}) LIMIT 1`,
    );
    if (probe.rowCount) {
      await this.client.query(upsert);
      return;
    }
    const cols = spec.columns.map((c) => c.name).join(', ');
    await this.client.query('SAVEPOINT plain_insert');
    try {
      await this.client.query(
        // File order, not key order: sorting cost more than it saved here (measured 15.8 s vs 11.8 s
        // for 1 M date-ordered sales rows), since the secondary indexes lead with the date.
        `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${staging}`,
      );
      await this.client.query('RELEASE SAVEPOINT plain_insert');
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await this.client.query('ROLLBACK TO SAVEPOINT plain_insert');
      await this.client.query(upsert);
    }
  }

  async commit(): Promise<void> {
    try {
      await this.client.query('COMMIT');
    } finally {
      await this.queryRunner.release();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.client.query('ROLLBACK');
    } finally {
      await this.queryRunner.release();
    }
  }
}

class CopySink implements RowSink {
  private chunk = '';
  private count = 0;

  constructor(
    private readonly copy: Writable,
    private readonly afterCopy: () => Promise<void>,
  ) {}

  write(values: readonly BulkValue[]): void | Promise<void> {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) line += '\t';
      line += encode(values[i] ?? null);
    }
    this.chunk += line + '\n';
    this.count++;
    if (this.chunk.length >= CHUNK_BYTES) return this.flush();
  }

  async close(): Promise<number> {
    if (this.chunk.length > 0) await this.flush();
    this.copy.end();
    await finished(this.copy);
    await this.afterCopy();
    return this.count;
  }

  async abort(): Promise<void> {
    // Destroying the COPY stream sends CopyFail, which frees the connection for ROLLBACK.
    this.chunk = '';
    if (this.copy.destroyed || this.copy.writableFinished) return;
    await new Promise<void>((resolve) => {
      this.copy.once('error', () => resolve());
      this.copy.once('close', () => resolve());
      this.copy.destroy(new Error('import aborted'));
    });
  }

  private flush(): void | Promise<void> {
    const ok = this.copy.write(this.chunk);
    this.chunk = '';
    if (!ok)
      return new Promise((resolve) => this.copy.once('drain', () => resolve()));
  }
}

/** PostgreSQL COPY text format: \N for NULL, backslash escapes for tab, newline and backslash. */
function encode(value: BulkValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value
        .replace(/\\/g, '\\\\')
        .replace(/\t/g, '\\t')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
    : value;
}
