/**
 * One regression tree grown leaf-wise (best gain first) on binned features from gradient
 * histograms. The smaller child's histogram is built from its rows and the larger one's is the
 * parent's minus it. Leaf value = -G / (H + lambda) (Newton step with L2 regularisation), or a
 * renewed value supplied by the caller (L1/pinball).
 */

/** Internal nodes in arrays; a child index < 0 is the leaf ~child. */
export interface Tree {
  feature: Int32Array;
  /** Split "bin <= bin[k]" goes left (bin 0 = missing). */
  bin: Int32Array;
  /** The same split on raw values: v <= threshold goes left; NaN goes left. */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  leafValue: Float64Array;
}

export interface TreeParams {
  maxLeaves: number;
  maxDepth: number;
  minDataInLeaf: number;
  lambda: number;
  minGain: number;
}

interface Leaf {
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  /** Parent node index and side that points at this leaf (-1 for the root). */
  parent: number;
  isLeft: boolean;
  best: { gain: number; feature: number; bin: number } | null;
}

const NB = 256;

export interface TreeContext {
  codes: Uint8Array;
  f: number;
  grad: Float64Array;
  hess: Float64Array;
  edges: Float64Array[];
  /** Features allowed for this tree. */
  features: Int32Array;
}

function buildHist(
  ctx: TreeContext,
  rows: Int32Array,
  start: number,
  end: number,
): Float64Array {
  const { codes, f, grad, hess, features } = ctx;
  const hist = new Float64Array(f * NB * 3);
  const nf = features.length;
  for (let k = start; k < end; k++) {
    const i = rows[k];
    const g = grad[i];
    const h = hess[i];
    const base = i * f;
    for (let q = 0; q < nf; q++) {
      const j = features[q];
      const o = (j * NB + codes[base + j]) * 3;
      hist[o] += g;
      hist[o + 1] += h;
      hist[o + 2] += 1;
    }
  }
  return hist;
}

function bestSplit(ctx: TreeContext, leaf: Leaf, p: TreeParams): Leaf['best'] {
  const count = leaf.end - leaf.start;
  if (count < 2 * p.minDataInLeaf || leaf.depth >= p.maxDepth) return null;
  const { hist, g: G, h: H } = leaf;
  const parentScore = (G * G) / (H + p.lambda);
  let best: Leaf['best'] = null;
  for (const j of ctx.features) {
    const nb = ctx.edges[j].length + 1; // bins 0..nb
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < nb; b++) {
      const o = (j * NB + b) * 3;
      gl += hist[o];
      hl += hist[o + 1];
      cl += hist[o + 2];
      if (cl < p.minDataInLeaf) continue;
      const cr = count - cl;
      if (cr < p.minDataInLeaf) break;
      const gr = G - gl;
      const hr = H - hl;
      const gain =
        (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parentScore;
      if (gain > p.minGain && (best === null || gain > best.gain))
        best = { gain, feature: j, bin: b };
    }
  }
  return best;
}

export interface GrownTree {
  tree: Tree;
  /** Row index ranges of each leaf in `rows` (for leaf renewal and fast prediction updates). */
  leafRanges: [number, number][];
  /** Total split gain per feature. */
  gains: Float64Array;
}

/** Grows one tree on rows[0..rows.length) (reordered in place into leaf ranges). */
export function growTree(
  ctx: TreeContext,
  rows: Int32Array,
  p: TreeParams,
): GrownTree {
  const feature: number[] = [];
  const bin: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const gains = new Float64Array(ctx.f);
  const mk = (
    start: number,
    end: number,
    depth: number,
    hist: Float64Array,
    parent: number,
    isLeft: boolean,
  ): Leaf => {
    let g = 0;
    let h = 0;
    for (let k = start; k < end; k++) {
      g += ctx.grad[rows[k]];
      h += ctx.hess[rows[k]];
    }
    const leaf: Leaf = {
      start,
      end,
      depth,
      hist,
      g,
      h,
      parent,
      isLeft,
      best: null,
    };
    leaf.best = bestSplit(ctx, leaf, p);
    return leaf;
  };
  const leaves: Leaf[] = [
    mk(0, rows.length, 0, buildHist(ctx, rows, 0, rows.length), -1, true),
  ];
  while (leaves.length < p.maxLeaves) {
    let pick = -1;
    for (let l = 0; l < leaves.length; l++) {
      const b = leaves[l].best;
      if (b && (pick < 0 || b.gain > (leaves[pick].best?.gain ?? -1))) pick = l;
    }
    if (pick < 0) break;
    const leaf = leaves[pick];
    const best = leaf.best;
    if (!best) break;
    const { feature: j, bin: t } = best;
    // Partition rows[start..end) so that bin <= t comes first (stable enough; order is irrelevant).
    let a = leaf.start;
    let b = leaf.end - 1;
    while (a <= b) {
      if (ctx.codes[rows[a] * ctx.f + j] <= t) a++;
      else {
        const tmp = rows[a];
        rows[a] = rows[b];
        rows[b] = tmp;
        b--;
      }
    }
    const mid = a;
    const node = feature.length;
    feature.push(j);
    bin.push(t);
    threshold.push(t === 0 ? -Infinity : ctx.edges[j][t - 1]);
    left.push(0);
    right.push(0);
    if (leaf.parent >= 0) {
      if (leaf.isLeft) left[leaf.parent] = node;
      else right[leaf.parent] = node;
    }
    gains[j] += best.gain;
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller
      ? buildHist(ctx, rows, leaf.start, mid)
      : buildHist(ctx, rows, mid, leaf.end);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k] -= small[k];
    const lh = leftSmaller ? small : large;
    const rh = leftSmaller ? large : small;
    const l = mk(leaf.start, mid, leaf.depth + 1, lh, node, true);
    const r = mk(mid, leaf.end, leaf.depth + 1, rh, node, false);
    leaves.splice(pick, 1, l, r);
  }
  // Leaf values and pointers from the parents.
  const leafValue = new Float64Array(leaves.length);
  const leafRanges: [number, number][] = [];
  leaves.forEach((leaf, k) => {
    leafValue[k] = -leaf.g / (leaf.h + p.lambda);
    leafRanges.push([leaf.start, leaf.end]);
    if (leaf.parent >= 0) {
      if (leaf.isLeft) left[leaf.parent] = ~k;
      else right[leaf.parent] = ~k;
    }
  });
  return {
    tree: {
      feature: Int32Array.from(feature),
      bin: Int32Array.from(bin),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      leafValue,
    },
    leafRanges,
    gains,
  };
}

/** Leaf index of one row of raw features (row-major x, f columns). */
export function leafOfRaw(t: Tree, x: ArrayLike<number>, base: number): number {
  if (t.feature.length === 0) return 0;
  let node = 0;
  for (;;) {
    const v = x[base + t.feature[node]];
    const next =
      !(v === v) || v <= t.threshold[node] ? t.left[node] : t.right[node];
    if (next < 0) return ~next;
    node = next;
  }
}

/** Leaf index of one row of bin codes. */
export function leafOfBins(t: Tree, codes: Uint8Array, base: number): number {
  if (t.feature.length === 0) return 0;
  let node = 0;
  for (;;) {
    const next =
      codes[base + t.feature[node]] <= t.bin[node]
        ? t.left[node]
        : t.right[node];
    if (next < 0) return ~next;
    node = next;
  }
}
