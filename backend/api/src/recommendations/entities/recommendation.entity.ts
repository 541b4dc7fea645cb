import type {
  AbcClassCode,
  RecommendationStatus,
  RiskReason,
  ServiceKind,
  XyzClassCode,
} from '@shelfcast/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One replenishment recommendation for a store × product, computed from one forecast run. */
@Entity('recommendations')
@Index('uq_recommendations_line', ['runId', 'storeId', 'productId'], {
  unique: true,
})
@Index('idx_recommendations_store_status', ['storeId', 'status'])
@Index('idx_recommendations_generated', ['generatedAt'])
@Index('idx_recommendations_lost_margin', ['runId', 'lostMargin'])
export class Recommendation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ name: 'supplier_id', type: 'integer', nullable: true })
  supplierId!: number | null;

  @Column({ name: 'generated_at', type: Date })
  generatedAt!: Date;

  /** Period 0 of the forecast the decision was made with. */
  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: RecommendationStatus;

  @Column({ name: 'recommended_qty', type: 'double precision' })
  recommendedQty!: number;

  /** The quantity that will be ordered: the recommendation, or the adjusted quantity. */
  @Column({ name: 'final_qty', type: 'double precision' })
  finalQty!: number;

  @Column({ type: 'integer', default: 0 })
  cases!: number;

  @Column({ name: 'case_pack', type: 'integer', default: 1 })
  casePack!: number;

  @Column({ type: 'integer', default: 0 })
  moq!: number;

  @Column({ name: 'safety_stock', type: 'double precision' })
  safetyStock!: number;

  @Column({ name: 'reorder_point', type: 'double precision' })
  reorderPoint!: number;

  @Column({ name: 'order_up_to', type: 'double precision' })
  orderUpTo!: number;

  @Column({ name: 'inventory_position', type: 'double precision' })
  inventoryPosition!: number;

  @Column({ name: 'on_hand', type: 'double precision' })
  onHand!: number;

  @Column({ type: 'double precision' })
  inbound!: number;

  /** Mean and sd of demand over the protection interval (lead time + review period). */
  @Column({ name: 'demand_mean', type: 'double precision' })
  demandMean!: number;

  @Column({ name: 'demand_sd', type: 'double precision' })
  demandSd!: number;

  @Column({ name: 'protection_periods', type: 'double precision' })
  protectionPeriods!: number;

  @Column({ name: 'service_kind', type: 'varchar', length: 16 })
  serviceKind!: ServiceKind;

  @Column({ name: 'service_level', type: 'double precision' })
  serviceLevel!: number;

  @Column({ type: 'varchar', length: 1 })
  abc!: AbcClassCode;

  @Column({ type: 'varchar', length: 1 })
  xyz!: XyzClassCode;

  @Column({ name: 'stockout_date_p50', type: 'date', nullable: true })
  stockoutDateP50!: string | null;

  @Column({ name: 'stockout_date_p90', type: 'date', nullable: true })
  stockoutDateP90!: string | null;

  @Column({ name: 'days_of_cover', type: 'double precision', nullable: true })
  daysOfCover!: number | null;

  @Column({ name: 'excess_units', type: 'double precision', default: 0 })
  excessUnits!: number;

  @Column({ name: 'excess_value', type: 'double precision', default: 0 })
  excessValue!: number;

  @Column({ name: 'expiry_risk', type: 'double precision', nullable: true })
  expiryRisk!: number | null;

  @Column({ name: 'unit_cost', type: 'double precision', default: 0 })
  unitCost!: number;

  /** Expected units lost before the next delivery with the order (null: generated before it existed). */
  @Column({
    name: 'expected_lost_units',
    type: 'double precision',
    nullable: true,
  })
  expectedLostUnits!: number | null;

  /** The lost units at the unit margin: the value at risk the inventory list sorts by. */
  @Column({ name: 'lost_margin', type: 'double precision', nullable: true })
  lostMargin!: number | null;

  /** 1 when the P50 projection with the order runs out before the next delivery. */
  @Column({ name: 'stockout_risk', type: 'integer', nullable: true })
  stockoutRisk!: number | null;

  @Column({ name: 'risk_reason', type: 'varchar', length: 16, nullable: true })
  riskReason!: RiskReason | null;

  @Column({ type: 'text' })
  explanation!: string;

  /** The library's RecommendationBreakdown as JSON (every number, for other languages). */
  @Column({ name: 'explanation_json', type: 'text' })
  explanationJson!: string;

  @Column({ name: 'decided_by_id', type: 'integer', nullable: true })
  decidedById!: number | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 254, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  /** The planner who gave the second approval of an implausible adjustment. */
  @Column({ name: 'approved_by_id', type: 'integer', nullable: true })
  approvedById!: number | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 254, nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: Date, nullable: true })
  approvedAt!: Date | null;
}
