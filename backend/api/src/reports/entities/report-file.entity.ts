import type {
  ReportFileStatus,
  ReportFormat,
  ReportId,
} from '@shelfcast/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** One file a schedule wrote (or failed to write) into the reports directory: its history. */
@Entity('report_files')
@Index('idx_report_files_schedule', ['scheduleId', 'createdAt'])
export class ReportFile {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'schedule_id', type: 'integer' })
  scheduleId!: number;

  @Column({ name: 'report_id', type: 'varchar', length: 32 })
  reportId!: ReportId;

  @Column({ type: 'varchar', length: 8 })
  format!: ReportFormat;

  /** Path relative to the reports directory. */
  @Column({ name: 'file_name', type: 'varchar', length: 300 })
  fileName!: string;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: unknown) => Number(v) },
  })
  bytes!: number;

  @Column({ type: 'integer', default: 0 })
  rows!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ReportFileStatus;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
