import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One recommendation line's replay: served side, seasonal-naive side, or why it was skipped. */
@Entity('policy_proof_lines')
@Index('idx_policy_proof_lines_proof', ['proofId', 'storeId', 'productId'])
export class PolicyProofLine {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'proof_id', type: 'integer' })
  proofId!: number;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ name: 'recommendation_id', type: 'integer', nullable: true })
  recommendationId!: number | null;

  @Column({ name: 'period_unit', type: 'varchar', length: 8 })
  periodUnit!: string;

  @Column({ type: 'integer', default: 0 })
  periods!: number;

  @Column({ type: 'double precision', default: 0 })
  demand!: number;

  @Column({
    name: 'served_fill_rate',
    type: 'double precision',
    nullable: true,
  })
  servedFillRate!: number | null;

  @Column({
    name: 'served_avg_on_hand',
    type: 'double precision',
    nullable: true,
  })
  servedAvgOnHand!: number | null;

  @Column({
    name: 'served_stockout_days',
    type: 'double precision',
    nullable: true,
  })
  servedStockoutDays!: number | null;

  @Column({
    name: 'served_lost_units',
    type: 'double precision',
    nullable: true,
  })
  servedLostUnits!: number | null;

  @Column({ name: 'naive_fill_rate', type: 'double precision', nullable: true })
  naiveFillRate!: number | null;

  @Column({
    name: 'naive_avg_on_hand',
    type: 'double precision',
    nullable: true,
  })
  naiveAvgOnHand!: number | null;

  @Column({
    name: 'naive_stockout_days',
    type: 'double precision',
    nullable: true,
  })
  naiveStockoutDays!: number | null;

  @Column({
    name: 'naive_lost_units',
    type: 'double precision',
    nullable: true,
  })
  naiveLostUnits!: number | null;

  @Column({ name: 'skip_reason', type: 'varchar', length: 32, nullable: true })
  skipReason!: string | null;
}
