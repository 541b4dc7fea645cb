import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A target day whose actuals have been added to the sums; a re-import of it rescores its week. */
@Entity('realized_days')
export class RealizedDay {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ name: 'scored_at', type: Date })
  scoredAt!: Date;
}
