/**
 * Hierarchy (grouped) structure over bottom series, held sparsely: the summing matrix S is never
 * formed. Each aggregate level groups the bottom series by a set of attribute keys (no keys = the
 * grand total). Every bottom series has exactly one parent node per aggregate level, so S is
 * stored as per-bottom parent lists (CSR `parentPtr`/`parents`) and, for the sums, as per-aggregate
 * child lists (CSR `childPtr`/`children`). Series order: aggregates first (level by level, in the
 * order given), then the bottom series, i.e. y = [a; b] with a = A b and S = [A; I].
 */

export interface HierarchyLevelSpec {
  /** Level name, e.g. 'chain', 'store', 'category × store'. */
  name: string;
  /** Attribute keys that identify a node of this level; [] = one total node. */
  keys: string[];
}

export interface BottomSeriesSpec {
  id: string;
  attributes: Record<string, string | undefined>;
}

export interface HierarchyLevel {
  name: string;
  keys: string[];
  /** Global index of this level's first node; its nodes are [start, start + size). */
  start: number;
  size: number;
}

export interface Hierarchy {
  /** Aggregate levels (coarse to fine as given), then the bottom level last. */
  levels: HierarchyLevel[];
  /** Series ids in global order (aggregates first, then bottoms). */
  ids: string[];
  /** Number of aggregate series (k) and bottom series (m); n = k + m. */
  nAgg: number;
  nBottom: number;
  /** Level index of every series. */
  levelOf: Int32Array;
  /** CSR over bottoms: parents of bottom j are parents[parentPtr[j] .. parentPtr[j+1]) (global). */
  parentPtr: Int32Array;
  parents: Int32Array;
  /** CSR over aggregates: bottoms (0-based bottom index) summed by aggregate i. */
  childPtr: Int32Array;
  children: Int32Array;
}

/** Node id of an aggregate: `<level>:<v1>|<v2>` or `<level>` for a total. */
export function nodeId(
  level: HierarchyLevelSpec,
  attrs: Record<string, string | undefined>,
): string {
  if (level.keys.length === 0) return level.name;
  return `${level.name}:${level.keys.map((k) => attrs[k] ?? '?').join('|')}`;
}

/**
 * Builds the structure. Node order inside a level follows first appearance among the bottoms.
 * Throws when a bottom id repeats or a bottom lacks a key one of the levels needs.
 */
export function buildHierarchy(
  bottoms: BottomSeriesSpec[],
  aggregateLevels: HierarchyLevelSpec[],
  bottomLevelName = 'bottom',
): Hierarchy {
  const seen = new Set<string>();
  for (const b of bottoms) {
    if (seen.has(b.id)) throw new Error(`hierarchy: bottom id ${b.id} repeats`);
    seen.add(b.id);
    for (const l of aggregateLevels)
      for (const k of l.keys)
        if (b.attributes[k] === undefined)
          throw new Error(
            `hierarchy: bottom ${b.id} lacks attribute "${k}" (level ${l.name})`,
          );
  }
  const m = bottoms.length;
  const L = aggregateLevels.length;
  const ids: string[] = [];
  const levels: HierarchyLevel[] = [];
  const parentOf = aggregateLevels.map(() => new Int32Array(m));
  for (let l = 0; l < L; l++) {
    const spec = aggregateLevels[l];
    const index = new Map<string, number>();
    const start = ids.length;
    for (let j = 0; j < m; j++) {
      const id = nodeId(spec, bottoms[j].attributes);
      let g = index.get(id);
      if (g === undefined) {
        g = ids.length;
        index.set(id, g);
        ids.push(id);
      }
      parentOf[l][j] = g;
    }
    levels.push({
      name: spec.name,
      keys: [...spec.keys],
      start,
      size: ids.length - start,
    });
  }
  const k = ids.length;
  const allKeys = [...new Set(aggregateLevels.flatMap((l) => l.keys))];
  levels.push({ name: bottomLevelName, keys: allKeys, start: k, size: m });
  for (const b of bottoms) ids.push(b.id);
  const levelOf = new Int32Array(k + m);
  levels.forEach((l, i) => levelOf.fill(i, l.start, l.start + l.size));
  const parentPtr = new Int32Array(m + 1);
  const parents = new Int32Array(m * L);
  const childCount = new Int32Array(k);
  for (let j = 0; j < m; j++) {
    parentPtr[j + 1] = (j + 1) * L;
    for (let l = 0; l < L; l++) {
      parents[j * L + l] = parentOf[l][j];
      childCount[parentOf[l][j]]++;
    }
  }
  const childPtr = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) childPtr[i + 1] = childPtr[i] + childCount[i];
  const children = new Int32Array(childPtr[k]);
  const fill = childPtr.slice(0, k);
  for (let j = 0; j < m; j++)
    for (let p = parentPtr[j]; p < parentPtr[j + 1]; p++)
      children[fill[parents[p]]++] = j;
  return {
    levels,
    ids,
    nAgg: k,
    nBottom: m,
    levelOf,
    parentPtr,
    parents,
    childPtr,
    children,
  };
}

/**
 * Sums bottom series into every node: returns n arrays (aggregates then the bottoms themselves,
 * which are copied). NaN bottoms count as 0 in a sum; a sum is NaN only when all its children are.
 */
export function aggregateBottom(
  h: Hierarchy,
  bottoms: ArrayLike<number>[],
): Float64Array[] {
  if (bottoms.length !== h.nBottom)
    throw new Error(
      `hierarchy: expected ${h.nBottom} bottom series, got ${bottoms.length}`,
    );
  const len = bottoms.length > 0 ? bottoms[0].length : 0;
  const out: Float64Array[] = [];
  for (let i = 0; i < h.nAgg; i++) {
    const s = new Float64Array(len);
    const any = new Uint8Array(len);
    for (let c = h.childPtr[i]; c < h.childPtr[i + 1]; c++) {
      const b = bottoms[h.children[c]];
      for (let t = 0; t < len; t++)
        if (b[t] === b[t]) {
          s[t] += b[t];
          any[t] = 1;
        }
    }
    for (let t = 0; t < len; t++) if (!any[t]) s[t] = NaN;
    out.push(s);
  }
  for (const b of bottoms) out.push(Float64Array.from(b));
  return out;
}

/** Overwrites the aggregate entries of one full vector y (length n) with the sums of its bottoms. */
export function sumUp(h: Hierarchy, y: Float64Array): Float64Array {
  const k = h.nAgg;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let c = h.childPtr[i]; c < h.childPtr[i + 1]; c++)
      s += y[k + h.children[c]];
    y[i] = s;
  }
  return y;
}

/**
 * Largest |aggregate − sum of its bottoms| over the nodes of one full vector, relative to
 * max(1, |aggregate|): 0 for a coherent vector. Parent = sum of children at every level follows,
 * because every level's nodes partition the same bottoms.
 */
export function coherenceError(h: Hierarchy, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < h.nAgg; i++) {
    let s = 0;
    for (let c = h.childPtr[i]; c < h.childPtr[i + 1]; c++)
      s += y[h.nAgg + h.children[c]];
    worst = Math.max(worst, Math.abs(y[i] - s) / Math.max(1, Math.abs(y[i])));
  }
  return worst;
}

/** Number of bottoms under every series (1 for a bottom): the diagonal of S·1, for structural WLS. */
export function bottomCounts(h: Hierarchy): Float64Array {
  const d = new Float64Array(h.nAgg + h.nBottom).fill(1);
  for (let i = 0; i < h.nAgg; i++) d[i] = h.childPtr[i + 1] - h.childPtr[i];
  return d;
}
