import type { DataSource, EntityManager } from 'typeorm';
import type { AffinityInputs, AffinityOutputs } from './affinity-compute';
import {
  AffinityPair,
  AffinityRun,
  AssortmentGap,
  ProductSimilarity,
  SegmentPick,
} from './entities/affinity-results.entity';
import {
  forDialect,
  isoDayOrNull,
  type SqlDate,
  type SqlNumeric,
  sqlQueryThenYield,
} from '../database/raw-sql';

interface LastDayRow {
  d: SqlDate | null;
}
interface IdRow {
  id: number;
}
interface BasketLineRow {
  basket_id: string | number;
  product_id: number;
}
interface CustomerProductRow {
  c: string;
  product_id: number;
  n: SqlNumeric;
}
interface CustomerBasketsRow {
  c: string;
  n: SqlNumeric;
}
interface ProductUnitsRow {
  product_id: number;
  units: SqlNumeric;
}
interface ProductRow {
  id: number;
  name: string;
  category_path: string;
  brand: string | null;
  regular_price: number;
  attributes: string;
}

/** The attributes (a JSON object in products.attributes) the content similarity reads. */
interface ProductAttributes {
  pack_size?: unknown;
  packSize?: unknown;
  description?: unknown;
}

const DAY_MS = 86_400_000;
const INSERT_CHUNK = 500;

function isoDaysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

function attributesOf(text: unknown): ProductAttributes {
  try {
    const v: unknown = JSON.parse(String(text ?? '{}'));
    return v && typeof v === 'object' ? (v as ProductAttributes) : {};
  } catch {
    return {};
  }
}

/**
 * Loads what one affinity run reads: basket lines and sales of the last `windowDays` held. The
 * reads go store by store with a yield between them: on SQLite each read blocks the API's event
 * loop, and one chain-wide read of 90 days held it for ~75 ms after a promotion. Rows come out in
 * the order, and sums come out as, the chain-wide queries gave them.
 */
