import type {
  RunHistoryEvent,
  RunPhase,
  RunPhaseTimes,
  RunScopeType,
  RunSeriesError,
  RunStatus,
  RunTrigger,
  TrainingMode,
} from '@shelfcast/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One training run: its life (status and phase times), scope, outcome and comparison. */
@Entity('forecast_runs')
@Index('uq_forecast_runs_trigger_key', ['triggerKey'], { unique: true })
@Index('idx_forecast_runs_created', ['createdAt'])
export class ForecastRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RunStatus;

  @Column({ name: 'trigger_type', type: 'varchar', length: 16 })
  trigger!: RunTrigger;

  /** `cron:<scheduled minute>` so that instances firing the same tick create one run. */
  @Column({ name: 'trigger_key', type: 'varchar', length: 64, nullable: true })
  triggerKey!: string | null;

  @Column({ name: 'scope_type', type: 'varchar', length: 16, default: 'all' })
  scopeType!: RunScopeType;

  @Column({ name: 'scope_key', type: 'varchar', length: 300, default: '' })
  scopeKey!: string;

  @Column({
    name: 'requested_by',
    type: 'varchar',
    length: 200,
    nullable: true,
  })
  requestedBy!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'threads' })
  mode!: TrainingMode;

  @Column({ type: 'varchar', length: 16, nullable: true })
  backend!: string | null;

  @Column({ name: 'series_total', type: 'integer', default: 0 })
  seriesTotal!: number;

  @Column({ name: 'series_done', type: 'integer', default: 0 })
  seriesDone!: number;

  @Column({ name: 'series_failed', type: 'integer', default: 0 })
  seriesFailed!: number;

  @Column({ name: 'shards_total', type: 'integer', default: 0 })
  shardsTotal!: number;

  @Column({ name: 'shards_done', type: 'integer', default: 0 })
  shardsDone!: number;

  @Column({ type: 'simple-json', nullable: true })
  phases!: Partial<Record<RunPhase, RunPhaseTimes>> | null;

  /** The first per-series errors (capped); the total is seriesFailed. */
  @Column({ type: 'simple-json', nullable: true })
  errors!: RunSeriesError[] | null;

  /** Started / interrupted / resumed, oldest first. */
  @Column({ type: 'simple-json', nullable: true })
  history!: RunHistoryEvent[] | null;

  /** The last lines of the run's log. */
  @Column({ type: 'text', nullable: true })
  log!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  metrics!: Record<string, number | null> | null;

  /** Why the run failed or was rejected. */
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({
    name: 'champion_run_id',
    type: 'varchar',
    length: 36,
    nullable: true,
  })
  championRunId!: string | null;

  @Column({ name: 'champion_wape', type: 'double precision', nullable: true })
  championWape!: number | null;

  @Column({ type: 'double precision', nullable: true })
  wape!: number | null;

  @Column({ name: 'data_end', type: 'date', nullable: true })
  dataEnd!: string | null;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested!: boolean;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;
}
