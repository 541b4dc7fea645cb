/** What content-based similarity reads of a product. */
export interface ProductContent {
  categoryPath: string;
  brand?: string | null;
  /** Regular price per unit. */
  price?: number | null;
  /** Pack size in any one unit per catalogue (parsed from the name when absent). */
  packSize?: number | null;
  name: string;
  description?: string | null;
}

export type ContentFeature = 'category' | 'brand' | 'price' | 'pack' | 'text';

export interface ContentNeighbour {
  item: number;
  similarity: number;
  /** Attribute groups the two products share (deepest common category level for 'category'). */
  matches: ContentFeature[];
  /** Levels of the category path both share. */
  commonCategoryDepth: number;
  /** Name/description words both contain (the most informative first, at most 5). */
  commonWords: string[];
}

export interface ContentOptions {
  k?: number;
  /** Relative weight of each attribute group (default category 3, brand 1, price 1, pack 1, text 2). */
  weights?: Partial<Record<ContentFeature, number>>;
  /** Width of a price band in log2 units (default 0.5: a band spans about ×1.41). */
  priceBandWidth?: number;
}

const DEFAULT_WEIGHTS: Record<ContentFeature, number> = {
  category: 3,
  brand: 1,
  price: 1,
  pack: 1,
  text: 2,
};

const STOP_WORDS = new Set(
  'a an and the of for with in on to by x oz ml l g kg lb ct pack pk'.split(
    ' ',
  ),
);

/** Lower-case word tokens of at least two letters, stop words and pure numbers dropped. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [])
    .map((t) => t.replace(/'s$|'/g, ''))
    .filter((t) => t.length >= 2 && !STOP_WORDS.has(t) && !/^\d+$/.test(t));
}

/** A pack size read from a name such as "Orange juice 64 oz" or "Milk 1.5 l" (null when none). */
export function parsePackSize(name: string): number | null {
  const m = /(\d+(?:[.,]\d+)?)\s*(oz|ml|cl|l|g|kg|lb|ct|pk|pack)\b/i.exec(name);
  if (!m) return null;
  const v = Number(m[1].replace(',', '.'));
  const unit = m[2].toLowerCase();
  const factor: Record<string, number> = { l: 1000, cl: 10, kg: 1000 };
  return v * (factor[unit] ?? 1);
}

interface GroupVector {
  features: Map<string, number>;
}

/**
 * Content-based similarity: each product becomes one vector per attribute group (category path
 * levels, brand, price band, pack size band, TF-IDF of name + description words), each group
 * L2-normalised and weighted, so the cosine is a weighted mean of per-group cosines. Neighbours
 * come from an inverted index (only products sharing a feature are compared).
 */
export function contentNeighbours(
  products: readonly ProductContent[],
  options: ContentOptions = {},
): ContentNeighbour[][] {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const band = options.priceBandWidth ?? 0.5;
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const tokens = products.map((p) =>
    tokenize(`${p.name} ${p.description ?? ''}`),
  );
  const df = new Map<string, number>();
  for (const list of tokens)
    for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = products.length;
  const vectors = products.map((p, i) => {
    const groups: [ContentFeature, GroupVector][] = [];
    const levels = p.categoryPath.split('/').filter((s) => s.trim() !== '');
    const cat = new Map<string, number>();
    // Deeper levels weigh more: sharing "juice/orange" says more than sharing "beverages".
    levels.forEach((_, d) =>
      cat.set(`c:${levels.slice(0, d + 1).join('/')}`, d + 1),
    );
    groups.push(['category', { features: cat }]);
    if (p.brand)
      groups.push([
        'brand',
        { features: new Map([[`b:${p.brand.toLowerCase()}`, 1]]) },
      ]);
    let priceBand: number | null = null;
    if (p.price !== null && p.price !== undefined && p.price > 0) {
      const x = Math.log2(p.price) / band;
      priceBand = Math.floor(x);
      groups.push(['price', { features: bandFeatures('p', x) }]);
    }
    const pack = p.packSize ?? parsePackSize(p.name);
    let packBand: number | null = null;
    if (pack !== null && pack > 0) {
      const x = Math.log2(pack) / 0.5;
      packBand = Math.floor(x);
      groups.push(['pack', { features: bandFeatures('s', x) }]);
    }
    const tf = new Map<string, number>();
    for (const t of tokens[i]) tf.set(t, (tf.get(t) ?? 0) + 1);
    const text = new Map<string, number>();
    for (const [t, f] of tf)
      text.set(
        `w:${t}`,
        (1 + Math.log(f)) * Math.log((1 + n) / (1 + (df.get(t) ?? 0)) + 1),
      );
    groups.push(['text', { features: text }]);
    const v = new Map<string, number>();
    const groupOf = new Map<string, ContentFeature>();
    for (const [g, { features }] of groups) {
      let norm = 0;
      for (const x of features.values()) norm += x * x;
      norm = Math.sqrt(norm);
      if (norm === 0) continue;
      const scale = Math.sqrt(weights[g] / total) / norm;
      for (const [f, x] of features) {
        v.set(f, x * scale);
        groupOf.set(f, g);
      }
    }
    return { v, groupOf, priceBand, packBand };
  });
  const postings = new Map<string, { item: number; w: number }[]>();
  vectors.forEach(({ v }, i) => {
    for (const [f, w] of v) {
      let list = postings.get(f);
      if (!list) postings.set(f, (list = []));
      list.push({ item: i, w });
    }
  });
  const k = options.k ?? 10;
  const dots = new Float64Array(n);
  return vectors.map(({ v, groupOf, priceBand, packBand }, i) => {
    const touched: number[] = [];
    for (const [f, w] of v) {
      for (const p of postings.get(f) ?? []) {
        if (p.item === i) continue;
        if (dots[p.item] === 0) touched.push(p.item);
        dots[p.item] += w * p.w;
      }
    }
    const list = touched.map((j) => ({ item: j, similarity: dots[j] }));
    for (const j of touched) dots[j] = 0;
    list.sort((a, b) => b.similarity - a.similarity || a.item - b.item);
    return list.slice(0, k).map(({ item, similarity }) => {
      const other = vectors[item].v;
      const matches = new Set<ContentFeature>();
      const words: { w: string; x: number }[] = [];
      let depth = 0;
      for (const [f, w] of v) {
        if (!other.has(f)) continue;
        const g = groupOf.get(f) as ContentFeature;
        if (g !== 'price' && g !== 'pack') matches.add(g);
        if (g === 'category') depth = Math.max(depth, f.split('/').length);
        if (g === 'text') words.push({ w: f.slice(2), x: w });
      }
      if (priceBand !== null && priceBand === vectors[item].priceBand)
        matches.add('price');
      if (packBand !== null && packBand === vectors[item].packBand)
        matches.add('pack');
      words.sort((a, b) => b.x - a.x);
      return {
        item,
        similarity: Math.min(1, similarity),
        matches: [...matches],
        commonCategoryDepth: depth,
        commonWords: words.slice(0, 5).map((x) => x.w),
      };
    });
  });
}

/** The band a log-scaled value falls in, plus its nearer neighbouring band at a lower weight. */
function bandFeatures(prefix: string, x: number): Map<string, number> {
  const b = Math.floor(x);
  const near = x - b < 0.5 ? b - 1 : b + 1;
  return new Map([
    [`${prefix}:${b}`, 1],
    [`${prefix}:${near}`, 0.5],
  ]);
}
