import { type SparseMatrix, transpose } from './sparse-matrix';

export interface SimilarUser {
  user: number;
  similarity: number;
}

export interface UserRecommendation {
  item: number;
  /** Similarity-weighted mean of the item's normalised value among the neighbours (0 where absent). */
  score: number;
  /** Neighbours that have the item. */
  neighboursWithItem: number;
  /** Mean normalised value of the item among the neighbours that have it. */
  meanValueWhereHeld: number;
}

export interface UserCfOptions {
  /** Similar users kept per user (default 10). */
  neighbours?: number;
  /** Recommendations kept per user (default 20). */
  topN?: number;
  /** An item must be held by at least this many neighbours (default 2). */
  minNeighbours?: number;
}

/**
 * Each row (user) scaled to shares of its total, so a large store and a small one with the same
 * mix look alike.
 */
export function rowShares(m: SparseMatrix): SparseMatrix {
  const values = new Float64Array(m.values.length);
  for (let r = 0; r < m.rows; r++) {
    let sum = 0;
    for (let x = m.rowPtr[r]; x < m.rowPtr[r + 1]; x++) sum += m.values[x];
    for (let x = m.rowPtr[r]; x < m.rowPtr[r + 1]; x++)
      values[x] = sum > 0 ? m.values[x] / sum : 0;
  }
  return { ...m, values };
}

/**
 * Top similar rows of every row by cosine, accumulated through the column lists (only pairs of
 * rows that share an item are ever touched).
 */
export function similarUsers(m: SparseMatrix, k: number): SimilarUser[][] {
  const t = transpose(m);
  const norms = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let x = m.rowPtr[r]; x < m.rowPtr[r + 1]; x++) s += m.values[x] ** 2;
    norms[r] = Math.sqrt(s);
  }
  const dots = new Float64Array(m.rows);
  const touched: number[] = [];
  const out: SimilarUser[][] = [];
  for (let u = 0; u < m.rows; u++) {
    for (let x = m.rowPtr[u]; x < m.rowPtr[u + 1]; x++) {
      const c = m.colIdx[x];
      const vu = m.values[x];
      for (let y = t.rowPtr[c]; y < t.rowPtr[c + 1]; y++) {
        const v = t.colIdx[y];
        if (v === u) continue;
        if (dots[v] === 0) touched.push(v);
        dots[v] += vu * t.values[y];
      }
    }
    const list: SimilarUser[] = [];
    for (const v of touched) {
      const denom = norms[u] * norms[v];
      if (denom > 0 && dots[v] > 0)
        list.push({ user: v, similarity: dots[v] / denom });
      dots[v] = 0;
    }
    touched.length = 0;
    list.sort((a, b) => b.similarity - a.similarity || a.user - b.user);
    out.push(list.slice(0, k));
  }
  return out;
}

/**
 * User-based collaborative filtering: for every row, the items its most similar rows hold and it
 * does not, scored by the similarity-weighted mean of their (normalised) value. With stores as
 * users and sales shares as values, these are a store's assortment gaps.
 */
export function userBasedRecommendations(
  m: SparseMatrix,
  options: UserCfOptions = {},
): { neighbours: SimilarUser[][]; recommendations: UserRecommendation[][] } {
  const k = options.neighbours ?? 10;
  const topN = options.topN ?? 20;
  const minNeighbours = options.minNeighbours ?? 2;
  const neighbours = similarUsers(m, k);
  const recommendations: UserRecommendation[][] = [];
  const sum = new Float64Array(m.cols);
  const held = new Uint32Array(m.cols);
  const own = new Uint8Array(m.cols);
  for (let u = 0; u < m.rows; u++) {
    for (let x = m.rowPtr[u]; x < m.rowPtr[u + 1]; x++)
      if (m.values[x] > 0) own[m.colIdx[x]] = 1;
    const touched: number[] = [];
    let simTotal = 0;
    const weighted = new Map<number, number>();
    for (const { user: v, similarity } of neighbours[u]) {
      simTotal += similarity;
      for (let x = m.rowPtr[v]; x < m.rowPtr[v + 1]; x++) {
        const c = m.colIdx[x];
        if (own[c] || m.values[x] <= 0) continue;
        if (held[c] === 0) touched.push(c);
        held[c]++;
        sum[c] += m.values[x];
        weighted.set(c, (weighted.get(c) ?? 0) + similarity * m.values[x]);
      }
    }
    const list: UserRecommendation[] = [];
    for (const c of touched) {
      if (held[c] >= minNeighbours && simTotal > 0)
        list.push({
          item: c,
          score: (weighted.get(c) ?? 0) / simTotal,
          neighboursWithItem: held[c],
          meanValueWhereHeld: sum[c] / held[c],
        });
      held[c] = 0;
      sum[c] = 0;
    }
    for (let x = m.rowPtr[u]; x < m.rowPtr[u + 1]; x++) own[m.colIdx[x]] = 0;
    list.sort((a, b) => b.score - a.score || a.item - b.item);
    recommendations.push(list.slice(0, topN));
  }
  return { neighbours, recommendations };
}

export interface SegmentItem {
  item: number;
  /** Sum of the members' user-CF scores for the item. */
  score: number;
  /** Members the item was recommended to. */
  members: number;
}

/**
 * Top-N items per customer segment: user-based CF per customer (similar customers' baskets),
 * summed over the segment's members. `segmentOf[user]` is the segment index (-1 = none).
 */
export function segmentTopItems(
  m: SparseMatrix,
  segmentOf: ArrayLike<number>,
  options: UserCfOptions = {},
): Map<number, SegmentItem[]> {
  const { recommendations } = userBasedRecommendations(m, {
    ...options,
    topN: Math.max(options.topN ?? 20, 20),
  });
  const bySegment = new Map<number, Map<number, SegmentItem>>();
  recommendations.forEach((recs, u) => {
    const seg = segmentOf[u];
    if (seg === undefined || seg < 0) return;
    let items = bySegment.get(seg);
    if (!items) bySegment.set(seg, (items = new Map()));
    for (const r of recs) {
      const e = items.get(r.item) ?? { item: r.item, score: 0, members: 0 };
      e.score += r.score;
      e.members++;
      items.set(r.item, e);
    }
  });
  const topN = options.topN ?? 20;
  const out = new Map<number, SegmentItem[]>();
  for (const [seg, items] of bySegment)
    out.set(
      seg,
      [...items.values()]
        .sort((a, b) => b.score - a.score || a.item - b.item)
        .slice(0, topN),
    );
  return out;
}
