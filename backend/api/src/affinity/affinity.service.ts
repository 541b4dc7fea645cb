import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
} from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AffinityProductRef,
  AffinityRecomputeResult,
  AffinityRunInfo,
  AssortmentGapItem,
  BoughtTogetherItem,
  ContentFeatureName,
  ProductAffinity,
  SegmentPickItem,
  SimilarProductItem,
  StoreAssortmentGaps,
} from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import {
  assertStoreInScope,
  type StoreScope,
} from '../common/identity/store-scope';
import {
  postPromotionStep,
  PROMOTION_REPORTS_WRITTEN,
  type PostPromotionStepDone,
} from '../common/training-events';
import { computeAffinity } from './affinity-compute';
import { computeAffinityInWorker } from './affinity-worker-runner';
import { AffinityException } from './affinity.exception';
import { loadAffinityInputs, saveAffinityOutputs } from './affinity-store';
import { AffinityRun } from './entities/affinity-results.entity';
import { yieldToLoop } from '../common/yield-to-loop';

/** The product columns every affinity result names its product by. */
interface ProductRefRow {
  sku: string;
  name: string;
  category_path: string;
  brand: string | null;
}

interface ProductRow extends ProductRefRow {
  id: number;
}

interface PairRow extends ProductRefRow {
  rank: number;
  baskets: number;
  support: number;
  confidence: number;
  lift: number;
  cosine: number;
}

interface SimilarityRow extends ProductRefRow {
  rank: number;
  similarity: number;
  /** Comma-separated feature names. */
  matches: string | null;
  common_depth: number;
  /** Comma-separated words. */
  common_words: string | null;
}

interface StoreRow {
  id: number;
  code: string;
  name: string;
}

interface GapRow extends ProductRefRow {
  rank: number;
  expected_share: number;
  stores_selling: number;
  stores_compared: number;
  mean_share: number;
  expected_units: number;
}

interface PickRow extends ProductRefRow {
  rank: number;
  score: number;
  customers: number;
}

/** Days of basket lines and of sales one run reads, back from the latest date held. */
export const AFFINITY_WINDOW_DAYS = 90;

/**
 * Above these sizes the computation runs on a worker thread. Inline it costs the API's event loop
 * about 20 µs per basket (173–227 ms for 8,892 baskets of the bench demo), so only small inputs
 * (about 20 ms) stay on it.
 */
const INLINE_MAX_BASKETS = 1_000;
const INLINE_MAX_SALES_CELLS = 5_000;

/**
 * Bought together, similar products and assortment gaps: recomputed after every promoted
 * training run (and on demand), one run at a time, results replaced atomically.
 */
