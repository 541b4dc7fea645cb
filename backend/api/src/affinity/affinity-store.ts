import type { DataSource, EntityManager } from 'typeorm';
import type { AffinityInputs, AffinityOutputs } from './affinity-compute';
import {
  AffinityPair,
  AffinityRun,
  AssortmentGap,
  ProductSimilarity,
  SegmentPick,
} from './entities/affinity-results.entity';
import { isoDayOrNull } from '../database/raw-sql';

const DAY_MS = 86_400_000;
const INSERT_CHUNK = 500;

function isoDaysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

function attributesOf(text: unknown): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(String(text ?? '{}'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Loads what one affinity run reads: basket lines and sales of the last `windowDays` held. */
export async function loadAffinityInputs(
  db: DataSource,
  windowDays: number,
): Promise<AffinityInputs> {
  // One positional parameter per query: `?` on SQLite, `$1` on PostgreSQL.
  const param = db.options.type === 'postgres' ? '$1' : '?';
  const [basketEnd] = await db.query('SELECT MAX(date) AS d FROM basket_lines');
  const [salesEnd] = await db.query('SELECT MAX(date) AS d FROM sales');
  const basketFrom = isoDayOrNull(basketEnd?.d);
  const salesFrom = isoDayOrNull(salesEnd?.d);
  const baskets: number[][] = [];
  const customerLines: AffinityInputs['customerLines'] = [];
  const homeStore = new Map<string, number>();
  if (basketFrom !== null) {
    const from = isoDaysBefore(basketFrom, windowDays - 1);
    const lines: { store_id: number; basket_id: string; product_id: number }[] =
      await db.query(
        `SELECT store_id, basket_id, product_id FROM basket_lines
          WHERE date >= ${param} ORDER BY store_id, basket_id`,
        [from],
      );
    let key = '';
    for (const l of lines) {
      const k = `${l.store_id}|${l.basket_id}`;
      if (k !== key) {
        baskets.push([]);
        key = k;
      }
      baskets[baskets.length - 1].push(Number(l.product_id));
    }
    const rows: { c: string; product_id: number; n: number }[] = await db.query(
      `SELECT customer_hash AS c, product_id, COUNT(*) AS n FROM basket_lines
        WHERE customer_hash IS NOT NULL AND date >= ${param}
        GROUP BY customer_hash, product_id`,
      [from],
    );
    for (const r of rows)
      customerLines.push({
        customer: r.c,
        productId: Number(r.product_id),
        count: Number(r.n),
      });
    const homes: { c: string; store_id: number; n: number }[] = await db.query(
      `SELECT customer_hash AS c, store_id, COUNT(DISTINCT basket_id) AS n FROM basket_lines
        WHERE customer_hash IS NOT NULL AND date >= ${param}
        GROUP BY customer_hash, store_id ORDER BY customer_hash, n DESC, store_id`,
      [from],
    );
    for (const h of homes)
      if (!homeStore.has(h.c)) homeStore.set(h.c, Number(h.store_id));
  }
  const storeSales: AffinityInputs['storeSales'] = [];
  if (salesFrom !== null) {
    const rows: { store_id: number; product_id: number; units: number }[] =
      await db.query(
        `SELECT store_id, product_id, SUM(units) AS units FROM sales
          WHERE date >= ${param} GROUP BY store_id, product_id`,
        [isoDaysBefore(salesFrom, windowDays - 1)],
      );
    for (const r of rows)
      storeSales.push({
        storeId: Number(r.store_id),
        productId: Number(r.product_id),
        units: Number(r.units),
      });
  }
  const products: {
    id: number;
    name: string;
    category_path: string;
    brand: string | null;
    regular_price: number;
    attributes: string;
  }[] = await db.query(
    'SELECT id, name, category_path, brand, regular_price, attributes FROM products ORDER BY id',
  );
  return {
    baskets,
    customerLines,
    homeStore,
    storeSales,
    products: products.map((p) => {
      const a = attributesOf(p.attributes);
      const pack = Number(a['pack_size'] ?? a['packSize']);
      const description = a['description'];
      return {
        id: Number(p.id),
        name: p.name,
        categoryPath: p.category_path,
        brand: p.brand,
        price: Number(p.regular_price),
        packSize: Number.isFinite(pack) && pack > 0 ? pack : null,
        description: typeof description === 'string' ? description : null,
      };
    }),
  };
}

/**
 * Replaces every affinity result in one transaction: readers see the previous results until the
 * commit, then the new ones; a failure leaves the previous results in place.
 */
export async function saveAffinityOutputs(
  db: DataSource,
  out: AffinityOutputs,
  meta: { baskets: number; windowDays: number; durationMs: number },
): Promise<AffinityRun> {
  return db.transaction(async (m: EntityManager) => {
    for (const entity of [
      AffinityPair,
      ProductSimilarity,
      AssortmentGap,
      SegmentPick,
    ])
      await m.createQueryBuilder().delete().from(entity).execute();
    const pairs: Partial<AffinityPair>[] = [];
    for (const [productId, list] of out.boughtTogether)
      list.forEach((n, i) =>
        pairs.push({
          productId,
          rank: i + 1,
          neighbourId: n.item,
          baskets: n.count,
          support: n.support,
          confidence: n.confidence,
          lift: n.lift,
          cosine: n.cosine,
        }),
      );
    const similar: Partial<ProductSimilarity>[] = [];
    for (const [productId, list] of out.similar)
      list.forEach((n, i) =>
        similar.push({
          productId,
          rank: i + 1,
          neighbourId: n.item,
          similarity: n.similarity,
          matches: n.matches.join(','),
          commonDepth: n.commonCategoryDepth,
          commonWords: n.commonWords.join(',').slice(0, 200),
        }),
      );
    const gaps: Partial<AssortmentGap>[] = [];
    for (const [storeId, g] of out.gaps)
      g.recs.forEach((r, i) =>
        gaps.push({
          storeId,
          rank: i + 1,
          productId: r.item,
          expectedShare: r.score,
          storesSelling: r.neighboursWithItem,
          storesCompared: g.compared,
          meanShare: r.meanValueWhereHeld,
          expectedUnits: r.score * g.totalUnits,
        }),
      );
    const picks: Partial<SegmentPick>[] = [];
    for (const [storeId, list] of out.segmentPicks)
      list.forEach((s, i) =>
        picks.push({
          storeId,
          rank: i + 1,
          productId: s.item,
          score: s.score,
          customers: s.members,
        }),
      );
    for (const [entity, rows] of [
      [AffinityPair, pairs],
      [ProductSimilarity, similar],
      [AssortmentGap, gaps],
      [SegmentPick, picks],
    ] as const) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await m
          .createQueryBuilder()
          .insert()
          .into(entity)
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
    }
    return m.save(
      m.create(AffinityRun, {
        computedAt: new Date(),
        baskets: meta.baskets,
        windowDays: meta.windowDays,
        pairs: out.pairs,
        similarPairs: similar.length,
        gaps: gaps.length,
        segmentPicks: picks.length,
        durationMs: Math.round(meta.durationMs),
      }),
    );
  });
}
