import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Running sums of issued-forecast errors per week of target day, horizon bucket, level and scope.
 * Sums, not ratios: a new day of actuals adds to them without reading history.
 */
@Entity('realized_accuracy')
@Index('idx_realized_accuracy_level', ['level', 'week'])
export class RealizedAccuracy {
  /** Monday of the target days' week. */
  @PrimaryColumn({ type: 'date' })
  week!: string;

  /** `1-7`, `8-14`, `15-28` or `29+` days ahead; `1w`, `2w`, `3-4w` or `5w+` weeks (weekly series). */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  bucket!: string;

  /** `series`, `category_store`, `store`, `category` or `chain`. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  level!: string;

  /** `storeId:productId`, `storeId:category`, `storeId`, `category` or '' (chain). */
  @PrimaryColumn({ name: 'scope_key', type: 'varchar', length: 300 })
  scopeKey!: string;

  /** The store of store-level scopes (for store scoping); null at category and chain level. */
  @Column({ name: 'store_id', type: 'integer', nullable: true })
  storeId!: number | null;

  /** Scored forecast points. */
  @Column({ type: 'integer', default: 0 })
  n!: number;

  /** Σ |P50 − actual|. */
  @Column({ name: 'abs_error', type: 'double precision', default: 0 })
  absError!: number;

  /** Σ (P50 − actual): positive when over-forecasting. */
  @Column({ type: 'double precision', default: 0 })
  error!: number;

  @Column({ type: 'double precision', default: 0 })
  actual!: number;

  /** Σ |P50 − actual| / scale over the points whose series has a scale. */
  @Column({ name: 'scaled_error', type: 'double precision', default: 0 })
  scaledError!: number;

  @Column({ name: 'scaled_n', type: 'integer', default: 0 })
  scaledN!: number;

  /** Points whose actual fell inside P10–P90. */
  @Column({ type: 'integer', default: 0 })
  hits!: number;
}