@Injectable()
export class AffinityService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AffinityService.name);
  private running: Promise<AffinityRecomputeResult> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /** The last post-promotion step, once the scheduled reports after the promotion are written. */
  @OnEvent(PROMOTION_REPORTS_WRITTEN)
  onPromotionReportsWritten({ runId }: PostPromotionStepDone): void {
    const step = postPromotionStep(this.events, runId, 'affinity');
    step('started');
    this.recompute().then(
      (r) => step('finished', `${r.pairs} pairs, ${r.gaps} gaps`),
      (e: unknown) => {
        this.logger.error(`affinity recompute failed: ${String(e)}`);
        step('failed', e instanceof Error ? e.message : String(e));
      },
    );
  }

  /** Starts a run, or joins the one already going. */
  recompute(user?: AuthUser): Promise<AffinityRecomputeResult> {
    if (!this.running) {
      this.running = this.run(user).finally(() => (this.running = null));
    }
    return this.running;
  }

  /** Resolves when no run is going (tests, shutdown). */
  async waitForIdle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** A run started by the last promotion finishes before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.waitForIdle();
  }

  private async run(user?: AuthUser): Promise<AffinityRecomputeResult> {
    const started = performance.now();
    const inputs = await loadAffinityInputs(
      this.dataSource,
      AFFINITY_WINDOW_DAYS,
    );
    // Small inputs compute in process (a thread costs more to start); large ones on a worker
    // thread so the event loop keeps serving requests.
    const large =
      inputs.baskets.length > INLINE_MAX_BASKETS ||
      inputs.storeSales.length > INLINE_MAX_SALES_CELLS;
    await yieldToLoop();
    const out = large
      ? await computeAffinityInWorker(inputs)
      : computeAffinity(inputs);
    const durationMs = performance.now() - started;
    const run = await saveAffinityOutputs(this.dataSource, out, {
      baskets: inputs.baskets.length,
      windowDays: AFFINITY_WINDOW_DAYS,
      durationMs,
    });
    if (user)
      await this.audit.record({
        actor: user,
        action: 'affinity.recompute',
        entity: 'affinity',
        entityId: run.id,
        after: { baskets: run.baskets, pairs: run.pairs, gaps: run.gaps },
      });
    this.logger.log(
      `affinity: ${run.baskets} baskets, ${run.pairs} pairs, ${run.gaps} gaps in ${run.durationMs} ms`,
    );
    return {
      computedAt: run.computedAt.toISOString(),
      baskets: run.baskets,
      pairs: run.pairs,
      similarPairs: run.similarPairs,
      gaps: run.gaps,
      segmentPicks: run.segmentPicks,
      durationMs: run.durationMs,
    };
  }

  async product(sku: string): Promise<ProductAffinity> {
    const [product]: ProductRow[] = await this.dataSource.query(
      `SELECT id, sku, name, category_path, brand FROM products WHERE sku = ${this.param()}`,
      [sku],
    );
    if (!product)
      throw new AffinityException('not_found', `Product ${sku} does not exist`);
    const id = Number(product.id);
    const together: PairRow[] = await this.dataSource.query(
      `SELECT a.rank, a.baskets, a.support, a.confidence, a.lift, a.cosine,
              p.sku, p.name, p.category_path, p.brand
         FROM affinity_pairs a JOIN products p ON p.id = a.neighbour_id
        WHERE a.product_id = ${this.param()} ORDER BY a.rank`,
      [id],
    );
    const similar: SimilarityRow[] = await this.dataSource.query(
      `SELECT s.rank, s.similarity, s.matches, s.common_depth, s.common_words,
              p.sku, p.name, p.category_path, p.brand
         FROM product_similarities s JOIN products p ON p.id = s.neighbour_id
        WHERE s.product_id = ${this.param()} ORDER BY s.rank`,
      [id],
    );
    return {
      product: ref(product),
      run: await this.runInfo(),
      boughtTogether: together.map(togetherView),
      similar: similar.map(similarView),
    };
  }

  async storeGaps(
    code: string,
    scope: StoreScope,
  ): Promise<StoreAssortmentGaps> {
    const [store]: StoreRow[] = await this.dataSource.query(
      `SELECT id, code, name FROM stores WHERE code = ${this.param()}`,
      [code],
    );
    if (!store)
      throw new AffinityException('not_found', `Store ${code} does not exist`);
    assertStoreInScope(scope, Number(store.id));
    const gaps: GapRow[] = await this.dataSource.query(
      `SELECT g.rank, g.expected_share, g.stores_selling, g.stores_compared, g.mean_share,
              g.expected_units, p.sku, p.name, p.category_path, p.brand
         FROM assortment_gaps g JOIN products p ON p.id = g.product_id
        WHERE g.store_id = ${this.param()} ORDER BY g.rank`,
      [Number(store.id)],
    );
    const picks: PickRow[] = await this.dataSource.query(
      `SELECT s.rank, s.score, s.customers, p.sku, p.name, p.category_path, p.brand
         FROM segment_picks s JOIN products p ON p.id = s.product_id
        WHERE s.store_id = ${this.param()} ORDER BY s.rank`,
      [Number(store.id)],
    );
    return {
      store: { code: store.code, name: store.name },
      run: await this.runInfo(),
      gaps: gaps.map(gapView),
      segmentPicks: picks.map(pickView),
    };
  }

  private async runInfo(): Promise<AffinityRunInfo> {
    const [run] = await this.dataSource
      .getRepository(AffinityRun)
      .find({ order: { id: 'DESC' }, take: 1 });
    return {
      computedAt: run ? run.computedAt.toISOString() : null,
      baskets: run?.baskets ?? 0,
      windowDays: run?.windowDays ?? AFFINITY_WINDOW_DAYS,
    };
  }

  private param(): string {
    return this.dataSource.options.type === 'postgres' ? '$1' : '?';
  }
}

function ref(r: ProductRefRow): AffinityProductRef {
  return {
    sku: String(r.sku),
    name: String(r.name),
    categoryPath: String(r.category_path),
    brand: r.brand === null || r.brand === undefined ? null : String(r.brand),
  };
}

// Typed row mappers: one per result row type (numeric columns come back as strings on PostgreSQL).
function togetherView(r: PairRow): BoughtTogetherItem {
  return {
    ...ref(r),
    rank: Number(r.rank),
    baskets: Number(r.baskets),
    support: Number(r.support),
    confidence: Number(r.confidence),
    lift: Number(r.lift),
    cosine: Number(r.cosine),
  };
}

function similarView(r: SimilarityRow): SimilarProductItem {
  return {
    ...ref(r),
    rank: Number(r.rank),
    similarity: Number(r.similarity),
    matches: list(r.matches) as ContentFeatureName[],
    commonCategoryDepth: Number(r.common_depth),
    commonWords: list(r.common_words),
  };
}

function gapView(r: GapRow): AssortmentGapItem {
  return {
    ...ref(r),
    rank: Number(r.rank),
    expectedShare: Number(r.expected_share),
    similarStoresSelling: Number(r.stores_selling),
    similarStoresCompared: Number(r.stores_compared),
    meanShareWhereSold: Number(r.mean_share),
    expectedUnits: Number(r.expected_units),
  };
}

function pickView(r: PickRow): SegmentPickItem {
  return {
    ...ref(r),
    rank: Number(r.rank),
    score: Number(r.score),
    customers: Number(r.customers),
  };
}

function list(v: unknown): string[] {
  return String(v ?? '')
    .split(',')
    .filter((s) => s !== '');
}
