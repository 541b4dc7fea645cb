import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { serializeWrites } from '../database/write-gate';
import { forDialect } from '../database/raw-sql';

export const TRAINING_LOCK = 'training';
/** Key of the PostgreSQL advisory lock (any constant shared by every instance). */
const ADVISORY_KEY = 7_316_001;

export interface LockHandle {
  readonly holder: string;
  setRun(runId: string): Promise<void>;
  release(): Promise<void>;
}

/**
 * One training run at a time across every API instance and worker. PostgreSQL: a session-level
 * advisory lock on a dedicated connection (freed by the server when the process dies). SQLite:
 * a row in scheduler_locks with a lease renewed by a heartbeat; an expired lease may be taken over.
 * Both also keep the scheduler_locks row current so the holder is visible.
 */
@Injectable()
export class TrainingLockService {
  private readonly logger = new Logger(TrainingLockService.name);
  readonly holderBase = `${hostname()}:${process.pid}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private get pg(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  private sql(s: string): string {
    return forDialect(this.dataSource, s);
  }

  /** The lock, or null when another holder has it. */
  async acquire(): Promise<LockHandle | null> {
    const holder = `${this.holderBase}:${randomUUID().slice(0, 8)}`;
    const lease = this.config.training.lockLeaseMs;
    await this.dataSource.query(
      this.sql(
        'INSERT INTO scheduler_locks (name, lease_until, heartbeat_at) VALUES (?, 0, 0) ON CONFLICT (name) DO NOTHING',
      ),
      [TRAINING_LOCK],
    );
    let session: QueryRunner | null = null;
    if (this.pg) {
      session = this.dataSource.createQueryRunner();
      await session.connect();
      const [row]: { ok: boolean }[] = await session.query(
        'SELECT pg_try_advisory_lock($1) AS ok',
        [ADVISORY_KEY],
      );
      if (!row.ok) {
        await session.release();
        return null;
      }
      await this.write(
        'UPDATE scheduler_locks SET holder = ?, run_id = NULL, lease_until = ?, heartbeat_at = ? WHERE name = ?',
        [holder, Date.now() + lease, Date.now(), TRAINING_LOCK],
      );
    } else {
      const now = Date.now();
      const taken = await this.write(
        'UPDATE scheduler_locks SET holder = ?, run_id = NULL, lease_until = ?, heartbeat_at = ? WHERE name = ? AND (holder IS NULL OR lease_until < ?)',
        [holder, now + lease, now, TRAINING_LOCK, now],
      );
      if (taken !== 1) return null;
    }
    const timer = setInterval(
      () => {
        const t = Date.now();
        this.write(
          'UPDATE scheduler_locks SET lease_until = ?, heartbeat_at = ? WHERE name = ? AND holder = ?',
          [t + lease, t, TRAINING_LOCK, holder],
        )
          .then((n) => {
            if (n !== 1)
              this.logger.error(`Lost the training lock (${holder})`);
          })
          .catch((e: unknown) =>
            this.logger.warn(`Lock heartbeat failed: ${String(e)}`),
          );
      },
      Math.max(200, Math.floor(lease / 3)),
    );
    timer.unref();
    let released = false;
    return {
      holder,
      setRun: async (runId) => {
        await this.write(
          'UPDATE scheduler_locks SET run_id = ? WHERE name = ? AND holder = ?',
          [runId, TRAINING_LOCK, holder],
        );
      },
      // Never rejects: callers release in `finally` blocks and background chains, where a busy
      // database used to turn a failed release into an unhandled rejection that ended the
      // process. A row left behind expires with its lease (the heartbeat has stopped).
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await this.write(
          'UPDATE scheduler_locks SET holder = NULL, run_id = NULL, lease_until = 0 WHERE name = ? AND holder = ?',
          [TRAINING_LOCK, holder],
        ).catch((e: unknown) =>
          this.logger.warn(
            `Could not release the training lock (${holder}); it expires with its lease: ${String(e)}`,
          ),
        );
        if (session) {
          await session
            .query('SELECT pg_advisory_unlock($1)', [ADVISORY_KEY])
            .catch(() => undefined);
          await session.release().catch(() => undefined);
        }
      },
    };
  }

  /** Runs a write and returns the number of affected rows. */
  private write(sql: string, params: unknown[]): Promise<number> {
    return serializeWrites(() => this.writeNow(sql, params));
  }

  private async writeNow(sql: string, params: unknown[]): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(this.sql(sql), params, true);
      return Number((result as { affected?: number }).affected ?? 0);
    } finally {
      await runner.release();
    }
  }
}
