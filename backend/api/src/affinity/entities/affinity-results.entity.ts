import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Bought together: the top-K co-purchased products of a product (ranking: BOUGHT_TOGETHER_RANKING). */
@Entity('affinity_pairs')
export class AffinityPair {
  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'integer' })
  rank!: number;

  @Column({ name: 'neighbour_id', type: 'integer' })
  neighbourId!: number;

  @Column({ type: 'integer' })
  baskets!: number;

  @Column({ type: 'double precision' })
  support!: number;

  @Column({ type: 'double precision' })
  confidence!: number;

  @Column({ type: 'double precision' })
  lift!: number;

  @Column({ type: 'double precision' })
  cosine!: number;
}

/** Content-based neighbours of a product (attributes, TF-IDF of name and description). */
@Entity('product_similarities')
export class ProductSimilarity {
  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'integer' })
  rank!: number;

  @Column({ name: 'neighbour_id', type: 'integer' })
  neighbourId!: number;

  @Column({ type: 'double precision' })
  similarity!: number;

  /** Comma-separated attribute groups both share. */
  @Column({ type: 'varchar', length: 64 })
  matches!: string;

  @Column({ name: 'common_depth', type: 'integer' })
  commonDepth!: number;

  /** Comma-separated words both names/descriptions contain. */
  @Column({ name: 'common_words', type: 'varchar', length: 200 })
  commonWords!: string;
}

/** Products similar stores sell and this one does not (store-user CF over sales shares). */
@Entity('assortment_gaps')
export class AssortmentGap {
  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ type: 'integer' })
  rank!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ name: 'expected_share', type: 'double precision' })
  expectedShare!: number;

  @Column({ name: 'stores_selling', type: 'integer' })
  storesSelling!: number;

  @Column({ name: 'stores_compared', type: 'integer' })
  storesCompared!: number;

  @Column({ name: 'mean_share', type: 'double precision' })
  meanShare!: number;

  @Column({ name: 'expected_units', type: 'double precision' })
  expectedUnits!: number;
}

/** Top products for the customers whose home store this is, from similar customers' baskets. */
@Entity('segment_picks')
export class SegmentPick {
  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ type: 'integer' })
  rank!: number;

  @Column({ name: 'product_id', type: 'integer' })
  productId!: number;

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ type: 'integer' })
  customers!: number;
}

/** One row per computation; the latest describes the results being served. */
@Entity('affinity_runs')
export class AffinityRun {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'computed_at', type: Date })
  computedAt!: Date;

  @Column({ type: 'integer' })
  baskets!: number;

  @Column({ name: 'window_days', type: 'integer' })
  windowDays!: number;

  @Column({ type: 'integer' })
  pairs!: number;

  @Column({ name: 'similar_pairs', type: 'integer' })
  similarPairs!: number;

  @Column({ type: 'integer' })
  gaps!: number;

  @Column({ name: 'segment_picks', type: 'integer' })
  segmentPicks!: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;
}
