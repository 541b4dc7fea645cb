import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  ImportErrorReason,
  ImportKind,
  ImportRowError,
  ImportStatus,
} from '@shelfcast/contracts';

/** The record of one import: who, when, which file, how many rows, which errors. */
@Entity('import_runs')
@Index('idx_import_runs_started', ['startedAt'])
export class ImportRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: ImportKind;

  @Column({ name: 'file_name', type: 'varchar', length: 500 })
  fileName!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ImportStatus;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ name: 'rows_imported', type: 'integer', default: 0 })
  rowsImported!: number;

  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount!: number;

  @Column({ name: 'errors_by_reason', type: 'simple-json', nullable: true })
  errorsByReason!: Partial<Record<ImportErrorReason, number>> | null;

  /** The first errors only (capped); totals are in errorCount and errorsByReason. */
  @Column({ type: 'simple-json', nullable: true })
  errors!: ImportRowError[] | null;

  @Column({ name: 'bytes_read', type: 'bigint', default: 0 })
  bytesRead!: string;

  @Column({ name: 'user_name', type: 'varchar', length: 200, nullable: true })
  userName!: string | null;

  /** The signed-in user who started it (null for the demo seeder and the CLI). */
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId!: number | null;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;
}
