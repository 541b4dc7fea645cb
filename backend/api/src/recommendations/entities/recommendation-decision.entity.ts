import type {
  DecisionAction,
  RecommendationStatus,
} from '@shelfcast/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change of a recommendation line's decision: who, when, why, from what to what. */
@Entity('recommendation_decisions')
@Index('idx_recommendation_decisions_line', ['recommendationId', 'id'])
export class RecommendationDecision {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'recommendation_id', type: 'integer' })
  recommendationId!: number;

  @Column({ type: 'varchar', length: 32 })
  action!: DecisionAction;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  fromStatus!: RecommendationStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: RecommendationStatus;

  @Column({ name: 'from_qty', type: 'double precision' })
  fromQty!: number;

  @Column({ name: 'to_qty', type: 'double precision' })
  toQty!: number;

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId!: number | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