export async function loadAffinityInputs(
  db: DataSource,
  windowDays: number,
): Promise<AffinityInputs> {
  const read = <T extends object>(sql: string, params: unknown[] = []) =>
    sqlQueryThenYield<T>(db, sql, params);
  const [basketEnd] = await read<LastDayRow>(
    'SELECT MAX(date) AS d FROM basket_lines',
  );
  const [salesEnd] = await read<LastDayRow>('SELECT MAX(date) AS d FROM sales');
  const basketFrom = isoDayOrNull(basketEnd?.d);
  const salesFrom = isoDayOrNull(salesEnd?.d);
  const stores = (await read<IdRow>('SELECT id FROM stores ORDER BY id')).map(
    (r) => Number(r.id),
  );
  const baskets: number[][] = [];
  const customerCounts = new Map<string, Map<number, number>>();
  const homes = new Map<string, { store: number; n: number }>();
  const storeSales: AffinityInputs['storeSales'] = [];
  const basketsFrom =
    basketFrom === null ? null : isoDaysBefore(basketFrom, windowDays - 1);
  const salesFromDay =
    salesFrom === null ? null : isoDaysBefore(salesFrom, windowDays - 1);
  for (const store of stores) {
    if (basketsFrom !== null) {
      let key = '';
      for (const l of await read<BasketLineRow>(
        `SELECT basket_id, product_id FROM basket_lines
          WHERE store_id = ? AND date >= ? ORDER BY basket_id`,
        [store, basketsFrom],
      )) {
        const k = String(l.basket_id);
        if (k !== key) {
          baskets.push([]);
          key = k;
        }
        baskets[baskets.length - 1].push(Number(l.product_id));
      }
      for (const r of await read<CustomerProductRow>(
        `SELECT customer_hash AS c, product_id, COUNT(*) AS n FROM basket_lines
          WHERE store_id = ? AND customer_hash IS NOT NULL AND date >= ?
          GROUP BY customer_hash, product_id`,
        [store, basketsFrom],
      )) {
        const c = String(r.c);
        let counts = customerCounts.get(c);
        if (!counts) customerCounts.set(c, (counts = new Map()));
        const pid = Number(r.product_id);
        counts.set(pid, (counts.get(pid) ?? 0) + Number(r.n));
      }
      for (const h of await read<CustomerBasketsRow>(
        `SELECT customer_hash AS c, COUNT(DISTINCT basket_id) AS n FROM basket_lines
          WHERE store_id = ? AND customer_hash IS NOT NULL AND date >= ?
          GROUP BY customer_hash`,
        [store, basketsFrom],
      )) {
        // The home store: most baskets, the lowest store id on a tie (stores come in id order).
        const c = String(h.c);
        const n = Number(h.n);
        const best = homes.get(c);
        if (!best || n > best.n) homes.set(c, { store, n });
      }
    }
    if (salesFromDay !== null)
      for (const r of await read<ProductUnitsRow>(
        `SELECT product_id, SUM(units) AS units FROM sales
          WHERE store_id = ? AND date >= ? GROUP BY product_id`,
        [store, salesFromDay],
      ))
        storeSales.push({
          storeId: store,
          productId: Number(r.product_id),
          units: Number(r.units),
        });
  }
  const customerLines: AffinityInputs['customerLines'] = [];
  for (const c of [...customerCounts.keys()].sort())
    for (const [productId, count] of [
      ...(customerCounts.get(c) ?? new Map<number, number>()),
    ].sort((a, b) => a[0] - b[0]))
      customerLines.push({ customer: c, productId, count });
  const homeStore = new Map<string, number>(
    [...homes].map(([c, h]) => [c, h.store]),
  );
  const products = await read<ProductRow>(
    'SELECT id, name, category_path, brand, regular_price, attributes FROM products ORDER BY id',
  );
  return {
    baskets,
    customerLines,
    homeStore,
    storeSales,
    products: products.map((p) => {
      const a = attributesOf(p.attributes);
      const pack = Number(a.pack_size ?? a.packSize);
      const description = a.description;
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
    const pairs: unknown[][] = [];
    for (const [productId, list] of out.boughtTogether)
      list.forEach((n, i) =>
        pairs.push([
          productId,
          i + 1,
          n.item,
          n.count,
          n.support,
          n.confidence,
          n.lift,
          n.cosine,
        ]),
      );
    const similar: unknown[][] = [];
    for (const [productId, list] of out.similar)
      list.forEach((n, i) =>
        similar.push([
          productId,
          i + 1,
          n.item,
          n.similarity,
          n.matches.join(','),
          n.commonCategoryDepth,
          n.commonWords.join(',').slice(0, 200),
        ]),
      );
    const gaps: unknown[][] = [];
    for (const [storeId, g] of out.gaps)
      g.recs.forEach((r, i) =>
        gaps.push([
          storeId,
          i + 1,
          r.item,
          r.score,
          r.neighboursWithItem,
          g.compared,
          r.meanValueWhereHeld,
          r.score * g.totalUnits,
        ]),
      );
    const picks: unknown[][] = [];
    for (const [storeId, list] of out.segmentPicks)
      list.forEach((x, i) =>
        picks.push([storeId, i + 1, x.item, x.score, x.members]),
      );
    // Plain multi-row INSERTs: the query builder spent ~25 ms of the API's thread per 500 rows.
    const insert = insertRows(db, m);
    await insert(
      'affinity_pairs',
      [
        'product_id',
        'rank',
        'neighbour_id',
        'baskets',
        'support',
        'confidence',
        'lift',
        'cosine',
      ],
      pairs,
    );
    await insert(
      'product_similarities',
      [
        'product_id',
        'rank',
        'neighbour_id',
        'similarity',
        'matches',
        'common_depth',
        'common_words',
      ],
      similar,
    );
    await insert(
      'assortment_gaps',
      [
        'store_id',
        'rank',
        'product_id',
        'expected_share',
        'stores_selling',
        'stores_compared',
        'mean_share',
        'expected_units',
      ],
      gaps,
    );
    await insert(
      'segment_picks',
      ['store_id', 'rank', 'product_id', 'score', 'customers'],
      picks,
    );
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

/** Chunked multi-row INSERT with `?` placeholders (numbered on PostgreSQL). */
function insertRows(db: DataSource, m: EntityManager) {
  return async (
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
  ): Promise<void> => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await m.query(
        forDialect(
          db,
          `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
        ),
        chunk.flat(),
      );
    }
  };
}
