import {
  borrowProfile,
  crossStoreScale,
  type Donor,
} from '@shelfcast/affinity';
import type { Frequency, SeriesInput } from '@shelfcast/forecasting';
import type { ShardDb } from './shard-db';

export type ContentNeighbours = ReadonlyMap<
  number,
  readonly { productId: number; similarity: number }[]
>;

interface NeighbourRow {
  product_id: number;
  neighbour_id: number;
  similarity: number;
}

/** Content-similar products per product, as the last affinity run stored them (empty before one). */
export async function loadContentNeighbours(
  db: ShardDb,
): Promise<ContentNeighbours> {
  const rows = await db.all<NeighbourRow>(
    'SELECT product_id, neighbour_id, similarity FROM product_similarities ORDER BY product_id, rank',
  );
  const out = new Map<number, { productId: number; similarity: number }[]>();
  for (const r of rows) {
    const id = Number(r.product_id);
    const list = out.get(id) ?? [];
    list.push({
      productId: Number(r.neighbour_id),
      similarity: Number(r.similarity),
    });
    out.set(id, list);
  }
  return out;
}

const RECENT: Record<Frequency, number> = { day: 28, week: 8, month: 3 };
const DONORS = 3;

function validCount(v: Float64Array): number {
  let c = 0;
  for (const x of v) if (x === x) c++;
  return c;
}

function recent(s: SeriesInput, periods: number): Float64Array {
  return s.values.slice(Math.max(0, s.values.length - periods));
}

function level(v: Float64Array): number {
  let sum = 0;
  let c = 0;
  for (const x of v)
    if (x === x) {
      sum += x;
      c++;
    }
  return c ? sum / c : NaN;
}

/**
 * Cold start: a series with no sales history in its store gets a level prior borrowed from its
 * most similar established products in the same store, each scaled by how the product sells
 * relative to that donor in the other stores of the panel (median ratio). Without such a ratio
 * the engine's own category prior stays: on Dominick's OJ, unscaled borrowing did worse than the
 * category average (bench:affinity), scaled borrowing better. Returns the series given a prior.
 */
export function applyColdStartPriors(
  series: SeriesInput[],
  keyOf: (s: SeriesInput) => { storeId: number; productId: number } | null,
  neighbours: ContentNeighbours,
  frequency: Frequency,
): number {
  if (neighbours.size === 0) return 0;
  const window = RECENT[frequency];
  // storeId → productId → recent level; and the series per store for donors.
  const byStore = new Map<number, Map<number, SeriesInput>>();
  for (const s of series) {
    const k = keyOf(s);
    if (!k) continue;
    let m = byStore.get(k.storeId);
    if (!m) byStore.set(k.storeId, (m = new Map()));
    m.set(k.productId, s);
  }
  const levelIn = (store: Map<number, SeriesInput>, product: number) => {
    const s = store.get(product);
    return s ? level(recent(s, window)) : NaN;
  };
  let given = 0;
  for (const s of series) {
    const k = keyOf(s);
    if (!k || validCount(s.values) > 0) continue;
    const store = byStore.get(k.storeId);
    if (!store) continue;
    const donors: Donor[] = [];
    for (const n of neighbours.get(k.productId) ?? []) {
      if (donors.length >= DONORS) break;
      const own = store.get(n.productId);
      if (!own || !(level(recent(own, window)) > 0)) continue;
      const pairs = [...byStore]
        .filter(([id]) => id !== k.storeId)
        .map(([, other]) => ({
          target: levelIn(other, k.productId),
          donor: levelIn(other, n.productId),
        }));
      const scale = crossStoreScale(pairs);
      if (scale === null) continue;
      donors.push({
        similarity: n.similarity,
        recent: recent(own, window),
        scale,
      });
    }
    const borrowed = borrowProfile(donors);
    if (!borrowed || !(borrowed.level > 0)) continue;
    s.attributes = { ...s.attributes, levelPrior: borrowed.level };
    given++;
  }
  return given;
}
