import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One shard of a run's plan (written when the run is planned) and its completion: the shard runner
 * sets `done` with its outcome after its rows are written, so a resumed run skips it.
 */
@Entity('run_shards')
export class RunShard {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  shard!: string;

  /** JSON array of store ids; null = every store. */
  @Column({ name: 'store_ids', type: 'text', nullable: true })
  storeIds!: string | null;

  /** JSON [fromStore, fromProduct, toStore, toProduct] (inclusive) of the shard's series; null = by stores. */
  @Column({ name: 'series_range', type: 'text', nullable: true })
  seriesRange!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: 'pending' | 'done';

  /** Times a worker started the shard (a finished shard is never started again). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The shard's outcome (JSON ShardOutcome) once done. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'started_at', type: 'varchar', length: 32, nullable: true })
  startedAt!: string | null;

  @Column({ name: 'finished_at', type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;
}
