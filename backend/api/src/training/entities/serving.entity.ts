import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The single row naming the promoted run whose forecasts are served (swapped atomically). */
@Entity('serving')
export class Serving {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36, nullable: true })
  runId!: string | null;

  @Column({ name: 'promoted_at', type: Date, nullable: true })
  promotedAt!: Date | null;
}
