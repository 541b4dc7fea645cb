import type {
  ReportFilters,
  ReportFormat,
  ReportId,
} from '@shelfcast/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** A planner's scheduled report: written after the first nightly run once its cron has fired. */
@Entity('report_schedules')
export class ReportSchedule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'report_id', type: 'varchar', length: 32 })
  reportId!: ReportId;

  @Column({ type: 'varchar', length: 8 })
  format!: ReportFormat;

  @Column({ type: 'varchar', length: 100 })
  cron!: string;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone!: string;

  /** JSON of the filters (validated when the schedule was created). */
  @Column({ type: 'simple-json' })
  filters!: ReportFilters;

  @Column({ type: 'boolean', default: false })
  bom!: boolean;

  @Column({ name: 'created_by_id', type: 'integer', nullable: true })
  createdById!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 254, nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** When its last file was written (null: none yet). */
  @Column({ name: 'last_file_at', type: Date, nullable: true })
  lastFileAt!: Date | null;
}
