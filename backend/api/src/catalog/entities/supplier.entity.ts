import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('suppliers')
export class Supplier {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'lead_time_mean_days', type: 'double precision' })
  leadTimeMeanDays!: number;

  @Column({ name: 'lead_time_sd_days', type: 'double precision', default: 0 })
  leadTimeSdDays!: number;

  @Column({ name: 'review_period_days', type: 'integer', default: 7 })
  reviewPeriodDays!: number;
}
