import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

export type ArtifactKind =
  | 'baseline-params'
  | 'neural-topology'
  | 'neural-weights';

/** A versioned model artifact of one run (per shard): JSON text or base64 tfjs weights. */
@Entity('model_artifacts')
@Index('idx_model_artifacts_run', ['runId', 'shard'])
export class ModelArtifact {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  shard!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: ArtifactKind;

  @Column({ type: 'varchar', length: 16 })
  encoding!: 'json' | 'base64';

  @Column({ type: 'text' })
  content!: string;

  /** Decoded size in bytes. */
  @Column({ type: 'integer' })
  bytes!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
